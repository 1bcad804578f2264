// Calendar arithmetic on the proleptic Gregorian calendar, in one place
// (Howard Hinnant's days_from_civil / civil_from_days, exact for any year
// an int holds).
// Thread-safety: pure functions.
#pragma once

namespace communique {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since 1970-01-01 of year-month-day (negative before it). Does not
// validate: month 1..12 and day 1..31 are assumed.
constexpr long DaysFromCivil(int year, int month, int day) {
  const long y = static_cast<long>(year) - (month <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;                                             // [0, 399]
  const long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                     // [0, 146096]
  return era * 146097 + doe - 719468;
}

// The date `days` after 1970-01-01 (the inverse of DaysFromCivil).
constexpr CivilDate CivilFromDays(long days) {
  const long z = days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(yoe + era * 400 + (m <= 2)), static_cast<int>(m),
                   static_cast<int>(d)};
}

// Whether year-month-day names a real day.
constexpr bool IsCivilDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace communique
