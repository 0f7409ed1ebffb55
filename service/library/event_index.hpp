#pragma once
/// The instansi timeline's filters over the audit events (DESIGN §2 `events`): for every event,
/// rows "facet + value + seq" in the column family `event_facets` — its kind ("doc.ratify"), its
/// category ("doc"), the person ("actor_account"/"account", or the username a failed login
/// named), the unit it concerns, the kind of document and the commit a write made. A filtered page
/// is then a walk down those rows (a leapfrog join on the sequence number), so its cost follows the
/// events that match, not the length of the log. The rows are written in the same batch as the
/// event; the ones of events older than this index are written once at start-up (catch_up_facets).
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "index/store.hpp"

namespace sopan::library {

enum class Facet : char {
  kKind = 'k',      // the whole kind: "doc.ratify", "login.failed"
  kCategory = 'c',  // the kind up to its first '.': "doc", "login"
  kPerson = 'p',    // an account id, "username:<name>" (a failed login), "nip:<NIP>" (the actor)
  kUnit = 'u',      // the unit the event concerns (a document's unit, an org change's unit)
  kDocKind = 'd',   // "sop", "map"
  kCommit = 'x',    // the commit a write made: what ties a commit in git to the chain
};

/// The unit of a document named by a Sopan-Doc value ("sops/<id>"), when the index knows it.
using DocUnitFn = std::function<std::optional<std::string>(std::string_view doc)>;

/// The person facet values of a username (failed logins name no account) and of a NIP.
std::string username_person(std::string_view username);
std::string nip_person(std::string_view nip);

/// The facets of one event, from its fields; `doc_unit` gives the unit of an event that names a
/// document but carries no "unit" (events written before events carried it).
std::vector<std::pair<Facet, std::string>> facets_of(const boost::json::object& fields,
                                                     const DocUnitFn& doc_unit);
/// Adds the facet rows of event `seq` to `batch`.
void add_facets(index::Batch& batch, std::uint64_t seq, const boost::json::object& fields,
                const DocUnitFn& doc_unit = {});

/// Writes the facet rows of every event after the last one this ran for (all of them the first
/// time), finding documents' units in the index's summaries. Idempotent; run at start-up.
[[nodiscard]] Status catch_up_facets(index::Store& store);

/// The events that name `commit` (the write that made it), oldest first.
[[nodiscard]] Result<std::vector<std::uint64_t>> events_of_commit(const index::Reader& store,
                                                                  std::string_view commit);

/// One filtered page, newest first. Each filter is a set of values any of which matches (the
/// units of a subtree; an account and its username); filters are ANDed.
struct EventQuery {
  std::uint64_t below = UINT64_MAX;  // only events with seq < below (the paging cursor)
  std::uint64_t lowest = 1;          // only events with seq >= lowest
  std::vector<std::pair<Facet, std::vector<std::string>>> filters;
  /// Only events whose kind starts with this ("login." — the older `kind` filter); the query adds
  /// the category filter itself, and reads each candidate of that category.
  std::string kind_prefix;
  std::size_t limit = 50;
};

struct EventPage {
  std::vector<std::uint64_t> seqs;  // newest first
  /// The cursor of the next page (pass it as `below`); nullopt when nothing older matches.
  std::optional<std::uint64_t> next_below;
};

[[nodiscard]] Result<EventPage> query_events(const index::Store& store, const EventQuery& query);

/// The smallest seq in [1, head] whose event is at `time` or later (head + 1 when none is), by
/// binary search: events are appended in time order (their time is the writer's clock).
[[nodiscard]] Result<std::uint64_t> first_event_at(const index::Store& store, std::uint64_t head,
                                                   TimeMs time);

}  // namespace sopan::library
