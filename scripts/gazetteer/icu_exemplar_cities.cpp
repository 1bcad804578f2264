// Prints the cities CLDR names time zones after ("Europe/Vilnius",
// "America/Lima"), as ICU's locale data writes them in one language, with
// each zone's country, as one JSON object: {"ビリニュス": "LT", "リマ": "PE"}.
// build_lang_rules.py compiles and runs it, so the dateline places of other
// languages' wires (【リマ共同】, 新华社利马…电) come from ICU, never from
// typed tables.
//
// Usage: icu_exemplar_cities LANG
// Zones without a country (Etc/…) and names equal to the zone id's last part are
// left out; a name two countries' zones share is left out too.
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "json_quote.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: icu_exemplar_cities LANG\n";
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(icu::Locale(argv[1]), status));
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) {
    std::cerr << "icu_exemplar_cities: " << u_errorName(status) << "\n";
    return 1;
  }
  std::map<std::string, std::string> city;  // name -> country ("" when shared)
  for (const icu::UnicodeString* id = zones->snext(status); id && U_SUCCESS(status);
       id = zones->snext(status)) {
    char region[8] = {0};
    UErrorCode rs = U_ZERO_ERROR;
    icu::TimeZone::getRegion(*id, region, sizeof region, rs);
    if (U_FAILURE(rs) || std::string(region) == "001") continue;
    icu::UnicodeString name;
    names->getExemplarLocationName(*id, name);
    std::string utf8, zone;
    name.toUTF8String(utf8);
    id->toUTF8String(zone);
    // ICU falls back to the zone id's city ("Europe/Berlin" -> "Berlin")
    // when the language has no name of its own: only a name equal to it is
    // that fallback; one the id merely contains is the language's own
    // («Belgrad» of Europe/Belgrade, «Rom», «Damas»).
    if (utf8.empty() || utf8 == zone.substr(zone.rfind('/') + 1)) continue;
    auto [it, added] = city.emplace(utf8, region);
    if (!added && it->second != region) it->second.clear();
  }
  std::cout << "{";
  bool first = true;
  for (const auto& [name, code] : city) {
    if (code.empty()) continue;
    std::cout << (first ? "\n" : ",\n") << Quote(name) << ": " << Quote(code);
    first = false;
  }
  std::cout << "\n}\n";
  return 0;
}
