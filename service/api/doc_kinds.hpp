#pragma once
/// What the API adds to a document kind (library/kinds.hpp): its JSON Schema, its rules, what
/// ratification stamps into it, its readable diff and the routes only it has. One set of routes
/// (api/documents.cpp) serves every kind under /api/v1/<folder>, with the `doc.*` permissions;
/// a SOP is `sop_kind()`, a test registers its own through `app::Config::extra_kinds`.
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/types.hpp"
#include "domain/diff.hpp"
#include "domain/finding.hpp"
#include "domain/signature.hpp"
#include "library/document_library.hpp"
#include "library/kinds.hpp"

namespace sopan::api {

struct Context;

struct KindApi {
  const library::KindDescriptor* kind = nullptr;
  std::string schema;  // the document's JSON Schema ("sop": schemas/sop.schema.json)
  /// The values a `classification` list filter accepts (the kind's tags); empty: no filter.
  std::vector<std::string_view> tag_values;
  /// Removes the fields only ratification writes from a draft (no draft carries a signer it did
  /// not get); answers a note per field removed, its path under /document.
  std::function<std::vector<domain::Finding>(boost::json::object& doc)> drop_system_fields;
  /// The rules beyond the schema for document `id` ("" for a new one): saved anyway as warnings,
  /// they block submission.
  std::function<std::vector<domain::Finding>(const Context& ctx, const boost::json::value& doc,
                                             std::string_view id)>
      findings;
  /// What ratification writes into the content (none: the draft goes into force as it is).
  std::function<Result<std::string>(const std::string& content, const domain::Signature& signer,
                                    const std::string& effective_date)>
      stamp_ratification;
  /// The first draft of a revision, from the content in force (none: the same content).
  std::function<std::string(std::string_view content)> revision_of;
  /// What changed between two versions, as the screens show it (none: the diff route is absent).
  std::function<boost::json::value(const Context& ctx, const boost::json::value& from,
                                   const boost::json::value& to)>
      diff;
  /// Routes only this kind has (a SOP's flowchart, print view, live renderer, steps import).
  std::function<std::vector<Route>(Context& ctx, const KindApi& kind)> extra_routes;

  /// "/api/v1/<folder>".
  std::string collection() const;
};

/// The SOP kind (api/sop_kind.cpp).
KindApi sop_kind();
/// The map kind (api/map_kind.cpp).
KindApi map_kind();

/// Every route of `kind`: list, create, read, save, history, workflow actions, comments, diff,
/// records when it has them, then its own.
std::vector<Route> document_routes(Context& ctx, const KindApi& kind);

/// The rules of `kind` as the library's workflow (`act`) takes them, for document `id`.
library::KindRules kind_rules(const Context& ctx, const KindApi& kind, const std::string& id);

// For a kind's own routes:
/// The summary of `id`; 404 when it is another kind's document.
[[nodiscard]] Result<library::DocSummary> summary_of_kind(const Context& ctx, const KindApi& kind,
                                                          std::string_view id);
/// The document the request selects (?version=draft|N, ?at=DATE, or in force today); drafts and
/// numbered versions need the right to read drafts of the document's unit. ?version=latest is
/// the newest the reader may see: for those with that right the open draft, else the version in
/// force (or, with nothing in force yet, one ratified for a later day); for the others the
/// version in force. 404 when there is none of these for the reader.
[[nodiscard]] Result<library::Document> read_document(Context& ctx, const KindApi& kind,
                                                      const Request& req);
/// A `Route::blocks`: ?at= and numbered versions are read from git.
bool reads_git(const Request& req);
/// The signed ratification of a version: who signed, in which commit, and the code that lets
/// anyone check it on the public page (api/verify.cpp).
struct Ratification {
  domain::SignatureRecord signer;
  std::string commit;
  std::uint64_t version = 0;
  std::string code;  // "SPN-XXXX-XXXX-XXXX"
};
/// The ratification version `v` of document `id` rests on: `v` itself when it is one, or the
/// merge before the withdrawal or supersession steps on main that followed it; nullopt for a
/// version off main or after any other step.
[[nodiscard]] Result<std::optional<library::VersionRow>> ratifying_row(
    const library::DocumentLibrary& lib, std::string_view id, std::uint64_t v);
/// Who signed the ratification that put `doc`'s version in force, read from the signature record
/// of the ratifying commit, never from the document's own fields; nullopt for a draft or a
/// version no ratification signed.
std::optional<Ratification> ratification_of(const library::DocumentLibrary& lib,
                                            const library::Document& doc);
/// The public page of a verification code: "<public url>/v/<code>".
std::string verification_url(const Context& ctx, std::string_view code);
// For kinds that keep their signer in `ratified_by` {position, name, nip} and the day they take
// effect in `dates.effective` (a SOP, a map):
/// Ratification writes the signer and the effective date into the content; the signature record
/// on the commit stays the source of who signed.
Result<std::string> stamp_signer(const std::string& content, const domain::Signature& signer,
                                 const std::string& effective);
/// Removes those two from a draft (no draft carries a signer it did not get): a note per field
/// removed, code "<prefix>.system_field", its path under /document.
std::vector<domain::Finding> signer_field_notes(boost::json::object& doc, std::string_view prefix);
/// A names lookup for diffs: a position's title and a unit's name from the current org tree.
domain::DiffNames org_names(const Context& ctx);

/// A `Route::unit_of` for the live renderers: the unit of the body's `document` (422 at
/// /document/unit, with `message` and `hint`, when it names none).
UnitOf unit_of_body_document(std::string message, std::string hint);

/// A whole number of at most 18 digits; nullopt otherwise.
std::optional<std::uint64_t> parse_uint(std::string_view text);
/// `"<version>"`, the ETag of a document version.
std::string etag(std::uint64_t version);

}  // namespace sopan::api
