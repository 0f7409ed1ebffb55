#pragma once
/// The evaluation of a SOP in force (DOMAIN §1.4): seven criteria, each answered Ya/Tidak with
/// notes, ending in a follow-up: kept as it is (`tetap`) or revised (`revisi`).
#include <array>
#include <string_view>

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

/// The meaning written in the signature of an evaluation that keeps the SOP.
inline constexpr std::string_view kMeaningKept = "dievaluasi, tetap berlaku";

}  // namespace sopan::domain
