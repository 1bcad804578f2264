#include "searcher/openapi.h"

#include <catch2/catch.hpp>
#include <functional>

using namespace communique;
using nlohmann::json;

TEST_CASE("the OpenAPI document is OpenAPI 3 and every $ref resolves", "[openapi]") {
  const json& doc = OpenApiDocument();
  CHECK(doc["openapi"] == "3.0.3");
  int refs = 0;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        std::string ref = j["$ref"];
        INFO(ref);
        REQUIRE(ref.rfind("#/", 0) == 0);
        CHECK(doc.contains(json::json_pointer(ref.substr(1))));
        ++refs;
      }
      for (const auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc);
  CHECK(refs > 30);
}
