#include "indexer/readers/reader_fields.h"

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("SubjectCode: IPTC NewsCodes URIs become qcodes, other codes stay as written",
          "[readers][subjects]") {
  CHECK(SubjectCode("", "http://cv.iptc.org/newscodes/mediatopic/11000000") == "medtop:11000000");
  CHECK(SubjectCode("", "https://cv.iptc.org/newscodes/subjectcode/11001000/") == "subj:11001000");
  CHECK(SubjectCode("http://cv.iptc.org/newscodes/mediatopic/", " 16000000 ") == "medtop:16000000");
  CHECK(SubjectCode("http://cv.iptc.org/newscodes/genre", "Analysis") == "genre:Analysis");
  // A code that already names its scheme, or a scheme that is no NewsCodes vocabulary.
  CHECK(SubjectCode("http://cv.iptc.org/newscodes/mediatopic/", "medtop:1") == "medtop:1");
  CHECK(SubjectCode("https://desk.example/sections/", "World") == "World");
  CHECK(SubjectCode("", "http://cv.iptc.org/newscodes/") == "http://cv.iptc.org/newscodes/");
  CHECK(SubjectCode("", "  ") == "");
}

TEST_CASE("AddAuthor and AddSubject drop blanks, repeats and what is too long or too many",
          "[readers][subjects]") {
  Article a;
  AddAuthor(a, "  Jane \n Smith ");
  AddAuthor(a, "JANE SMITH");
  AddAuthor(a, " ");
  AddAuthor(a, std::string(kMaxAuthorBytes + 1, 'x'));
  CHECK(a.authors == std::vector<std::string>{"Jane Smith"});
  for (size_t i = 0; i < kMaxAuthors + 5; ++i) AddAuthor(a, "Author " + std::to_string(i));
  CHECK(a.authors.size() == kMaxAuthors);

  Article s;
  AddSubject(s, "medtop:11000000", "");
  AddSubject(s, "MEDTOP:11000000", "politics");  // a repeat names the first
  AddSubject(s, "medtop:11000000", "other");     // but never renames it
  AddSubject(s, "", "Sahel");
  AddSubject(s, "", "");
  AddSubject(s, std::string(kMaxSubjectCodeBytes + 1, 'c'), "too long");
  AddSubject(s, "x", std::string(kMaxSubjectNameBytes + 1, 'n'));
  REQUIRE(s.subjects.size() == 3);
  CHECK(s.subjects[0].code == "medtop:11000000");
  CHECK(s.subjects[0].name == "politics");
  CHECK(s.subjects[1].code == "Sahel");
  CHECK(s.subjects[1].name == "Sahel");
  CHECK(s.subjects[2].code == "x");
  CHECK(s.subjects[2].name.empty());
  for (size_t i = 0; i < kMaxSubjects + 5; ++i) AddSubject(s, "c" + std::to_string(i), "");
  CHECK(s.subjects.size() == kMaxSubjects);
}

TEST_CASE("RssAuthorName: the name in brackets, else the text", "[readers][subjects]") {
  CHECK(RssAuthorName("jsmith@desk.example (Jane Smith)") == "Jane Smith");
  CHECK(RssAuthorName(" press@desk.example ") == "press@desk.example");
  CHECK(RssAuthorName("a@b.example ()") == "a@b.example ()");
  CHECK(RssAuthorName("Jane Smith") == "Jane Smith");
}
