#pragma once
/// Document kinds as data (DESIGN §1 "document services generic over document kinds"): what the
/// library needs to store, index and search a kind without knowing it. SOP is one descriptor;
/// a map is another; a test registers its own and takes it through the whole life cycle.
/// What the API adds per kind (schema, rules, renderers) is in api/doc_kinds.hpp.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "library/model.hpp"

namespace sopan::library {

/// A field whose words are searched, and which search field (search::Field bit) it counts as.
/// `pointer` is a JSON pointer whose "*" segments stand for every item of an array.
struct SearchedField {
  std::string_view pointer;
  std::uint8_t field;
};

struct KindDescriptor {
  DocKind kind;             // "sop": the summary's kind, the API's {"kind"}
  std::string_view folder;  // "sops": folder in git, Sopan-Doc prefix, /api/v1/<folder>
  std::string_view label;   // Indonesian: "SOP", "Peta Proses Bisnis"
  // Identity shown in lists, read from the content (JSON pointers; "" = the kind has none).
  std::string_view unit = "/unit";
  std::string_view number = "/number";
  std::string_view title = "/title";
  /// An object whose string values tag the document (a SOP's classification).
  std::string_view tags = "/classification";
  /// The day a ratified version takes effect (what ratification stamps).
  std::string_view effective = "/dates/effective";
  std::vector<SearchedField> searched;
  /// Where the content names other documents by id (a SOP's related SOPs): JSON pointers with
  /// "*" segments, as for `searched`.
  std::vector<std::string_view> links = {};
};

/// Every kind known to this process: the built-in ones first (a deque: registering one keeps
/// every pointer to the others valid).
const std::deque<KindDescriptor>& kinds();
/// Adds `kind` (a test's own, or a later issue's). Call before any library opens; its name and
/// folder must be new.
void register_kind(KindDescriptor kind);
/// nullptr for a kind that is not registered.
const KindDescriptor* find_kind(DocKind kind);
const KindDescriptor* kind_by_folder(std::string_view folder);

/// The identity fields of `content` (a JSON document of `kind`) as its descriptor names them.
struct Identity {
  std::string unit, number, title;
  std::vector<std::string> tags;
  std::string effective;           // "YYYY-MM-DD" when it is a valid date, else ""
  std::vector<std::string> links;  // ids of the documents it names, each once, in order
};
Identity identity_of(const KindDescriptor& kind, std::string_view content);

/// Every string value at `pointer` in `doc` ("*" segments expand over arrays).
std::vector<std::string_view> strings_at(const boost::json::value& doc, std::string_view pointer);

}  // namespace sopan::library
