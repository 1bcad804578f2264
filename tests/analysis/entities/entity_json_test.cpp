#include "analysis/entities/entity_json.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

TEST_CASE("dateline places read as names", "[extract]") {
  CHECK(PlaceName("ISLAMABAD") == "Islamabad");
  CHECK(PlaceName("NEW DELHI, April 8") == "New Delhi");
  CHECK(PlaceName("RIO DE JANEIRO") == "Rio De Janeiro");
  CHECK(PlaceName("New York") == "New York");
}

TEST_CASE("an extract record has the specified keys in order, salient countries first",
          "[extract]") {
  const Gazetteer& g = testing::ShippedGazetteer();
  ArticleAnalyzer analyzer(g);
  Article a;
  a.id = "cq-7";
  a.date = "1987-03-01";
  a.title = "BONN SEES GROWTH";
  a.body =
      "BONN, March 1 - West German officials met Soviet diplomats. Stoltenberg said "
      "the IMF agreed. Japan was mentioned. The Soviet side and the Soviet press agreed.";
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  nlohmann::ordered_json j = ExtractRecord(r.value(), g, a.id);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "date", "title", "authors", "subjects", "countries",
                                         "leaders", "organisations", "dates_mentioned", "dateline",
                                         "dyads", "events", "quotes"});
  CHECK(j["authors"].empty());
  CHECK(j["subjects"].empty());
  CHECK(j["id"] == "cq-7");
  CHECK(j["date"] == "1987-03-01");
  CHECK(j["dateline"]["city"] == "Bonn");
  CHECK(j["dateline"]["country"] == "XG");
  REQUIRE(j["countries"].size() == 3);
  CHECK(j["countries"][0]["code"] == "XG");
  CHECK(j["countries"][0]["name"] == "West Germany");
  CHECK(j["countries"][0]["salient"] == true);
  CHECK(j["countries"][1]["code"] == "SU");
  CHECK(j["countries"][1]["mentions"] == 3);
  CHECK(j["countries"][2]["code"] == "JP");
  CHECK(j["countries"][2]["salient"] == false);
  REQUIRE(j["leaders"].size() == 1);
  CHECK(j["leaders"][0]["id"] == "gerhard-stoltenberg");
  CHECK(j["leaders"][0]["country"] == "XG");
  CHECK(j["leaders"][0]["role"] == "finance minister");
  REQUIRE(j["organisations"].size() == 1);
  CHECK(j["organisations"][0]["acronym"] == "IMF");
  CHECK(j["organisations"][0]["name"] == "International Monetary Fund");
  CHECK(j["dyads"] == nlohmann::ordered_json::array({"SU-XG"}));
  CHECK(j["dates_mentioned"] == nlohmann::ordered_json::array({"1987-03-01"}));
}

TEST_CASE("an extract record carries the bylines and subjects as the analyser kept them",
          "[extract]") {
  const Gazetteer& g = testing::ShippedGazetteer();
  ArticleAnalyzer analyzer(g);
  Article a;
  a.id = "feed-1";
  a.body = "Ministers met in Geneva.";
  a.authors = {"Jane  Smith", "Ken Sato"};
  a.subjects = {{"MEDTOP:11000000", "politics"}, {"sahel", ""}};
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  nlohmann::ordered_json j = ExtractRecord(r.value(), g, a.id);
  CHECK(j["authors"] == nlohmann::ordered_json::array({"Jane Smith", "Ken Sato"}));
  CHECK(j["subjects"] ==
        nlohmann::ordered_json::parse(R"([{"code":"medtop:11000000","name":"politics"},)"
                                      R"({"code":"sahel","name":""}])"));
}
