#include "searcher/exporters.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/html_escape.h"

namespace communique {
namespace {

// An id as one URL path segment (RFC 3986 unreserved characters kept).
std::string PercentEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The `key` ("value": ids and codes, "label": names) of each entity in
// `list`, joined by ';'. A missing label falls back to the value.
std::string JoinValues(const nlohmann::json& list, const char* key = "value") {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (!item.is_object()) continue;
    if (!out.empty()) out += ';';
    std::string v = Str(item, key);
    out += v.empty() ? Str(item, "value") : v;
  }
  return out;
}

// The strings of a list (the bylines) joined by ';'.
std::string JoinStrings(const nlohmann::json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += ';';
    out += item.get<std::string>();
  }
  return out;
}

// The text of a highlighted snippet: <mark> tags dropped, the entities
// EscapeHtml writes decoded (a spreadsheet shows text, not HTML).
std::string SnippetText(std::string_view html) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      i += 6;
      continue;
    }
    if (html.compare(i, 7, "</mark>") == 0) {
      i += 7;
      continue;
    }
    bool decoded = false;
    if (html[i] == '&') {
      for (const auto& [entity, text] : kEntities) {
        if (html.compare(i, entity.size(), entity) == 0) {
          out += text;
          i += entity.size();
          decoded = true;
          break;
        }
      }
    }
    if (!decoded) out += html[i++];
  }
  return out;
}

// "2021-09-14" as an RFC 3339 time; an undated article gets `fallback`
// (the time the feed was made), never a made-up 1970.
std::string AtomTime(const std::string& date, std::string_view fallback) {
  return date.size() == 10 ? date + "T00:00:00Z" : std::string(fallback);
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string cell;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
    cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string SearchCsv(const nlohmann::json& response) {
  std::string out = kCsvBom;
  out += kCsvHeader;
  out += "\r\n";
  return out + SearchCsvRows(response);
}

std::string SearchCsvRows(const nlohmann::json& response) {
  std::string out;
  const auto hits = response.find("hits");
  if (hits == response.end() || !hits->is_array()) return out;
  for (const auto& h : *hits) {
    const std::string cells[] = {Str(h, "id"),
                                 Str(h, "date"),
                                 Str(h, "title"),
                                 Str(h, "url"),
                                 Str(h, "source"),
                                 JoinValues(h.value("countries", nlohmann::json()), "label"),
                                 JoinValues(h.value("countries", nlohmann::json())),
                                 JoinValues(h.value("leaders", nlohmann::json()), "label"),
                                 JoinValues(h.value("leaders", nlohmann::json())),
                                 JoinValues(h.value("organisations", nlohmann::json()), "label"),
                                 JoinValues(h.value("organisations", nlohmann::json())),
                                 JoinStrings(h.value("authors", nlohmann::json())),
                                 JoinValues(h.value("subjects", nlohmann::json()), "label"),
                                 JoinValues(h.value("subjects", nlohmann::json())),
                                 SnippetText(Str(h, "snippet"))};
    for (size_t i = 0; i < std::size(cells); ++i) {
      if (i) out += ',';
      out += CsvCell(cells[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string CsvError(std::string_view message) {
  return std::string(kCsvBom) + "error\r\n" + CsvCell(message) + "\r\n";
}

std::string XmlEscape(std::string_view text) {
  std::string allowed;
  allowed.reserve(text.size());
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
    allowed.push_back(ch);
  }
  return EscapeHtml(allowed);
}

std::string SearchAtom(const nlohmann::json& response, std::string_view self_url,
                       std::string_view base_url, std::string_view now) {
  std::string entries, updated;
  const auto hits = response.find("hits");
  if (hits != response.end() && hits->is_array()) {
    for (const auto& h : *hits) {
      std::string id = Str(h, "id"), url = Str(h, "url"), when = AtomTime(Str(h, "date"), now);
      updated = std::max(updated, when);
      // Articles without a URL link to their page on this server.
      std::string link = url.empty() ? std::string(base_url) + "/doc/" + PercentEncode(id) : url;
      entries += "<entry>\n<id>" + XmlEscape(url.empty() ? "urn:communique:doc:" + id : url) +
                 "</id>\n<title type=\"text\">" + XmlEscape(Str(h, "title")) +
                 "</title>\n<updated>" + when + "</updated>\n<link rel=\"alternate\" href=\"" +
                 XmlEscape(link) + "\"/>\n";
      // The bylines, else the outlet; the subjects as categories (term: the
      // code, label: its name), so reading the export back keeps both.
      std::string authors;
      if (auto list = h.find("authors"); list != h.end() && list->is_array())
        for (const auto& name : *list)
          if (name.is_string() && !name.get<std::string>().empty())
            authors += "<author><name>" + XmlEscape(name.get<std::string>()) + "</name></author>\n";
      if (authors.empty() && !Str(h, "source").empty())
        authors = "<author><name>" + XmlEscape(Str(h, "source")) + "</name></author>\n";
      entries += authors;
      if (auto list = h.find("subjects"); list != h.end() && list->is_array())
        for (const auto& s : *list)
          if (s.is_object() && !Str(s, "value").empty())
            entries += "<category term=\"" + XmlEscape(Str(s, "value")) + "\" label=\"" +
                       XmlEscape(Str(s, "label")) + "\"/>\n";
      entries +=
          "<summary type=\"html\">" + XmlEscape(Str(h, "snippet")) + "</summary>\n</entry>\n";
    }
  }
  if (updated.empty()) updated = now;  // an empty feed was last updated now
  std::string query = Str(response, "query");
  std::string feed =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>" +
      XmlEscape(self_url) + "</id>\n<title type=\"text\">" +
      XmlEscape("Communique: " + (query.empty() ? std::string("latest") : query)) +
      "</title>\n<updated>" + updated + "</updated>\n<link rel=\"self\" href=\"" +
      XmlEscape(self_url) + "\"/>\n<author><name>Communique</name></author>\n";
  return feed + entries + "</feed>\n";
}

}  // namespace communique
