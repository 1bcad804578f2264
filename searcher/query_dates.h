// Dates written as words in a query: "2021", "September 2021",
// "14 September 2021", "September 14, 2021", «сентябрь 2021»,
// «septiembre de 2021». A journalist types "SCO summit 2021" meaning the
// summit of 2021, not articles containing the string "2021" (which news
// copy rarely writes: the date is the story's own), so the query builder
// matches such a span by its words, or by the publication date, or by a
// date the text mentions within it (searcher/query_builder.cpp).
//
// Thread-safety: immutable after construction; Find() may run concurrently.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "schema/gazetteer.h"

namespace communique {

// A date found among a query's words.
struct QueryDateSpan {
  size_t begin = 0, end = 0;  // the words [begin, end) that write it
  std::string from, to;       // the days it covers, YYYYMMDD, inclusive
  // The leading digits every mentioned day within it starts with: "2021",
  // "202109" or "20210914" (the date_mentioned terms' suffix).
  std::string mentioned;
};

class QueryDateFinder {
 public:
  // Month names: English (full and abbreviated) and those of every
  // language the gazetteer's rules give dates for. `gazetteer` need not
  // outlive the finder.
  explicit QueryDateFinder(const Gazetteer& gazetteer);

  // The dates written in `words` (folded query words in order; "" for a
  // position that is not a plain word, which no date spans), longest
  // first at each position, spans never overlapping. A year is four
  // digits from 1900 to 2100; a month name counts only with a year after
  // it (so "may" alone stays a word); a day only with its month and year.
  std::vector<QueryDateSpan> Find(const std::vector<std::string>& words) const;

 private:
  // The month a form starting at words[at] names (1..12), and the position
  // after it; 0 when none.
  int MonthAt(const std::vector<std::string>& words, size_t at, size_t& after) const;
  size_t SkipLinks(const std::vector<std::string>& words, size_t at) const;

  // First folded word of a month form -> (its further words, month).
  std::multimap<std::string, std::pair<std::vector<std::string>, int>, std::less<>> months_;
  std::vector<std::string> links_;  // folded words between day, month and year ("de")
};

}  // namespace communique
