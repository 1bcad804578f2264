#include "indexer/readers/reader_fields.h"

#include <cctype>

#include "common/strings.h"

namespace communique {
namespace {

std::string CollapseSpace(std::string_view s) {
  std::string out;
  for (char c : TrimSpace(s)) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// "mediatopic" → "medtop": the scheme aliases IPTC's own documents use.
std::string SchemeAlias(std::string_view vocabulary) {
  if (vocabulary == "mediatopic") return "medtop";
  if (vocabulary == "subjectcode") return "subj";
  return std::string(vocabulary);
}

// The vocabulary of an IPTC NewsCodes URI ("mediatopic" of
// "https://cv.iptc.org/newscodes/mediatopic/11000000") and what follows it;
// false for any other text.
bool SplitNewsCodesUri(std::string_view uri, std::string_view& vocabulary, std::string_view& id) {
  for (std::string_view base :
       {"http://cv.iptc.org/newscodes/", "https://cv.iptc.org/newscodes/"}) {
    if (uri.substr(0, base.size()) != base) continue;
    std::string_view rest = uri.substr(base.size());
    size_t slash = rest.find('/');
    vocabulary = rest.substr(0, slash);
    id = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    while (!id.empty() && id.back() == '/') id.remove_suffix(1);
    return !vocabulary.empty();
  }
  return false;
}

}  // namespace

void AddAuthor(Article& a, std::string_view name) {
  std::string n = CollapseSpace(name);
  if (n.empty() || n.size() > kMaxAuthorBytes || a.authors.size() >= kMaxAuthors) return;
  for (const std::string& have : a.authors)
    if (SameIgnoringCase(have, n)) return;
  a.authors.push_back(std::move(n));
}

void AddSubject(Article& a, std::string_view code, std::string_view name) {
  std::string c = CollapseSpace(code), n = CollapseSpace(name);
  if (c.empty()) c = n;
  if (c.empty() || c.size() > kMaxSubjectCodeBytes) return;
  if (n.size() > kMaxSubjectNameBytes) n.clear();
  for (Subject& have : a.subjects) {
    if (!SameIgnoringCase(have.code, c)) continue;
    if (have.name.empty()) have.name = std::move(n);
    return;
  }
  if (a.subjects.size() >= kMaxSubjects) return;
  a.subjects.push_back({std::move(c), std::move(n)});
}

std::string SubjectCode(std::string_view scheme, std::string_view code) {
  code = TrimSpace(code);
  scheme = TrimSpace(scheme);
  std::string_view vocabulary, id;
  if (SplitNewsCodesUri(code, vocabulary, id) && !id.empty())
    return SchemeAlias(vocabulary) + ":" + std::string(id);
  if (!code.empty() && code.find(':') == std::string_view::npos &&
      SplitNewsCodesUri(scheme, vocabulary, id) && id.empty())
    return SchemeAlias(vocabulary) + ":" + std::string(code);
  return std::string(code);
}

std::string RssAuthorName(std::string_view text) {
  text = TrimSpace(text);
  size_t open = text.find('(');
  if (open != std::string_view::npos && !text.empty() && text.back() == ')') {
    std::string_view inside = TrimSpace(text.substr(open + 1, text.size() - open - 2));
    if (!inside.empty()) return std::string(inside);
  }
  return std::string(text);
}

}  // namespace communique
