// A search response as an export: CSV for spreadsheets, Atom so a saved
// search is a feed. Both take the JSON body XapianSearcher returns and only
// re-encode it, so the export shows exactly what the API shows.
//
// Escaping: CSV cells are quoted when needed, and a cell that a spreadsheet
// would run as a formula (starting with = + - @ tab or CR) gets a leading
// apostrophe; Atom text is XML-escaped, control characters XML 1.0 forbids
// are dropped, and highlighted snippets travel as escaped HTML
// (type="html"), never as markup.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace communique {

constexpr char kCsvContentType[] = "text/csv; charset=utf-8";
constexpr char kAtomContentType[] = "application/atom+xml; charset=utf-8";

// One CSV cell: formula-guarded, quoted when it holds , " CR or LF.
std::string CsvCell(std::string_view text);

// The hits as CSV (RFC 4180, CRLF line ends) with the header row
// id,date,title,url,source,countries,leaders,organisations; list cells
// hold the values (codes and ids) joined by ';'.
std::string SearchCsv(const nlohmann::json& response);

// Text made safe for XML element content and attribute values.
std::string XmlEscape(std::string_view text);

// The hits as an Atom 1.0 feed. `self_url` is the request's own URL (the
// feed's id and rel=self link); `base_url` ("http://host:port") makes
// links for articles without a URL (their /api/doc/{id}).
std::string SearchAtom(const nlohmann::json& response, std::string_view self_url,
                       std::string_view base_url);

}  // namespace communique
