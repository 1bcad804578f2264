// Prepares query text for Xapian's QueryParser so query words are analysed
// exactly like indexed words (same normalisation, folding and acronym
// handling), while the query language's syntax survives untouched.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace communique {

// NFKC-normalises `query` and replaces every word with its matching form
// (FoldForMatch), except the upper-case operators AND OR NOT XOR NEAR ADJ.
// Punctuation (quotes, parentheses, + - : * /) is kept as written.
std::string NormalizeQuery(std::string_view query);

}  // namespace communique
