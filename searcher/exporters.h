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

// Every CSV export starts with a UTF-8 byte order mark: without it Excel
// reads the file as the local code page and "Erdoğan" comes out garbled.
constexpr char kCsvBom[] = "\xEF\xBB\xBF";
// The CSV columns: entities by name, then their ids and codes in their own
// columns (for joining with other data), and the snippet as plain text.
constexpr char kCsvHeader[] =
    "id,date,title,url,source,countries,country_codes,leaders,leader_ids,organisations,"
    "organisation_ids,authors,subjects,subject_codes,snippet";

// One CSV cell: formula-guarded, quoted when it holds , " CR or LF.
std::string CsvCell(std::string_view text);

// The hits as CSV (RFC 4180, CRLF line ends): the BOM, the kCsvHeader row,
// one row per hit; list cells hold names (or ids) joined by ';'.
std::string SearchCsv(const nlohmann::json& response);

// The rows of SearchCsv alone (no BOM, no header): the pages after the
// first of a streamed export.
std::string SearchCsvRows(const nlohmann::json& response);

// A failed export as CSV (BOM, an "error" header, the message), so a
// download saved as .csv says what went wrong in a spreadsheet's terms.
std::string CsvError(std::string_view message);

// Text made safe for XML element content and attribute values.
std::string XmlEscape(std::string_view text);

// The hits as an Atom 1.0 feed. `self_url` is the request's own URL (the
// feed's id and rel=self link); `base_url` ("https://news.example.org",
// no trailing slash) makes links for articles without a URL (their page,
// /doc/{id}); `now` (RFC 3339) is the feed's <updated> when it has no
// dated entry, and an undated entry's.
std::string SearchAtom(const nlohmann::json& response, std::string_view self_url,
                       std::string_view base_url, std::string_view now);

}  // namespace communique
