#include "analysis/clean/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace communique {
namespace {

const std::unordered_map<std::string_view, uint32_t>& NamedEntities() {
  static const std::unordered_map<std::string_view, uint32_t> table{
      {"amp", '&'},       {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},     {"iexcl", 0xA1},   {"cent", 0xA2},
      {"pound", 0xA3},    {"curren", 0xA4},   {"yen", 0xA5},     {"brvbar", 0xA6},
      {"sect", 0xA7},     {"uml", 0xA8},      {"copy", 0xA9},    {"ordf", 0xAA},
      {"laquo", 0xAB},    {"not", 0xAC},      {"shy", 0xAD},     {"reg", 0xAE},
      {"macr", 0xAF},     {"deg", 0xB0},      {"plusmn", 0xB1},  {"sup2", 0xB2},
      {"sup3", 0xB3},     {"acute", 0xB4},    {"micro", 0xB5},   {"para", 0xB6},
      {"middot", 0xB7},   {"cedil", 0xB8},    {"sup1", 0xB9},    {"ordm", 0xBA},
      {"raquo", 0xBB},    {"frac14", 0xBC},   {"frac12", 0xBD},  {"frac34", 0xBE},
      {"iquest", 0xBF},   {"Agrave", 0xC0},   {"Aacute", 0xC1},  {"Acirc", 0xC2},
      {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Aring", 0xC5},   {"AElig", 0xC6},
      {"Ccedil", 0xC7},   {"Egrave", 0xC8},   {"Eacute", 0xC9},  {"Ecirc", 0xCA},
      {"Euml", 0xCB},     {"Igrave", 0xCC},   {"Iacute", 0xCD},  {"Icirc", 0xCE},
      {"Iuml", 0xCF},     {"ETH", 0xD0},      {"Ntilde", 0xD1},  {"Ograve", 0xD2},
      {"Oacute", 0xD3},   {"Ocirc", 0xD4},    {"Otilde", 0xD5},  {"Ouml", 0xD6},
      {"times", 0xD7},    {"Oslash", 0xD8},   {"Ugrave", 0xD9},  {"Uacute", 0xDA},
      {"Ucirc", 0xDB},    {"Uuml", 0xDC},     {"Yacute", 0xDD},  {"THORN", 0xDE},
      {"szlig", 0xDF},    {"agrave", 0xE0},   {"aacute", 0xE1},  {"acirc", 0xE2},
      {"atilde", 0xE3},   {"auml", 0xE4},     {"aring", 0xE5},   {"aelig", 0xE6},
      {"ccedil", 0xE7},   {"egrave", 0xE8},   {"eacute", 0xE9},  {"ecirc", 0xEA},
      {"euml", 0xEB},     {"igrave", 0xEC},   {"iacute", 0xED},  {"icirc", 0xEE},
      {"iuml", 0xEF},     {"eth", 0xF0},      {"ntilde", 0xF1},  {"ograve", 0xF2},
      {"oacute", 0xF3},   {"ocirc", 0xF4},    {"otilde", 0xF5},  {"ouml", 0xF6},
      {"divide", 0xF7},   {"oslash", 0xF8},   {"ugrave", 0xF9},  {"uacute", 0xFA},
      {"ucirc", 0xFB},    {"uuml", 0xFC},     {"yacute", 0xFD},  {"thorn", 0xFE},
      {"yuml", 0xFF},     {"OElig", 0x152},   {"oelig", 0x153},  {"Scaron", 0x160},
      {"scaron", 0x161},  {"Yuml", 0x178},    {"fnof", 0x192},   {"circ", 0x2C6},
      {"tilde", 0x2DC},   {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009},
      {"zwnj", 0x200C},   {"zwj", 0x200D},    {"lrm", 0x200E},   {"rlm", 0x200F},
      {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
      {"sbquo", 0x201A},  {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"bdquo", 0x201E},
      {"dagger", 0x2020}, {"Dagger", 0x2021}, {"bull", 0x2022},  {"hellip", 0x2026},
      {"permil", 0x2030}, {"prime", 0x2032},  {"Prime", 0x2033}, {"lsaquo", 0x2039},
      {"rsaquo", 0x203A}, {"euro", 0x20AC},   {"trade", 0x2122}, {"larr", 0x2190},
      {"rarr", 0x2192},   {"minus", 0x2212},  {"Gbreve", 0x11E}, {"gbreve", 0x11F},
      {"Scedil", 0x15E},  {"scedil", 0x15F},  {"inodot", 0x131}, {"Idot", 0x130},
      {"Ccaron", 0x10C},  {"ccaron", 0x10D},  {"Zcaron", 0x17D}, {"zcaron", 0x17E},
      {"abreve", 0x103},  {"Abreve", 0x102},  {"nbhy", 0x2011},  {"NewLine", '\n'},
      {"Tab", '\t'},      {"colon", ':'},     {"comma", ','},    {"period", '.'},
      {"lpar", '('},      {"rpar", ')'},      {"sol", '/'},      {"num", '#'},
      {"excl", '!'},      {"quest", '?'},     {"lowbar", '_'},   {"commat", '@'},
      {"dollar", '$'},    {"percnt", '%'}};
  return table;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one reference starting at text[i] == '&'. On success appends the
// character, advances i past the reference and returns true.
bool DecodeOne(std::string_view text, size_t& i, std::string& out) {
  size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    size_t start = j;
    uint64_t cp = 0;
    while (j < text.size() && j - start < 8 &&
           (hex ? std::isxdigit(static_cast<unsigned char>(text[j]))
                : std::isdigit(static_cast<unsigned char>(text[j])))) {
      char c = text[j];
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
      cp = cp * (hex ? 16 : 10) + static_cast<uint64_t>(d);
      ++j;
    }
    if (j == start) return false;
    if (j < text.size() && text[j] == ';') ++j;
    // Windows-1252 code points that feeds put in numeric references.
    static const uint16_t kCp1252[32] = {
        0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
        0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
    if (cp >= 0x80 && cp < 0xA0) cp = kCp1252[cp - 0x80];
    AppendUtf8(out, cp > 0x10FFFF ? 0xFFFD : static_cast<uint32_t>(cp));
    i = j;
    return true;
  }
  size_t start = j;
  while (j < text.size() && j - start < 10 && std::isalnum(static_cast<unsigned char>(text[j])))
    ++j;
  if (j == start) return false;
  auto it = NamedEntities().find(text.substr(start, j - start));
  if (it == NamedEntities().end()) return false;
  if (j < text.size() && text[j] == ';') ++j;
  AppendUtf8(out, it->second);
  i = j;
  return true;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsOneOf(std::string_view name, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

bool IsBlock(std::string_view name) {
  return IsOneOf(
      name, {"p",  "div",  "br",         "li",      "ul",      "ol",    "h1",    "h2",   "h3", "h4",
             "h5", "h6",   "blockquote", "section", "article", "table", "tr",    "pre",  "hr", "dd",
             "dt", "main", "figure",     "header",  "footer",  "nav",   "aside", "title"});
}

bool IsBoilerplate(std::string_view name) {
  return IsOneOf(name, {"nav", "header", "footer", "aside", "form", "noscript", "template", "svg",
                        "iframe", "figcaption", "button", "select"});
}

// One piece of an HTML stream.
struct HtmlEvent {
  enum Type { kText, kStart, kEnd } type = kText;
  std::string_view text;                     // kText: raw (undecoded) text
  std::string name;                          // kStart/kEnd: lower-case tag name
  std::map<std::string, std::string> attrs;  // kStart: lower-case names, decoded values
  bool self_closing = false;
};

// Calls fn(const HtmlEvent&) for each piece of `html`. Comments, doctype and
// processing instructions are dropped; script/style contents are skipped.
template <typename Fn>
void ScanHtml(std::string_view html, Fn&& fn) {
  size_t i = 0, text_start = 0;
  auto flush_text = [&](size_t end) {
    if (end > text_start) {
      HtmlEvent e;
      e.text = html.substr(text_start, end - text_start);
      fn(e);
    }
  };
  while (i < html.size()) {
    if (html[i] != '<') {
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      flush_text(i);
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      text_start = i;
      continue;
    }
    bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_start = i + (end_tag ? 2 : 1);
    bool decl = i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?');
    if (!decl && (name_start >= html.size() ||
                  !std::isalpha(static_cast<unsigned char>(html[name_start])))) {
      ++i;  // a literal '<'
      continue;
    }
    // Find the closing '>' outside quoted attribute values.
    size_t j = name_start;
    char quote = 0;
    while (j < html.size()) {
      char c = html[j];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        // Quotes only open values after '='; a stray quote elsewhere is text.
        size_t k = j;
        while (k > name_start && std::isspace(static_cast<unsigned char>(html[k - 1]))) --k;
        if (k > name_start && html[k - 1] == '=') quote = c;
      } else if (c == '>') {
        break;
      }
      ++j;
    }
    if (j >= html.size()) {  // unterminated: treat the '<' as text
      ++i;
      continue;
    }
    flush_text(i);
    text_start = j + 1;
    std::string_view inside = html.substr(name_start, j - name_start);
    i = j + 1;
    if (decl) continue;
    size_t n = 0;
    while (n < inside.size() && !std::isspace(static_cast<unsigned char>(inside[n])) &&
           inside[n] != '/' && inside[n] != '>')
      ++n;
    HtmlEvent e;
    e.type = end_tag ? HtmlEvent::kEnd : HtmlEvent::kStart;
    e.name = LowerAscii(inside.substr(0, n));
    if (!end_tag) {
      e.self_closing = !inside.empty() && inside.back() == '/';
      size_t k = n;
      while (k < inside.size()) {
        while (k < inside.size() &&
               (std::isspace(static_cast<unsigned char>(inside[k])) || inside[k] == '/'))
          ++k;
        size_t an = k;
        while (k < inside.size() && !std::isspace(static_cast<unsigned char>(inside[k])) &&
               inside[k] != '=' && inside[k] != '/')
          ++k;
        if (k == an) break;
        std::string attr = LowerAscii(inside.substr(an, k - an));
        std::string value;
        while (k < inside.size() && std::isspace(static_cast<unsigned char>(inside[k]))) ++k;
        if (k < inside.size() && inside[k] == '=') {
          ++k;
          while (k < inside.size() && std::isspace(static_cast<unsigned char>(inside[k]))) ++k;
          if (k < inside.size() && (inside[k] == '"' || inside[k] == '\'')) {
            char q = inside[k++];
            size_t vs = k;
            while (k < inside.size() && inside[k] != q) ++k;
            value = DecodeEntities(inside.substr(vs, k - vs));
            if (k < inside.size()) ++k;
          } else {
            size_t vs = k;
            while (k < inside.size() && !std::isspace(static_cast<unsigned char>(inside[k]))) ++k;
            value = DecodeEntities(inside.substr(vs, k - vs));
          }
        }
        e.attrs.emplace(std::move(attr), std::move(value));
      }
    }
    fn(e);
    if (!end_tag && (e.name == "script" || e.name == "style")) {
      // Raw text: skip to the matching end tag, case-insensitively.
      std::string close = "</" + e.name;
      size_t k = i;
      while (k < html.size()) {
        size_t lt = html.find('<', k);
        if (lt == std::string_view::npos) {
          k = html.size();
          break;
        }
        if (LowerAscii(html.substr(lt, close.size())) == close) {
          k = lt;
          break;
        }
        k = lt + 1;
      }
      i = k;
      text_start = k;
    }
  }
  flush_text(html.size());
}

void AppendBreak(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.compare(out.size() - std::min<size_t>(2, out.size()), 2, "\n\n") != 0) {
    out += "\n\n";
  }
}

}  // namespace

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&' && DecodeOne(text, i, out)) continue;
    out.push_back(text[i++]);
  }
  return out;
}

std::string UnescapeBasicHtml(std::string_view text) {
  static const std::pair<std::string_view, char> kEscapes[] = {{"&amp;", '&'},  {"&lt;", '<'},
                                                               {"&gt;", '>'},   {"&quot;", '"'},
                                                               {"&#39;", '\''}, {"&#34;", '"'}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool matched = false;
    if (text[i] == '&') {
      for (const auto& [esc, c] : kEscapes) {
        if (text.compare(i, esc.size(), esc) == 0) {
          out.push_back(c);
          i += esc.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out.push_back(text[i++]);
  }
  return out;
}

std::string StripMarkup(std::string_view text) {
  if (text.find('<') == std::string_view::npos) return DecodeEntities(text);
  std::string out;
  ScanHtml(text, [&](const HtmlEvent& e) {
    if (e.type == HtmlEvent::kText) {
      out += DecodeEntities(e.text);
    } else if (IsBlock(e.name)) {
      AppendBreak(out);
    }
  });
  return out;
}

HtmlPage ParseHtmlPage(std::string_view html) {
  HtmlPage page;
  std::string all_body, article, main_text, headline;
  int skip = 0;  // depth inside boilerplate elements
  int in_article = 0, in_main = 0, in_h1 = 0;
  bool in_title = false, seen_h1 = false;
  std::string og_title, og_url;
  auto meta_date = [&](const std::string& v) {
    if (page.date.empty() && !v.empty()) page.date = v;
  };
  ScanHtml(html, [&](const HtmlEvent& e) {
    if (e.type == HtmlEvent::kText) {
      std::string t = DecodeEntities(e.text);
      if (in_title) page.title += t;
      if (skip > 0) return;
      if (in_h1) headline += t;
      all_body += t;
      if (in_article) article += t;
      if (in_main) main_text += t;
      return;
    }
    const std::string& n = e.name;
    bool start = e.type == HtmlEvent::kStart;
    if (n == "title") in_title = start && !e.self_closing;
    if (IsBoilerplate(n) && !e.self_closing) skip = std::max(0, skip + (start ? 1 : -1));
    if (n == "article" && !e.self_closing) in_article = std::max(0, in_article + (start ? 1 : -1));
    if (n == "main" && !e.self_closing) in_main = std::max(0, in_main + (start ? 1 : -1));
    if (n == "h1") {
      if (start && !seen_h1 && skip == 0) in_h1 = 1;
      if (!start && in_h1) {
        in_h1 = 0;
        seen_h1 = true;
      }
    }
    if (start && n == "html") page.language = e.attrs.count("lang") ? e.attrs.at("lang") : "";
    if (start && n == "meta") {
      auto get = [&](const char* k) {
        auto it = e.attrs.find(k);
        return it == e.attrs.end() ? std::string() : it->second;
      };
      std::string key = LowerAscii(!get("property").empty() ? get("property")
                                   : !get("name").empty()   ? get("name")
                                                            : get("itemprop"));
      std::string content = get("content");
      if (key == "article:published_time" || key == "date" || key == "pubdate" ||
          key == "dc.date" || key == "dc.date.issued" || key == "datepublished" ||
          key == "publish-date" || key == "og:published_time")
        meta_date(content);
      if (key == "og:title") og_title = content;
      if (key == "og:url") og_url = content;
      if (key == "og:site_name") page.source = content;
    }
    if (start && n == "link") {
      auto rel = e.attrs.find("rel");
      auto href = e.attrs.find("href");
      if (rel != e.attrs.end() && LowerAscii(rel->second) == "canonical" && href != e.attrs.end())
        page.canonical = href->second;
    }
    if (start && n == "time" && e.attrs.count("datetime")) meta_date(e.attrs.at("datetime"));
    if (IsBlock(n) && skip == 0) {
      AppendBreak(all_body);
      if (in_article || n == "article") AppendBreak(article);
      if (in_main || n == "main") AppendBreak(main_text);
    }
  });
  if (page.title.empty()) page.title = og_title;
  if (page.canonical.empty()) page.canonical = og_url;
  page.headline = headline;
  auto has_text = [](const std::string& s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
  };
  page.body = has_text(article) ? article : has_text(main_text) ? main_text : all_body;
  return page;
}

}  // namespace communique
