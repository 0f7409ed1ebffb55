#pragma once
/// Time as UTC milliseconds since the epoch; dates as the instansi's local calendar day.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopan {

using TimeMs = std::int64_t;

[[nodiscard]] TimeMs now_ms();
/// "2026-11-23T03:04:05Z" (whole seconds, UTC).
[[nodiscard]] std::string format_utc(TimeMs t);
/// "2026-11-23T03:04:05.123Z".
[[nodiscard]] std::string format_utc_ms(TimeMs t);
/// Strict "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
struct Date {
  int year, month, day;
};
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);
/// The last millisecond of `date` in a zone `utc_offset_minutes` east of UTC (WIB = 420).
[[nodiscard]] TimeMs end_of_day_ms(Date date, int utc_offset_minutes);
/// "YYYY-MM-DD".
[[nodiscard]] std::string format_date(Date date);
/// A day as Indonesian prose writes it: "2026-08-05" → "5 Agustus 2026" (the print view, task
/// labels). Text that is not a strict "YYYY-MM-DD" date is answered as it is.
[[nodiscard]] std::string indonesian_date(std::string_view iso);
/// A UTC time as written in a signature ("2026-03-02T02:15:00Z") in the instansi's zone, as
/// Indonesian prose: "2 Maret 2026 pukul 09.15 WIB" (WITA, WIT, else "UTC+n"). Other text is
/// answered as it is.
[[nodiscard]] std::string indonesian_time(std::string_view utc, int utc_offset_minutes);
/// The same day `months` later; the last day of the month when that day does not exist
/// (31 August + 6 months = 28/29 February).
[[nodiscard]] Date add_months(Date date, int months);
/// The calendar day at `t` in a zone `utc_offset_minutes` east of UTC.
[[nodiscard]] Date local_date(TimeMs t, int utc_offset_minutes);

}  // namespace sopan
