// Authors and subject codes as every reader records them, so an RSS
// <category>, an Atom <category term scheme>, a ninjs subject uri and a
// NewsML-G2 qcode for the same IPTC media topic all end up as one code
// ("medtop:11000000"), and a byline is kept the same way whatever carried it.
//
// Thread-safety: pure functions (they change only the Article passed in).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "analysis/article.h"

namespace communique {

// Bounds on what one article may carry: a feed that lists hundreds of
// categories or writes a whole paragraph as an author is mis-generated, and
// each value becomes an index term (Xapian caps terms at 245 bytes).
constexpr size_t kMaxAuthors = 32;
constexpr size_t kMaxSubjects = 64;
constexpr size_t kMaxAuthorBytes = 200;
constexpr size_t kMaxSubjectCodeBytes = 120;
constexpr size_t kMaxSubjectNameBytes = 200;

// Appends `name` to a.authors with its white space collapsed to single
// spaces; blank names, names over kMaxAuthorBytes, repeats (compared
// case-insensitively in ASCII) and names past kMaxAuthors are dropped.
void AddAuthor(Article& a, std::string_view name);

// Appends a subject. A blank `code` takes the name as its code (an RSS or
// Atom category that is only a label); a code over kMaxSubjectCodeBytes or
// past kMaxSubjects is dropped, and so is a repeat (same code ignoring ASCII
// case), except that it supplies the name when the first had none. A name
// over kMaxSubjectNameBytes is dropped (the code is shown instead).
void AddSubject(Article& a, std::string_view code, std::string_view name);

// The code of a subject given as `code` within `scheme`: an IPTC NewsCodes
// URI ("http://cv.iptc.org/newscodes/mediatopic/11000000", in `code`, or
// the scheme "http://cv.iptc.org/newscodes/mediatopic/" with "11000000")
// becomes its qcode ("medtop:11000000"; subjectcode → "subj", other
// vocabularies keep their own name: "genre:Analysis"); anything else is the
// code as written, trimmed.
std::string SubjectCode(std::string_view scheme, std::string_view code);

// The person in an RSS 2.0 <author> ("jsmith@example.com (Jane Smith)" →
// "Jane Smith"); the text as written when it names no one in brackets.
std::string RssAuthorName(std::string_view text);

}  // namespace communique
