// Markup clean-up: HTML entity decoding and escaping, tag stripping, and a
// tolerant reader for whole HTML pages. Pure C++ (no ICU, no Xapian) so the
// searcher's HTTP layer may use the escaping too.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/html_escape.h"

namespace communique {

// Decodes named (HTML 4 set plus common HTML 5 ones), decimal and hex
// character references. Unknown or malformed references are left as written;
// references to NUL, surrogates or out-of-range code points become U+FFFD.
std::string DecodeEntities(std::string_view text);

// Undoes only the escapes EscapeHtml() and Xapian's snippet writer produce
// (&amp; &lt; &gt; &quot; &#39; &#34;), leaving other references as text.
std::string UnescapeBasicHtml(std::string_view text);

// Removes tags, comments, CDATA and the contents of script/style elements
// from text that may hold stray markup (feed bodies, editor debris such as
// `<span data-mce-type="bookmark" ...>`), turns block-level tags into
// paragraph breaks, and decodes entities. A '<' that does not start a tag
// ("a < b") is kept.
std::string StripMarkup(std::string_view text);

// What an HTML article page yields.
struct HtmlPage {
  std::string title;      // <title>, else og:title
  std::string headline;   // first <h1>
  std::string canonical;  // <link rel=canonical> or og:url
  std::string date;       // first date-like meta or <time datetime>, as written
  std::string language;   // <html lang>
  std::string source;     // og:site_name
  std::string body;       // text of <article> (else <main>, else <body>), boilerplate removed
};

// Reads a page tolerantly: unclosed tags, missing <body>, upper-case names.
// Drops the text of script, style, nav, header, footer, aside, form,
// noscript, template, svg, iframe and figure captions.
HtmlPage ParseHtmlPage(std::string_view html);

}  // namespace communique
