// Search in seven languages over HTTP (issue 14): the real communique-index
// and communique-serve over the English sample plus the multilingual fixture
// (tests/fixtures/multilingual/articles.jsonl, written by the team): half its
// articles declare a language, the rest are detected. Expected ids were
// worked out by reading the fixture.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/running_server.h"
#include "tests/support/test_support.h"

using namespace communique::testing;
using nlohmann::json;
using Ids = std::set<std::string>;

namespace {

// The sample and the multilingual fixtures, indexed into `dir`.
std::string IndexedDb(const TempDir& dir) {
  CommandResult indexed =
      Run({BinDir() + "/communique-index", "--db", dir / "db", SourceDir() + "/scripts/sample",
           SourceDir() + "/tests/fixtures/multilingual/articles.jsonl"});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  return dir / "db";
}

struct Api {
  TempDir dir;
  RunningServer server{IndexedDb(dir), {"--web", SourceDir() + "/web"}};
  json Get(const std::string& path) {
    auto res = server.client->Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body.substr(0, 400));
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  }
};

Api& TheApi() {
  static Api api;
  return api;
}

// The ids `q` finds (with `extra` parameters), every copy shown.
Ids Find(const std::string& q, const std::string& extra = "") {
  json r = TheApi().Get("/api/search?collapse=false&size=100&facets=false&q=" +
                        httplib::detail::encode_query_param(q) + extra);
  Ids out;
  for (const auto& h : r["hits"]) out.insert(h["id"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("an inflected form finds the others", "[multilingual]") {
  // ml-ru-1 has Путин, ml-ru-2 Путину and Путина; ml-ru-3 no Putin.
  CHECK(Find("Путина", "&language=ru") == Ids{"ml-ru-1", "ml-ru-2"});
  CHECK(Find("Путину", "&language=ru") == Ids{"ml-ru-1", "ml-ru-2"});
  // Without a filter the name meets its entity in every script: the English
  // sample's Putin articles (cq-0002 among them) come too.
  Ids everywhere = Find("Путина");
  CHECK(everywhere.count("ml-ru-1"));
  CHECK(everywhere.count("ml-ru-2"));
  CHECK(everywhere.count("cq-0002"));
  // The exact form is still searchable on its own.
  CHECK(Find("\"Путину\"") == Ids{"ml-ru-2"});
  // Snowball stems the nominatives саммит and визит as самм and виз but
  // саммита and визитом as саммит and визит: each form finds the other
  // (ml-ru-3 says Саммит and визитом, ml-ru-2 визит).
  CHECK(Find("саммита", "&language=ru") == Ids{"ml-ru-3"});
  CHECK(Find("саммитом") == Ids{"ml-ru-3"});
  CHECK(Find("визит", "&language=ru") == Ids{"ml-ru-2", "ml-ru-3"});
  CHECK(Find("визитом") == Ids{"ml-ru-2", "ml-ru-3"});
  // French: ml-fr-1 says président, ml-fr-2 présidents.
  CHECK(Find("présidents", "&language=fr") == Ids{"ml-fr-1", "ml-fr-2"});
  CHECK(Find("président", "&language=fr") == Ids{"ml-fr-1", "ml-fr-2"});
  // ICU keeps "l'Élysée" one word; the plain name still finds it.
  CHECK(Find("Élysée", "&language=fr") == Ids{"ml-fr-1"});
  // Without a language, a Latin word is stemmed in every Latin-script
  // language the index holds: the French ones are among its hits.
  Ids any = Find("présidents");
  CHECK(any.count("ml-fr-1"));
  CHECK(any.count("ml-fr-2"));
  // Spanish and German verbs and plurals.
  CHECK(Find("negociar", "&language=es") == Ids{"ml-es-1", "ml-es-2"});
  CHECK(Find("Sanktion", "&language=de") == Ids{"ml-de-2"});
  // Arabic: the article al- comes off (الرئيس in ml-ar-1).
  CHECK(Find("رئيس") == Ids{"ml-ar-1"});
  CHECK(Find("جدة") == Ids{"ml-ar-2"});
  // A definite or joined form finds the text's other forms: ml-ar-1 says
  // وزير and الرئيس.
  CHECK(Find("الوزير") == Ids{"ml-ar-1"});
  CHECK(Find("والرئيس") == Ids{"ml-ar-1"});
}

TEST_CASE("CJK without spaces finds what the indexer segmented", "[multilingual]") {
  // Quoted, a name is those characters only (unquoted, it is the entity:
  // the next test).
  CHECK(Find("\"习近平\"") == Ids{"ml-zh-1", "ml-zh-2"});
  CHECK(Find("\"上海合作组织\"") == Ids{"ml-zh-2"});
  // Among Chinese articles: in every language the role phrase also finds
  // the articles of whoever was Pakistan's prime minister then (issue 14).
  CHECK(Find("巴基斯坦总理", "&language=zh") == Ids{"ml-zh-1"});
  // Japanese: 首脳会談 in ml-ja-1's title and ml-ja-2's body.
  CHECK(Find("首脳会談") == Ids{"ml-ja-1", "ml-ja-2"});
  CHECK(Find("外務大臣") == Ids{"ml-ja-2"});
}

TEST_CASE("a name in a CJK script finds its entity in every language", "[multilingual]") {
  // ICU splits 习近平 into 习 + 近平 and プーチン into プー + チン, so an
  // unquoted run of them is matched against the names' synonym keys as a
  // Latin name's words are (searcher/query_builder.h, NameRun).
  Ids xi = Find("leader:xi-jinping");
  REQUIRE(xi.size() > 2);
  Ids by_han = Find("习近平");
  for (const std::string& id : xi) CHECK(by_han.count(id));
  CHECK(by_han.count("ml-zh-1"));
  CHECK(by_han == Find("習近平"));  // the Japanese form
  CHECK(by_han == Find("Си Цзиньпин"));
  Ids putin = Find("leader:vladimir-putin");
  REQUIRE(putin.size() > 2);
  Ids by_kana = Find("プーチン");
  for (const std::string& id : putin) CHECK(by_kana.count(id));
  CHECK(by_kana == Find("普京"));
  // Two names run together are both required.
  Ids both = Find("习近平普京");
  REQUIRE_FALSE(both.empty());
  for (const std::string& id : both) CHECK((by_han.count(id) && by_kana.count(id)));
  CHECK(both.size() < by_han.size());
  // A run that is not wholly names stays a phrase (among Chinese articles:
  // 巴基斯坦总理 is a role phrase, which also finds its holders elsewhere).
  CHECK(Find("巴基斯坦总理", "&language=zh") == Ids{"ml-zh-1"});
}

TEST_CASE("a leader's bare surname finds him in every script", "[multilingual]") {
  // "Xi" alone is only a context alias, but query_surnames.tsv lists it, so
  // the word reaches 习近平 and Си Цзиньпин as the full name does.
  Ids xi = Find("leader:xi-jinping");
  Ids by_surname = Find("Xi");
  for (const std::string& id : xi) CHECK(by_surname.count(id));
  CHECK(by_surname.count("ml-zh-1"));
  // The literal word is still searched: what "Xi" finds is at least what
  // the full name finds.
  for (const std::string& id : Find("Xi Jinping")) CHECK(by_surname.count(id));
}

TEST_CASE("CJK matches are highlighted in headlines and snippets", "[multilingual]") {
  // Xapian's snippet generator finds words only between spaces; the
  // article language's tokeniser marks them instead.
  json r = TheApi().Get("/api/search?collapse=false&q=" +
                        httplib::detail::encode_query_param("首脳会談"));
  std::map<std::string, json> hits;
  for (const auto& h : r["hits"]) hits[h["id"].get<std::string>()] = h;
  REQUIRE(hits.count("ml-ja-1"));
  REQUIRE(hits.count("ml-ja-2"));
  CHECK(hits["ml-ja-1"]["title_html"].get<std::string>().find("<mark>首脳") != std::string::npos);
  CHECK(hits["ml-ja-2"]["title_html"] == "外務大臣が北京を訪問");  // no match there
  CHECK(hits["ml-ja-2"]["snippet"].get<std::string>().find("<mark>首脳") != std::string::npos);
  // Chinese, inside a longer run of characters.
  json zh =
      TheApi().Get("/api/search?collapse=false&q=" + httplib::detail::encode_query_param("习近平"));
  REQUIRE(zh["hits"].size() >= 1);
  size_t chinese = 0;
  for (const auto& h : zh["hits"]) {
    // The others are found by his name in their script, which is marked.
    const std::string snippet = h["snippet"].get<std::string>();
    INFO(h["id"] << ": " << snippet);
    if (h["language"] == "zh") {
      ++chinese;
      CHECK(snippet.find("<mark>习") != std::string::npos);
    } else {
      CHECK(snippet.find("<mark>") != std::string::npos);
    }
  }
  CHECK(chinese >= 1);
}

TEST_CASE("stopwords are dropped by the query's language", "[multilingual]") {
  // ml-ru-1 has no word "и": the stopword must not be required.
  CHECK(Find("и Путина", "&language=ru") == Ids{"ml-ru-1", "ml-ru-2"});
  // ml-fr-2 has no "le"; the request's language says French.
  CHECK(Find("le présidents", "&language=fr") == Ids{"ml-fr-1", "ml-fr-2"});
  // Unless quoted (then it is that exact word: ml-fr-2 has only "les").
  CHECK(Find("\"le\" présidents", "&language=fr") == Ids{"ml-fr-1"});
}

TEST_CASE("the language filter, facet and each hit's language", "[multilingual]") {
  json r = TheApi().Get("/api/search?size=100&language=ru");
  CHECK(r["total"] == 3);
  for (const auto& h : r["hits"]) {
    CHECK(h["language"] == "ru");
    CHECK(h["language_name"] == "Русский");
  }
  json all = TheApi().Get("/api/search?size=1&facet_size=20");
  std::map<std::string, std::pair<std::string, int>> langs;
  for (const auto& b : all["facets"]["language"])
    langs[b["value"]] = {b["label"].get<std::string>(), b["count"].get<int>()};
  // Detected (undeclared) articles are counted under their language.
  CHECK(langs["ru"] == std::make_pair(std::string("Русский"), 3));
  CHECK(langs["zh"] == std::make_pair(std::string("中文"), 2));
  CHECK(langs["ja"] == std::make_pair(std::string("日本語"), 2));
  CHECK(langs["ar"] == std::make_pair(std::string("العربية"), 2));
  CHECK(langs["fr"] == std::make_pair(std::string("Français"), 2));
  CHECK(langs["es"] == std::make_pair(std::string("Español"), 2));
  CHECK(langs["de"] == std::make_pair(std::string("Deutsch"), 2));
  // lang= is the same filter.
  CHECK(Find("", "&lang=zh") == Ids{"ml-zh-1", "ml-zh-2"});
}

TEST_CASE("how each language was decided is stored and extracted", "[multilingual]") {
  CHECK(TheApi().Get("/api/doc/ml-ru-1")["language_source"] == "declared");
  CHECK(TheApi().Get("/api/doc/ml-ru-2")["language_source"] == "script");
  json fr = TheApi().Get("/api/doc/ml-fr-2");
  CHECK(fr["language"] == "fr");
  CHECK(fr["language_source"] == "ngram");
  CommandResult extracted = Run({BinDir() + "/communique-index", "--extract",
                                 SourceDir() + "/tests/fixtures/multilingual/articles.jsonl"});
  REQUIRE(extracted.exit_code == 0);
  std::map<std::string, std::pair<std::string, std::string>> got;
  size_t begin = 0;
  while (begin < extracted.out.size()) {
    size_t end = extracted.out.find('\n', begin);
    if (end == std::string::npos) end = extracted.out.size();
    json line = json::parse(extracted.out.substr(begin, end - begin));
    got[line["id"]] = {line["language"], line["language_source"]};
    begin = end + 1;
  }
  CHECK(got["ml-zh-2"] == std::make_pair(std::string("zh"), std::string("script")));
  CHECK(got["ml-ja-2"] == std::make_pair(std::string("ja"), std::string("script")));
  CHECK(got["ml-ar-2"] == std::make_pair(std::string("ar"), std::string("script")));
  CHECK(got["ml-es-2"] == std::make_pair(std::string("es"), std::string("ngram")));
  CHECK(got["ml-de-2"] == std::make_pair(std::string("de"), std::string("ngram")));
  CHECK(got["ml-de-1"] == std::make_pair(std::string("de"), std::string("declared")));
}

TEST_CASE("a spelling of a name the gazetteer does not list still finds its entity",
          "[multilingual]") {
  // Neither spelling is in the gazetteer: their transliteration keys meet
  // those of «Си Цзиньпин» and «Зеленский» (analysis/text/transliteration_key.h),
  // so they find exactly what the leader's facet term finds.
  Ids xi = Find("leader:xi-jinping");
  REQUIRE_FALSE(xi.empty());
  CHECK(Find("Si Tszinpin") == xi);
  Ids zelensky = Find("leader:volodymyr-zelenskyy");
  REQUIRE_FALSE(zelensky.empty());
  CHECK(Find("Selenskij") == zelensky);
  // A word that is no name's key finds nothing new.
  CHECK(Find("Selenskijfoo").empty());
}

TEST_CASE("a query in a non-Latin script ranks its language's articles first", "[multilingual]") {
  // Putin three times in English, once in a longer Arabic story: by BM25
  // alone the English one ranks first for every spelling of his name.
  TempDir dir;
  WriteFile(
      dir / "in.jsonl",
      R"({"id": "en-1", "title": "Putin hosts Modi", "date": "2024-07-09", "language": "en", )"
      R"("body": "Putin met Modi in Moscow. Putin said ties were strong. Putin smiled."})"
      "\n"
      R"({"id": "ar-1", "title": "اتصال هاتفي", "date": "2024-07-10", "language": "ar", )"
      R"("body": "أجرى الرئيس بوتين اتصالا هاتفيا مع رئيس الوزراء الهندي وبحث الجانبان )"
      R"(العلاقات الثنائية والتعاون في مجالات الطاقة والتجارة والدفاع والزراعة."})"
      "\n");
  CommandResult indexed =
      Run({BinDir() + "/communique-index", "--db", dir / "db", dir / "in.jsonl"});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  RunningServer server(dir / "db", {});
  auto order = [&](const std::string& q, const std::string& extra = "") {
    auto res = server.client->Get(
        ("/api/search?facets=false&q=" + httplib::detail::encode_query_param(q) + extra).c_str());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    json r = json::parse(res->body);
    std::vector<std::string> ids;
    for (const auto& h : r["hits"]) ids.push_back(h["id"]);
    return ids;
  };
  using V = std::vector<std::string>;
  CHECK(order("Putin") == V{"en-1", "ar-1"});
  CHECK(order("بوتين") == V{"ar-1", "en-1"});
  // A language filter decides alone; sort=recent boosts the Arabic one too.
  CHECK(order("بوتين", "&language=en") == V{"en-1"});
  CHECK(order("بوتين", "&sort=recent") == V{"ar-1", "en-1"});
}

