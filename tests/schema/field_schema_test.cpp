#include "schema/field_schema.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using communique::FieldKind;
using communique::FieldSchema;

TEST_CASE("the shipped fields.json loads and names every field the code uses", "[schema]") {
  auto schema = FieldSchema::Load(communique::testing::SourceDir() + "/schema/fields.json");
  REQUIRE(schema.ok());
  const FieldSchema& s = schema.value();
  CHECK(s.Prefix("id") == "Q");
  CHECK(s.Prefix("title") == "S");
  CHECK(s.Get("body").kind == FieldKind::kText);
  CHECK(s.Get("country").facet);
  CHECK(s.Get("country").multi);
  CHECK(s.Get("country").entity == "country");
  CHECK(s.Slot("date") == 0);
  CHECK(s.Find("nonexistent") == nullptr);
  CHECK_THROWS_AS(s.Get("nonexistent"), std::out_of_range);
}

TEST_CASE("a schema that reuses a prefix or slot is rejected with the reason", "[schema]") {
  std::string base =
      communique::testing::ReadFile(communique::testing::SourceDir() + "/schema/fields.json");
  std::string dup_prefix = base;
  dup_prefix.replace(dup_prefix.find("\"prefix\": \"XL\""), 14, "\"prefix\": \"XC\"");
  auto r = FieldSchema::Parse(dup_prefix);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message.find("reuses prefix") != std::string::npos);

  auto bad = FieldSchema::Parse("{\"fields\": 3}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code == 400);

  auto missing =
      FieldSchema::Parse(R"({"fields": [{"name": "id", "prefix": "Q", "kind": "key"}]})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message.find("missing field") != std::string::npos);
}

TEST_CASE("Load names the file it could not open", "[schema]") {
  auto r = FieldSchema::Load("/nonexistent/fields.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message.find("/nonexistent/fields.json") != std::string::npos);
}
