#pragma once
/// The library's value types and their JSON forms (as stored in the index and sent by the API).
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"

namespace sopan::library {

enum class DocKind { kSop, kMap };

std::string_view kind_name(DocKind kind);  // "sop", "map"
std::optional<DocKind> parse_kind(std::string_view name);
/// Stable path keyed by id: "sops/<shard>/<id>.json". Precondition: is_valid_id(id).
std::string doc_path(DocKind kind, std::string_view id);
struct DocRef {
  DocKind kind;
  std::string id;
};
/// Inverse of doc_path; nullopt for any other path.
std::optional<DocRef> parse_doc_path(std::string_view path);
std::string draft_ref(std::string_view id);  // "refs/drafts/<id>"
inline constexpr std::string_view kMainRef = "refs/heads/main";

/// The person behind a change: commit author and event actor.
struct Actor {
  std::string name;
  std::string nip;  // 18 digits for staff; empty for system actions
};

/// One commit in a document's history.
struct VersionRow {
  std::uint64_t version = 0;
  std::string commit;
  std::string action;
  std::string actor_name;
  std::string actor_email;
  TimeMs time = 0;
  std::string message;
  bool on_main = false;

  boost::json::value to_json() const;
  static Result<VersionRow> from_json(const boost::json::value& v);
};

struct Head {
  std::string commit;
  std::uint64_t version = 0;
  TimeMs time = 0;
};

/// What the index knows about one document without reading git.
struct DocSummary {
  std::string id;
  DocKind kind = DocKind::kSop;
  std::string unit;
  std::string number;
  std::string title;
  std::string status;  // konsep, berlaku, ...
  std::uint64_t last_version = 0;
  std::optional<Head> draft;
  std::optional<Head> in_force;
  TimeMs updated_at = 0;
  std::string updated_by;
  /// The classification values of SOPs (teknis, mikro, final, ...), for filtering lists.
  std::vector<std::string> classification;

  boost::json::value to_json() const;
  static Result<DocSummary> from_json(const boost::json::value& v);
};

/// A document's content at one version.
struct Document {
  DocSummary summary;
  std::string content;  // the JSON file as stored in git
  std::uint64_t version = 0;
  std::string commit;
  bool is_draft = false;
};

}  // namespace sopan::library