TEST_CASE("event: and the event filter find articles in every language", "[multilingual]") {
  // The fixture's articles whose ids start "ml-", among those `q` finds.
  auto ml = [](const Ids& ids) {
    Ids out;
    for (const std::string& id : ids)
      if (id.rfind("ml-", 0) == 0) out.insert(id);
    return out;
  };
  // «провёл телефонный разговор с ... Пакистана»: a call Pakistan takes part in.
  CHECK(ml(Find("event:call")) == Ids{"ml-ru-1"});
  CHECK(ml(Find("", "&event=call&country_mentioned=PK")) == Ids{"ml-ru-1"});
  // Саммит, 峰会, قمة.
  CHECK(ml(Find("event:summit")) == Ids{"ml-ru-3", "ml-zh-2", "ml-ar-2"});
  Ids visits = ml(Find("", "&event=visit"));
  for (const char* id : {"ml-ja-2", "ml-ar-1", "ml-de-1", "ml-es-1"}) {
    INFO(id);
    CHECK(visits.count(id) == 1);
  }
  // The facet counts them too.
  json r = TheApi().Get("/api/search?size=1&facet_size=20&language=ru");
  std::map<std::string, int> events;
  for (const auto& b : r["facets"]["event"]) events[b["value"]] = b["count"].get<int>();
  CHECK(events["call"] == 1);
  CHECK(events["summit"] == 1);
}

