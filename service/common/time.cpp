#include "common/time.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace sopan {
namespace chr = std::chrono;

TimeMs now_ms() {
  return chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch()).count();
}

namespace {
void split(TimeMs t, chr::year_month_day& ymd, chr::hh_mm_ss<chr::milliseconds>& hms) {
  chr::sys_time<chr::milliseconds> tp{chr::milliseconds{t}};
  auto day = chr::floor<chr::days>(tp);
  ymd = chr::year_month_day{day};
  hms = chr::hh_mm_ss<chr::milliseconds>{tp - day};
}
}  // namespace

std::string format_utc(TimeMs t) {
  chr::year_month_day ymd;
  chr::hh_mm_ss<chr::milliseconds> hms{};
  split(t, ymd, hms);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

std::string format_utc_ms(TimeMs t) {
  chr::year_month_day ymd;
  chr::hh_mm_ss<chr::milliseconds> hms{};
  split(t, ymd, hms);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return true;
  };
  Date d{};
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day)) return std::nullopt;
  chr::year_month_day ymd{chr::year{d.year}, chr::month{unsigned(d.month)},
                          chr::day{unsigned(d.day)}};
  if (!ymd.ok() || d.year < 1900) return std::nullopt;
  return d;
}

TimeMs end_of_day_ms(Date date, int utc_offset_minutes) {
  chr::sys_days day{chr::year{date.year} / chr::month{unsigned(date.month)} /
                    chr::day{unsigned(date.day)}};
  auto next_local_midnight = chr::sys_time<chr::milliseconds>{day + chr::days{1}};
  return (next_local_midnight - chr::minutes{utc_offset_minutes}).time_since_epoch().count() - 1;
}

std::string format_date(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string indonesian_date(std::string_view iso) {
  static constexpr const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                            "Mei",       "Juni",     "Juli",     "Agustus",
                                            "September", "Oktober",  "November", "Desember"};
  auto date = parse_date(iso);
  if (!date) return std::string(iso);
  return std::to_string(date->day) + " " + kMonths[date->month - 1] + " " +
         std::to_string(date->year);
}

Date add_months(Date date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  chr::year_month_day_last last{chr::year{index / 12} / chr::month{unsigned(index % 12 + 1)} /
                                chr::last};
  int day = std::min(date.day, int(unsigned(last.day())));
  return {index / 12, index % 12 + 1, day};
}

Date local_date(TimeMs t, int utc_offset_minutes) {
  chr::sys_time<chr::milliseconds> tp{chr::milliseconds{t + utc_offset_minutes * 60'000LL}};
  chr::year_month_day ymd{chr::floor<chr::days>(tp)};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

std::string indonesian_time(std::string_view utc, int offset_minutes) {
  auto date = utc.size() == 20 ? parse_date(utc.substr(0, 10)) : std::nullopt;
  auto digits = [&](std::size_t at) { return (utc[at] - '0') * 10 + (utc[at + 1] - '0'); };
  if (!date || utc[10] != 'T' || utc[13] != ':' || utc[16] != ':' || utc[19] != 'Z')
    return std::string(utc);
  for (std::size_t at : {11, 12, 14, 15, 17, 18})
    if (utc[at] < '0' || utc[at] > '9') return std::string(utc);
  if (digits(11) > 23 || digits(14) > 59 || digits(17) > 59) return std::string(utc);
  const TimeMs midnight = end_of_day_ms(*date, 0) + 1 - 86'400'000;
  const TimeMs t = midnight + (digits(11) * 3600 + digits(14) * 60 + digits(17)) * 1000;
  const TimeMs local = t + TimeMs(offset_minutes) * 60'000;
  const Date day = local_date(t, offset_minutes);
  const long minutes = static_cast<long>(((local % 86'400'000) + 86'400'000) % 86'400'000 / 60'000);
  auto two = [](long n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  const std::string zone = offset_minutes == 420   ? "WIB"
                           : offset_minutes == 480 ? "WITA"
                           : offset_minutes == 540 ? "WIT"
                                                   : "UTC+" + std::to_string(offset_minutes / 60);
  return indonesian_date(format_date(day)) + " pukul " + two(minutes / 60) + "." +
         two(minutes % 60) + " " + zone;
}

}  // namespace sopan
