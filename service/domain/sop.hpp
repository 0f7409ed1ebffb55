#pragma once
/// The SOP AP document (DOMAIN §1) as values, and the rules beyond its JSON Schema. Each rule has
/// a stable code and reports an Indonesian message at a JSON pointer. Drafts may be saved with
/// findings (warnings); a submission must have none.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/finding.hpp"

namespace sopan::domain {

class OrgTree;

struct SopActor {
  std::string id;
  std::string position;  // position id in the org tree, or
  std::string external;  // an outside party ("Pemohon")
};

struct SopExit {
  std::string label;
  std::string to;  // step id
};

struct SopStep {
  std::string id;
  std::string symbol;  // mulai, kegiatan, keputusan, selesai
  std::string activity;
  std::string actor;  // actor id
  std::string requirements;
  std::optional<double> duration_value;
  std::string duration_unit;
  std::string output;
  std::string notes;
  std::string next;            // empty = the step below (mulai, kegiatan)
  std::vector<SopExit> exits;  // keputusan only
};

struct SopRelated {
  std::string sop, title, kind;  // kind: prasyarat, lanjutan, terkait, bagian_dari
};

struct Sop {
  std::string number, title, unit;
  std::string nature, scope, completeness, applicability;  // classifications, or empty
  std::string created, revised, effective;
  std::string ratified_position, ratified_name, ratified_nip;
  std::vector<std::string> legal_basis, qualifications, equipment, records;
  std::vector<SopRelated> related;
  std::string warning;
  std::vector<SopActor> actors;
  std::vector<SopStep> steps;

  /// Parses a document that is valid against sop.schema.json (fields it lacks stay empty).
  static Sop from_json(const boost::json::value& v);
  /// Index of the step with `id`, or nullopt.
  std::optional<std::size_t> step_index(std::string_view id) const;
  /// Where the flow goes from step `i`: next (or the step below), or the decision's exits.
  /// Unknown targets are left out.
  std::vector<std::size_t> successors(std::size_t i) const;
};

/// Everything the rules need beyond the document itself.
struct SopContext {
  const OrgTree& org;
  /// True when another SOP of the instansi already uses `number`.
  std::function<bool(const std::string& number)> number_taken;
};

/// Every rule, in document order. An empty answer means the SOP may be submitted.
std::vector<Finding> check_sop(const Sop& sop, const SopContext& context);

/// Removes the fields only ratification writes (`ratified_by`, `dates.effective`) from a SOP
/// document, so no draft carries a signer it did not get; answers the pointers of those removed.
std::vector<std::string> drop_system_fields(boost::json::object& doc);
/// `content` (a SOP in force) as the first draft of its revision: the same, unsigned.
std::string revision_of(std::string_view content);

}  // namespace sopan::domain
