#pragma once
/// The evaluation of a SOP in force (DOMAIN §1.4): seven criteria, each answered Ya/Tidak with
/// notes, ending in a follow-up: kept as it is (`tetap`) or revised (`revisi`).
#include <array>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/signature.hpp"

namespace sopan::domain {

inline constexpr std::array<std::string_view, 7> kEvaluationCriteria = {
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya (tugas para pelaksana tidak tumpang tindih)",
};

struct Person {
  std::string name;
  std::string nip;
};

/// The files written to records/ (their "id", "sop" and "sop_version" are added on writing).
boost::json::object monitoring_record(const std::string& date, bool runs_well,
                                      const std::string& notes, const std::string& action,
                                      const Person& reviewer);
struct CriterionAnswer {
  bool yes = false;
  std::string notes;
};
/// `answers` holds one answer per criterion, in order; `signature` only for an outcome `tetap`.
boost::json::object evaluation_record(const std::string& date,
                                      const std::vector<CriterionAnswer>& answers, bool keep,
                                      const std::string& notes, const Person& evaluator,
                                      const Signature* signature);
/// The commit message of a record: "Monitoring 2026-02-03: berjalan dengan baik".
std::string record_message(const boost::json::object& record);
/// Initials for the monitoring form's paraf column ("Drs. H. Sutarman, M.Si." → "HS").
std::string initials(std::string_view name);

/// The meaning written in the signature of an evaluation that keeps the SOP.
inline constexpr std::string_view kMeaningKept = "dievaluasi, tetap berlaku";

}  // namespace sopan::domain
