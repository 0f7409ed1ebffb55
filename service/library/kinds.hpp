#pragma once
/// Document kinds as data (DESIGN §1 "document services generic over document kinds"): what the
/// library needs to store, index and search a kind without knowing it. SOP is one descriptor;
/// a map is another; a test registers its own and takes it through the whole life cycle.
/// What the API adds per kind (schema, rules, renderers) is in api/doc_kinds.hpp.
#include <deque>
#include <functional>
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

/// Where the content names who acts in it (a SOP's pelaksana), for "the documents my position
/// acts in": an array of actors, each with a key and, for a position of the organisation, that
/// position's id; an array of steps, each naming its actor by key. Empty `actors`: none.
struct ActorFields {
  std::string_view actors;      // "/actors": JSON pointer to the array of actors
  std::string_view key;         // "id": the member a step names its actor by
  std::string_view position;    // "position": the member holding a position id (absent: outsider)
  std::string_view steps;       // "/steps": JSON pointer to the array of steps
  std::string_view step_actor;  // "actor": the member naming the step's actor
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
  /// Who acts in the content, indexed in the summary (DocSummary::acting).
  ActorFields actors = {};
  /// The arrays whose elements carry a stable `id` (a SOP's "/steps", "/actors"): a review
  /// comment anchored inside one is stored by the element's id, so it follows the element when
  /// others are inserted or removed before it (domain/anchor.hpp, DocumentLibrary::comment).
  std::vector<std::string_view> keyed_arrays = {};
  /// Monitoring and evaluation records of versions in force (SOPs, DOMAIN §1.4): their routes,
  /// and their due dates in the index. A kind without them is never due.
  bool records = false;
  /// Files derived from the content and written beside its JSON in the same commit (a
  /// cross-functional map's BPMN, so any BPMN tool opens it from a clone): for each suffix
  /// (".bpmn") that file's content, or nullopt when this content has none (a stale one is removed).
  /// Derived, never read back: the JSON stays the record.
  std::function<std::vector<std::pair<std::string, std::optional<std::string>>>(
      std::string_view id, std::string_view content)>
      beside = nullptr;
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
  std::vector<Acting> acting;      // the positions that act, each once, in the actors' order
};
Identity identity_of(const KindDescriptor& kind, std::string_view content);

/// The positions acting in `doc` and the steps each performs, as `fields` name them: each
/// position once, in the order of the actors; its steps numbered from 1 as the procedure table
/// numbers them. Empty when `fields` names no actors.
std::vector<Acting> acting_of(const ActorFields& fields, const boost::json::value& doc);

/// Every string value at `pointer` in `doc` ("*" segments expand over arrays).
std::vector<std::string_view> strings_at(const boost::json::value& doc, std::string_view pointer);

}  // namespace sopan::library