namespace {

// A search of `server`'s API over all its articles, uncollapsed (facets on
// unless `extra` turns them off), and the ids it finds.
json SearchAll(RunningServer& server, const std::string& q, const std::string& extra) {
  const std::string path =
      "/api/search?collapse=false&size=100&q=" + httplib::detail::encode_query_param(q) + extra;
  auto res = server.client->Get(path.c_str());
  REQUIRE(res);
  INFO(path << " -> " << res->body.substr(0, 400));
  REQUIRE(res->status == 200);
  return json::parse(res->body);
}

Ids FindAll(RunningServer& server, const std::string& q, const std::string& extra) {
  const json r = SearchAll(server, q, extra + "&facets=false");
  Ids out;
  for (const auto& h : r["hits"]) out.insert(h["id"].get<std::string>());
  return out;
}

// tests/fixtures/multilingual/quotes.jsonl alone (written by the team): a
// Russian quote of Peskov's, a Chinese one of Wang Yi's and an English one
// of Peskov's, indexed with no other article so every hit is one of them.
struct QuoteApi {
  TempDir dir;
  RunningServer server{[this] {
                         CommandResult indexed =
                             Run({BinDir() + "/communique-index", "--db", dir / "db",
                                  SourceDir() + "/tests/fixtures/multilingual/quotes.jsonl"});
                         INFO(indexed.err);
                         REQUIRE(indexed.exit_code == 0);
                         return dir / "db";
                       }(),
                       {}};
  json Search(const std::string& q, const std::string& extra = "") {
    return SearchAll(server, q, extra);
  }
  Ids Find(const std::string& q, const std::string& extra = "") {
    return FindAll(server, q, extra);
  }
};

}  // namespace

