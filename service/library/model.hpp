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

/// A document kind, by name ("sop", "map"); what the library knows of it is its descriptor
/// (library/kinds.hpp). `name` points at the registered descriptor's storage.
struct DocKind {
  std::string_view name;
  static const DocKind kSop;
  static const DocKind kMap;
  friend bool operator==(DocKind a, DocKind b) { return a.name == b.name; }
};
inline constexpr DocKind DocKind::kSop{"sop"};
inline constexpr DocKind DocKind::kMap{"map"};

std::string_view kind_name(DocKind kind);  // "sop", "map"
/// The registered kind named `name`; nullopt for one that is not.
std::optional<DocKind> parse_kind(std::string_view name);
/// Stable path keyed by id: "<folder>/<shard>/<id>.json" ("sops/…"). Preconditions:
/// is_valid_id(id), `kind` registered.
std::string doc_path(DocKind kind, std::string_view id);
struct DocRef {
  DocKind kind;
  std::string id;
};
/// Inverse of doc_path; nullopt for any other path.
std::optional<DocRef> parse_doc_path(std::string_view path);
/// "records/<shard>/<doc-id>/<record-id>.json": monitoring and evaluation records (DESIGN §2).
std::string record_path(std::string_view doc_id, std::string_view record_id);
std::string draft_ref(std::string_view id);  // "refs/drafts/<id>"
inline constexpr std::string_view kMainRef = "refs/heads/main";

/// The person behind a change: commit author and event actor.
struct Actor {
  std::string name;
  std::string nip;       // 18 digits for staff; empty for system actions
  std::string position;  // the position's name as the commit records it (empty: none)
  /// The account acting (its id; empty for the command line and the demo's story): the commit's
  /// Sopan-Actor-Account, so a step can be matched to the account that took it.
  std::string account;

  Actor() = default;
  Actor(std::string name, std::string nip, std::string position = {}, std::string account = {})
      : name(std::move(name)),
        nip(std::move(nip)),
        position(std::move(position)),
        account(std::move(account)) {}
};

/// A position of the organisation that acts in a document (a SOP's pelaksana) and the steps it
/// performs, numbered from 1 as the procedure table numbers them.
struct Acting {
  std::string position;  // position id
  std::vector<std::uint32_t> steps;
  friend bool operator==(const Acting&, const Acting&) = default;
};
boost::json::value to_json(const std::vector<Acting>& acting);
std::vector<Acting> acting_from_json(const boost::json::value* v);

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
  std::string signature;  // the Sopan-Signature trailer (ratification, verification), if any
  std::string position;   // the actor's position when acting (Sopan-Actor-Position), if any
  std::string account;    // the account acting (Sopan-Actor-Account), if the commit names one
  /// A version put in force: the day it takes effect ("YYYY-MM-DD", the content's
  /// dates.effective; empty = the day of the commit). Empty on every other row.
  std::string effective;
  /// A version put in force: its identity as it states itself, so a list of what was in force
  /// on a past day needs no git read. Empty on every other row.
  std::string unit, number, title;
  std::vector<Acting> acting;

  boost::json::value to_json() const;
  static Result<VersionRow> from_json(const boost::json::value& v);
};

/// What a verification code names (index::Cf::kVerifications): one signature of one version's
/// content, as it stood when the ratifying commit was indexed. The NIP is left out: the public page
/// shows no personal data beyond the signer's name and position.
struct VerificationRow {
  std::string code;    // the 12 symbols (domain/verification.hpp)
  std::string commit;  // the ratifying commit
  std::string path;    // the document's file in that commit
  std::string doc_id;
  std::string kind;  // the kind's name ("sop", "map")
  std::uint64_t version = 0;
  std::string sha256;  // of the file's bytes in that commit: what the signature covers
  std::string name, position, meaning, signed_at;  // from the Sopan-Signature trailer
  std::string effective, unit, number, title;      // the version as it states itself

  boost::json::value to_json() const;
  static Result<VerificationRow> from_json(const boost::json::value& v);
};

struct Head {
  std::string commit;
  std::uint64_t version = 0;
  TimeMs time = 0;
};

