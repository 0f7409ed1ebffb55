#pragma once
/// An electronic signature's record (DESIGN §3): printed name, NIP, position, meaning, UTC time.
/// How it is obtained (the password again) is the API's business; this is what is written.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// A signature read back from its trailer value (`Signature::trailer`), the time as written.
struct SignatureRecord {
  std::string name, nip, position, meaning, time;
};

/// The five fields of a signature trailer value; nullopt unless there are exactly five.
inline std::optional<SignatureRecord> read_signature(std::string_view value) {
  std::vector<std::string> fields;
  for (std::size_t cut; (cut = value.find("; ")) != std::string_view::npos;
       value.remove_prefix(cut + 2))
    fields.emplace_back(value.substr(0, cut));
  fields.emplace_back(value);
  if (fields.size() != 5) return std::nullopt;
  return SignatureRecord{fields[0], fields[1], fields[2], fields[3], fields[4]};
}

}  // namespace sopan::domain