TEST_CASE("speaker: and quote: find quotes in Russian and Chinese", "[multilingual][quotes]") {
  static QuoteApi api;
  // The index writer stores every language's quotes alike: a speaker by its
  // gazetteer id, reached by any alias in any script.
  CHECK(api.Find("speaker:Peskov") == Ids{"mlq-ru-1", "mlq-en-1"});
  CHECK(api.Find("speaker:Песков") == Ids{"mlq-ru-1", "mlq-en-1"});
  CHECK(api.Find("speaker:Peskov", "&language=ru") == Ids{"mlq-ru-1"});
  CHECK(api.Find("speaker:王毅") == Ids{"mlq-zh-1"});
  CHECK(api.Find("speaker:wang-yi") == Ids{"mlq-zh-1"});
  // The quoted words, as the article's language tokenises them: both of
  // Peskov's Russian quotes, the Chinese run as ICU segments it.
  CHECK(api.Find("quote:диалог") == Ids{"mlq-ru-1"});
  CHECK(api.Find("quote:\"конкретных шагов\"") == Ids{"mlq-ru-1"});
  CHECK(api.Find("quote:对话协商") == Ids{"mlq-zh-1"});
  // Words outside the quotes are not quote words.
  CHECK(api.Find("quote:консультаций").empty());
  CHECK(api.Find("quote:记者会").empty());
  // Hits show the quote and the speaker facet counts the non-English ones.
  json r = api.Search("speaker:王毅");
  REQUIRE(r["hits"].size() == 1);
  CHECK(r["hits"][0]["quote"]["speaker_id"] == "wang-yi");
  CHECK(r["hits"][0]["quote"]["text_html"].get<std::string>().find("\u5bf9\u8bdd") !=
        std::string::npos);
  std::map<std::string, int> speakers;
  json all = api.Search("", "&facet_size=20");
  for (const auto& b : all["facets"]["speaker"]) speakers[b["value"]] = b["count"].get<int>();
  CHECK(speakers["dmitry-peskov"] == 2);
  CHECK(speakers["wang-yi"] == 1);
}

