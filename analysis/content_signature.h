// A signature of an article's text for folding near-duplicates together
// (wire copy re-run by several outlets, an update that fixes one typo).
//
// Xapian collapses on equal values (Enquire::set_collapse_key), so the
// signature must be *equal* for near-duplicates, not merely close: a simhash
// (close in Hamming distance) flips a bit with almost any edit and would not
// collapse. This is a bottom-2 MinHash over word 5-shingles: two texts get
// the same signature when the two smallest shingle hashes of the union both
// lie in the intersection, which happens with probability about J² (J =
// Jaccard similarity of the shingle sets): identical texts always, texts
// that differ in a few words usually, unrelated texts practically never
// (they share no 5-word run, or a few out of hundreds).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

namespace communique {

// Words per shingle; short enough that a one-word edit leaves most
// shingles intact, long enough that stock phrases ("the prime minister of")
// are not shared.
constexpr size_t kShingleWords = 5;

// 16 lower-case hex digits, or "" when `words` (folded, in order) has fewer
// than kShingleWords non-empty words: too short to call anything a copy.
std::string ContentSignature(const std::vector<std::string>& words);

}  // namespace communique
