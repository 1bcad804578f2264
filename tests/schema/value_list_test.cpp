#include "schema/value_list.h"

#include <catch2/catch.hpp>

using communique::PackValueList;
using communique::UnpackValueList;

TEST_CASE("value lists round-trip any bytes, including empty items", "[schema]") {
  std::vector<std::string> items = {"PK", "", std::string("a\0b", 3), "Россия"};
  CHECK(UnpackValueList(PackValueList(items)) == items);
  CHECK(UnpackValueList("").empty());
}

TEST_CASE("a truncated value list decodes what is whole and stops", "[schema]") {
  std::string packed = PackValueList({"PK", "RU"});
  packed.pop_back();
  CHECK(UnpackValueList(packed) == std::vector<std::string>{"PK"});
  CHECK(UnpackValueList(std::string(1, '\xff')).empty());
}

namespace {
std::vector<std::pair<unsigned, std::string>> Unbundle(std::string_view bundle,
                                                       bool* ok = nullptr) {
  std::vector<std::pair<unsigned, std::string>> out;
  bool whole = communique::ForEachBundledValue(
      bundle, [&](unsigned slot, std::string_view v) { out.emplace_back(slot, std::string(v)); });
  if (ok) *ok = whole;
  return out;
}
}  // namespace

TEST_CASE("slot bundles round-trip values of any length and skip empty ones", "[schema]") {
  std::string long_value(300, 'x');  // a length over 127 takes two LEB128 bytes
  std::string bundle = communique::PackSlotBundle(
      {{0, "20210914"}, {5, PackValueList({"PK", "RU"})}, {6, ""}, {255, long_value}});
  bool ok = false;
  auto values = Unbundle(bundle, &ok);
  CHECK(ok);
  REQUIRE(values.size() == 3);
  CHECK(values[0] == std::make_pair(0u, std::string("20210914")));
  CHECK(values[1] == std::make_pair(5u, PackValueList({"PK", "RU"})));
  CHECK(values[2] == std::make_pair(255u, long_value));
  // Nothing to bundle still leaves the version byte, which marks the document.
  CHECK(communique::PackSlotBundle({}) == std::string(1, communique::kSlotBundleVersion));
  CHECK(communique::PackSlotBundle({{300, "ignored"}}).size() == 1);
}

TEST_CASE("a corrupt or foreign slot bundle is refused after what is whole", "[schema]") {
  bool ok = true;
  CHECK(Unbundle("", &ok).empty());
  CHECK_FALSE(ok);
  CHECK(Unbundle(std::string("\x02\x00\x01x", 4), &ok).empty());  // unknown version
  CHECK_FALSE(ok);
  std::string bundle = communique::PackSlotBundle({{3, "Reuters"}, {4, "en"}});
  bundle.pop_back();  // the last value cut short
  auto values = Unbundle(bundle, &ok);
  CHECK_FALSE(ok);
  REQUIRE(values.size() == 1);
  CHECK(values[0].second == "Reuters");
  // A length that never ends.
  CHECK(Unbundle(std::string("\x01\x03\xff\xff\xff\xff\xff\xff", 8), &ok).empty());
  CHECK_FALSE(ok);
}
