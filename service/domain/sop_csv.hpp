#pragma once
/// Steps imported from a spreadsheet laid out like the PermenPAN-RB table:
///   No, Kegiatan, <one column per actor>, Kelengkapan, Waktu, Output, Keterangan[, Lanjut, Cabang]
/// An actor column is marked on the step's row with its symbol (mulai, kegiatan, keputusan,
/// selesai; "x" means kegiatan). "Waktu" is "10 menit"; "Lanjut" names the next step's No when it
/// is not the row below; "Cabang" gives a decision's exits as "Ya=5; Tidak=2".
/// Actor headings are matched to positions of the SOP's unit subtree by name, else kept as
/// outside parties.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace sopan::domain {

class OrgTree;

/// The "actors" and "steps" of a SOP document; every bad cell is reported at
/// "/csv/<line>/<column>" and nothing is returned.
[[nodiscard]] Result<boost::json::object> steps_from_csv(std::string_view csv, const OrgTree& org,
                                                         std::string_view unit_id);

}  // namespace sopan::domain
