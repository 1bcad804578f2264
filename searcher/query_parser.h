// The query language of `q`, parsed into a tree of our own before anything
// touches Xapian, so what a journalist types means one documented thing:
//
//   words          putin khan            every word (AND), stemmed
//   phrases        "phone call"          the exact words in order; also “…”,
//                                        «…», „…“, 「…」; an unclosed quote
//                                        runs to the end of the query
//   operators      a OR b, a AND b, a XOR b, NOT a, a AND NOT b, ( )
//                  (upper case only: "and", "or" are words; a XOR b XOR c
//                  matches an odd number of them)
//   must/must not  +a, -a                -a alone means "everything but a"
//   proximity      a NEAR b, a NEAR/3 b  within 10 (3) words, either order;
//                  a ADJ b, a ADJ/3 b    the same, in order
//                  (NEAR/3: at most 2 other words between them; each word
//                  joined, as in a NEAR b NEAR c, widens the span by one;
//                  one chain takes its widest n, and is in order only when
//                  every operator is ADJ)
//   wildcards      sanction*
//   fields         title:word, title:"a phrase", source:"Atlas Daily",
//                  country:pakistan, date:2021-09, date:2021..2022 …
//
// Precedence, loosest first: OR, XOR, AND (written or implied), NOT / - ,
// NEAR / ADJ. A word run that ICU splits into several words ("Xi-Putin",
// "U.S.-China", a run of Chinese characters) is a phrase of those words,
// as the indexer saw them.
//
// Thread-safety: pure functions over immutable inputs.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace communique {

// What a `name:` prefix in a query stands for.
struct QueryField {
  enum class Kind {
    kText,    // words or a phrase searched under a term prefix (title:)
    kFilter,  // a boolean filter value (country:, source:, dyad:…)
    kDate,    // a publication-date range (date:)
  };
  Kind kind = Kind::kFilter;
  std::string field;  // the schema field it belongs to ("title", "country")
};

// Query names ("title", "org", "date") -> what they stand for. Looked up
// case-insensitively.
using QuerySyntax = std::map<std::string, QueryField>;

struct QueryNode {
  enum class Kind {
    kWord,    // one word: `words[0]`, stemmed when compiled
    kPhrase,  // `words` exactly, in order
    kFilter,  // `field` = `value` (a boolean filter, no weight)
    kDate,    // publication date in [`from`, `to`] (YYYYMMDD, either open)
    kAnd,     // every child, none of `excluded`
    kOr,
    kXor,
    kNear,  // `words` within `window` words (`ordered`: in order)
  };
  Kind kind = Kind::kAnd;
  std::vector<std::string> words;  // folded (the indexed form)
  std::string field;               // kWord/kPhrase: text field or ""; kFilter: field
  std::string value;               // kFilter: the value as written
  std::string from, to;            // kDate
  bool wildcard = false;           // kWord: a trailing *
  bool required = false;           // written with + (kept even if a stopword)
  bool quoted = false;             // kPhrase/kWord from quotes (never respelled)
  // kPhrase: unquoted words with nothing between them, as a CJK run splits
  // into words ("习近平" -> 习 近平), unlike "putin-who" or "U.S.".
  bool joined = false;
  unsigned window = 0;   // kNear
  bool ordered = false;  // kNear (ADJ)
  // Where a kWord was written in the normalised query text (a spelling
  // suggestion rewrites exactly that span).
  size_t begin = 0, end = 0;
  // A part of a kAnd: where it is written in the normalised query text,
  // with its sign or NOT, quotes, field prefix or parentheses, so the
  // query without it is the text without that span.
  size_t written_begin = 0, written_end = 0;
  std::vector<QueryNode> children;
  std::vector<QueryNode> excluded;  // kAnd: NOT / - parts
};

struct ParsedText {
  // The normalised query text that node offsets point into.
  std::string text;
  // The query; a blank query is an empty kAnd (match every article).
  QueryNode root;
  size_t words = 0;         // words in the query (the kMaxQueryWords limit)
  bool has_phrase = false;  // some part was quoted
};

// Parses `q`. 400 with a message saying what is wrong and how to write it
// (an operator without a word on each side, `title:` with nothing after
// it, a NEAR between non-words…). Unbalanced parentheses and quotes are
// closed at the end; a stray ")" or a quote with nothing after it is
// ignored (the query means what it means without it).
Result<ParsedText> ParseQueryText(std::string_view q, const QuerySyntax& syntax);

// Byte length of the phrase quote starting at s[i], 0 when none: ASCII and
// typographic double quotes, guillemets and CJK corner brackets. Single
// quotes are apostrophes far more often than quotes, so they are not.
size_t PhraseQuoteAt(std::string_view s, size_t i);

// `node` written back in the query language (for "search without quotes"
// and tests): words and phrases as folded, operators upper case.
std::string Unparse(const QueryNode& node);

// `node` with every phrase outside a field turned into its plain words (the
// fallback when an exact phrase matches nothing).
QueryNode WithoutQuotes(const QueryNode& node);

}  // namespace communique
