#pragma once
/// An electronic signature's record (DESIGN §3): printed name, NIP, position, meaning, UTC time.
/// How it is obtained (the password again) is the API's business; this is what is written.
#include <boost/json/object.hpp>
#include <string>
#include <utility>

#include "common/time.hpp"

namespace sopan::domain {

struct Signature {
  std::string name;
  std::string nip;
  std::string position;  // the position the signer holds when signing
  std::string meaning;   // "disahkan", "dievaluasi, tetap berlaku"
  TimeMs time = 0;

  /// The commit trailer: "Sopan-Signature: <name>; <NIP>; <position>; <meaning>; <UTC time>".
  /// A ';' inside a field becomes ',' so no name or position can shift the NIP's place.
  std::pair<std::string, std::string> trailer() const {
    auto field = [](std::string v) {
      for (char& c : v)
        if (c == ';') c = ',';
      return v;
    };
    return {"Sopan-Signature", field(name) + "; " + field(nip) + "; " + field(position) + "; " +
                                   field(meaning) + "; " + format_utc(time)};
  }
  boost::json::object to_json() const {
    return {{"name", name},
            {"nip", nip},
            {"position", position},
            {"meaning", meaning},
            {"time", format_utc(time)}};
  }
};

}  // namespace sopan::domain
