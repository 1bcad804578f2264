#include "searcher/exporters.h"

#include <algorithm>

#include "common/html_escape.h"

namespace communique {
namespace {

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string JoinValues(const nlohmann::json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (!item.is_object()) continue;
    if (!out.empty()) out += ';';
    out += Str(item, "value");
  }
  return out;
}

// "2021-09-14" as an RFC 3339 time; undated articles get the epoch.
std::string AtomTime(const std::string& date) {
  return date.size() == 10 ? date + "T00:00:00Z" : std::string("1970-01-01T00:00:00Z");
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
  std::string out = "id,date,title,url,source,countries,leaders,organisations\r\n";
  const auto hits = response.find("hits");
  if (hits == response.end() || !hits->is_array()) return out;
  for (const auto& h : *hits) {
    const std::string cells[] = {Str(h, "id"),
                                 Str(h, "date"),
                                 Str(h, "title"),
                                 Str(h, "url"),
                                 Str(h, "source"),
                                 JoinValues(h.value("countries", nlohmann::json())),
                                 JoinValues(h.value("leaders", nlohmann::json())),
                                 JoinValues(h.value("organisations", nlohmann::json()))};
    for (size_t i = 0; i < std::size(cells); ++i) {
      if (i) out += ',';
      out += CsvCell(cells[i]);
    }
    out += "\r\n";
  }
  return out;
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
                       std::string_view base_url) {
  std::string entries, updated = "1970-01-01T00:00:00Z";
  const auto hits = response.find("hits");
  if (hits != response.end() && hits->is_array()) {
    for (const auto& h : *hits) {
      std::string id = Str(h, "id"), url = Str(h, "url"), when = AtomTime(Str(h, "date"));
      updated = std::max(updated, when);
      std::string link = url.empty() ? std::string(base_url) + "/api/doc/" + id : url;
      entries += "<entry>\n<id>" + XmlEscape(url.empty() ? "urn:communique:doc:" + id : url) +
                 "</id>\n<title type=\"text\">" + XmlEscape(Str(h, "title")) +
                 "</title>\n<updated>" + when + "</updated>\n<link rel=\"alternate\" href=\"" +
                 XmlEscape(link) + "\"/>\n";
      if (!Str(h, "source").empty())
        entries += "<author><name>" + XmlEscape(Str(h, "source")) + "</name></author>\n";
      entries +=
          "<summary type=\"html\">" + XmlEscape(Str(h, "snippet")) + "</summary>\n</entry>\n";
    }
  }
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