namespace {

// The multilingual sample (tuned and unseen .gold: JSON lines the indexer
// reads, their `expected` ignored) and tests/fixtures/multilingual/roles.jsonl,
// for role phrases typed as searches.
struct RolesApi {
  TempDir dir;
  RunningServer server{Indexed(dir), {"--web", SourceDir() + "/web"}};
  static std::string Indexed(const TempDir& d) {
    const std::string ml = SourceDir() + "/scripts/sample/multilingual/";
    CommandResult indexed =
        Run({BinDir() + "/communique-index", "--db", d / "db", SourceDir() + "/scripts/sample",
             ml + "tuned.gold", ml + "unseen.gold",
             SourceDir() + "/tests/fixtures/multilingual/roles.jsonl"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    return d / "db";
  }
  json Search(const std::string& q, const std::string& extra = "") {
    return SearchAll(server, q, "&facets=false" + extra);
  }
  Ids Find(const std::string& q, const std::string& extra = "") {
    return FindAll(server, q, extra);
  }
};

RolesApi& Roles() {
  static RolesApi api;
  return api;
}

}  // namespace

// Issue 14: a role typed as a search, in any language, finds the articles
// that name whoever held the office on their date, in every language.
TEST_CASE("a role phrase in any language finds its holders in every language",
          "[multilingual][roles]") {
  RolesApi& api = Roles();
  struct Case {
    const char* q;
    const char* leader;
    const char* extra;      // a date range
    const char* elsewhere;  // an article of another language naming the holder only
  };
  for (const Case& c :
       {Case{"президент России", "vladimir-putin", "&from=2021-01-01&to=2021-12-31", "ml-zh-r1"},
        Case{"国家主席", "xi-jinping", "", "ml-ru-06"},
        Case{"le président français", "emmanuel-macron", "", "ml-de-01"},
        Case{"German chancellor", "olaf-scholz", "&from=2022-01-01&to=2024-12-31", "ml-fr-r1"},
        Case{"Russian foreign minister", "sergey-lavrov", "", "ml-es-08"}}) {
    INFO(c.q);
    // Every holder's article of the range is dated in his term there.
    const Ids holder = api.Find(std::string("leader:") + c.leader, c.extra);
    REQUIRE(holder.count(c.elsewhere) == 1);
    json r = api.Search(c.q, c.extra);
    Ids found;
    for (const auto& h : r["hits"]) found.insert(h["id"].get<std::string>());
    for (const std::string& id : holder) CHECK(found.count(id) == 1);
    // No swamping: every hit names the holder or matched the words.
    for (const auto& h : r["hits"]) {
      bool names = false;
      for (const auto& l : h["leaders"]) names = names || l["value"] == c.leader;
      const std::string text = h["title_html"].get<std::string>() + h["snippet"].get<std::string>();
      INFO(h["id"]);
      CHECK((names || text.find("<mark>") != std::string::npos));
    }
    REQUIRE(r["expansions"].size() == 1);
    CHECK(r["expansions"][0]["holders"][0]["value"] == c.leader);
  }
  // The range decides the holders: Putin's 2023 article in Chinese (ml-zh-02)
  // is not a 2021 one.
  CHECK(api.Find("президент России", "&from=2021-01-01&to=2021-12-31").count("ml-zh-02") == 0);
  CHECK(api.Find("президент России").count("ml-zh-02") == 1);
}