/// The version in force as it states itself, and who put it there when: what readers without
/// the right to read drafts see of a document (DocSummary::as_in_force). Empty while no version
/// has been in force.
struct InForceIdentity {
  std::string unit;
  std::string number;
  std::string title;
  std::vector<std::string> classification;
  std::string status;  // berlaku, dicabut, digantikan: the status of the last commit on main
  TimeMs updated_at = 0;
  std::string updated_by;
  std::vector<Acting> acting;
};

/// What the index knows about one document without reading git. `unit`, `number`, `title` and
/// `classification` follow the newest content (an open draft's); the version in force keeps its
/// own in `in_force_identity`.
struct DocSummary {
  std::string id;
  DocKind kind = DocKind::kSop;
  std::string unit;
  std::string number;
  std::string title;
  std::string status;  // konsep, berlaku, ...
  std::uint64_t last_version = 0;
  std::optional<Head> draft;
  std::uint64_t draft_opened = 0;  // the open draft's first version
  std::optional<Head> in_force;
  TimeMs updated_at = 0;
  std::string updated_by;
  /// The classification values of SOPs (teknis, mikro, final, ...), for filtering lists.
  std::vector<std::string> classification;
  /// Dates "YYYY-MM-DD" (empty when none): the in-force version's effective date, the newest
  /// monitoring and evaluation records, and when the next ones are due (only while in force).
  std::string effective_date;
  std::string last_monitoring;
  std::string last_evaluation;
  std::string monitoring_due;
  std::string evaluation_due;
  InForceIdentity in_force_identity;
  /// The documents the newest content names (a SOP's related SOPs), by id.
  std::vector<std::string> links;
  /// The positions acting in the newest content, and their steps (KindDescriptor::actors).
  std::vector<Acting> acting;
  /// True when position `id` acts in this view of the document; its steps in `steps` if given.
  bool acts(std::string_view position, std::vector<std::uint32_t>* steps = nullptr) const;

  /// This summary as someone without the right to read the document's drafts sees it: identity,
  /// status and last update of the version in force, no open draft. Meaningful only when
  /// `in_force` is set (such readers see nothing of a document that never was in force).
  DocSummary as_in_force() const;

  /// True when `version` belongs to the draft open now (comments made on it are current).
  bool in_open_draft(std::uint64_t version) const { return draft && version >= draft_opened; }

  boost::json::value to_json() const;
  static Result<DocSummary> from_json(const boost::json::value& v);
};

/// How often an SOP in force is monitored and evaluated (DOMAIN §1.4); kept in instansi.json.
struct DuePeriods {
  int monitoring_months = 6;
  int evaluation_months = 12;
};

/// A review comment on a draft, anchored to a field or step by JSON pointer ("" = the whole
/// document). Replies share their thread's root id; only roots carry the resolved state.
struct Comment {
  std::string id;
  std::string thread;  // the root comment's id (its own id for a root)
  std::string anchor;
  std::string text;
  std::string author;
  std::string nip;
  TimeMs time = 0;
  std::uint64_t draft_version = 0;  // the draft version commented on
  std::string commit;
  bool resolved = false;
  std::string resolved_by;
  TimeMs resolved_at = 0;
  std::string last_nip;  // who wrote last in the thread (whose turn it is)
  std::size_t replies = 0;

  boost::json::value to_json() const;
  static Result<Comment> from_json(const boost::json::value& v);
};

/// A monitoring or evaluation record as indexed: the file from git plus its commit's facts.
struct RecordRow {
  std::string id;
  std::string kind;  // "monitoring" or "evaluasi"
  std::string date;  // the record's own date
  boost::json::value content;
  std::string commit;
  std::string actor;
  TimeMs time = 0;
  std::string signature;  // the Sopan-Signature trailer of a signed evaluation

  boost::json::value to_json() const;
  static Result<RecordRow> from_json(const boost::json::value& v);
};

/// A document's content at one version.
struct Document {
  DocSummary summary;
  std::string content;  // the JSON file as stored in git
  std::uint64_t version = 0;
  std::string commit;
  bool is_draft = false;
  /// The document's state as read: the draft's status, or for a version in force on a day (the
  /// plain read is today) the timeline's: berlaku, dicabut, digantikan.
  std::string status;
  std::string as_of;  // the day a version-in-force read answers for ("YYYY-MM-DD")
  /// A version-in-force read: a later version already ratified that takes effect after `as_of`.
  std::uint64_t pending_version = 0;
  std::string pending_effective;
};

}  // namespace sopan::library
