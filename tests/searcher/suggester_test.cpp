#include "searcher/suggester.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;
using nlohmann::json;

namespace {

// Three articles: Putin in two, Pakistan in one, and the words "punjab",
// "pursue" and "pursued". Equal counts list alphabetically.
struct TinyIndex {
  testing::TempDir dir;
  Xapian::Database db;
  TinyIndex() {
    Xapian::WritableDatabase w(dir / "db", Xapian::DB_CREATE);
    auto add = [&](const std::vector<std::string>& terms) {
      Xapian::Document d;
      for (const auto& t : terms) d.add_term(t);
      w.add_document(d);
    };
    add({"XLvladimir-putin", "putin", "punjab", "pursue", "XCpk"});
    add({"XLvladimir-putin", "putin", "pursue"});
    add({"pursued"});
    w.commit();
    db = Xapian::Database(dir / "db");
  }
};

}  // namespace

TEST_CASE("entities present in the index come first, then frequent words", "[suggest]") {
  TinyIndex index;
  Suggester s(testing::ShippedSchema(), testing::ShippedGazetteer());
  json pu = s.Suggest(index.db, "pu", 8);
  CHECK(pu["query"] == "pu");
  CHECK(pu["suggestions"] == json::parse(R"([
    {"text":"Vladimir Putin","kind":"leader","value":"vladimir-putin","count":2},
    {"text":"pursue","kind":"term","value":"pursue","count":2},
    {"text":"putin","kind":"term","value":"putin","count":2},
    {"text":"punjab","kind":"term","value":"punjab","count":1},
    {"text":"pursued","kind":"term","value":"pursued","count":1}])"));
  // A code, a name and a word of a name all complete; absent entities do not.
  CHECK(s.Suggest(index.db, "PK", 8)["suggestions"][0]["value"] == "PK");
  CHECK(s.Suggest(index.db, "Pakis", 8)["suggestions"][0]["text"] == "Pakistan");
  CHECK(s.Suggest(index.db, "vlad", 8)["suggestions"][0]["value"] == "vladimir-putin");
  CHECK(s.Suggest(index.db, "Xi", 8)["suggestions"].empty());
  CHECK(s.Suggest(index.db, "pu", 2)["suggestions"].size() == 2);
  CHECK(s.Suggest(index.db, "  ", 8)["suggestions"].empty());
}
