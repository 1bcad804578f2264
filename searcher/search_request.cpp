#include "searcher/search_request.h"

#include <cctype>
#include <cstdio>

#include "common/numbers.h"

namespace communique {
namespace {

Result<int> ParseInt(const std::string& name, const std::string& v, int lo, int hi) {
  auto n = ParseNumber(name, v, lo, hi);
  if (!n.ok()) return n.status();
  return static_cast<int>(n.value());
}

bool Digits(const std::string& s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

}  // namespace

Result<std::string> ParseDateBound(const std::string& t, bool end) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto bad = [&] {
    return Status::BadRequest("date \"" + t.substr(0, 40) +
                              "\" must be YYYY-MM-DD, YYYY-MM or YYYY");
  };
  int y = 0, m = end ? 12 : 1, d = 0;
  if (t.size() == 4 && Digits(t, 0, 4)) {
    y = std::stoi(t);
  } else if (t.size() == 7 && Digits(t, 0, 4) && t[4] == '-' && Digits(t, 5, 2)) {
    y = std::stoi(t.substr(0, 4));
    m = std::stoi(t.substr(5, 2));
  } else if (t.size() == 10 && Digits(t, 0, 4) && t[4] == '-' && Digits(t, 5, 2) && t[7] == '-' &&
             Digits(t, 8, 2)) {
    y = std::stoi(t.substr(0, 4));
    m = std::stoi(t.substr(5, 2));
    d = std::stoi(t.substr(8, 2));
  } else {
    return bad();
  }
  if (m < 1 || m > 12) return bad();
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d == 0) d = end ? max_day : 1;
  if (d < 1 || d > max_day) return bad();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return std::string(buf);
}

std::string CanonicalDyad(const std::string& value) {
  auto code = [](std::string_view c) {
    if (c.size() != 2) return std::string();
    std::string out;
    for (char ch : c) {
      if (!std::isalpha(static_cast<unsigned char>(ch))) return std::string();
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    }
    return out;
  };
  size_t dash = value.find('-');
  if (dash == std::string::npos) return "";
  std::string a = code(std::string_view(value).substr(0, dash));
  std::string b = code(std::string_view(value).substr(dash + 1));
  if (a.empty() || b.empty() || a == b) return "";
  return a < b ? a + "-" + b : b + "-" + a;
}

const char* SortName(SearchRequest::Sort sort) {
  switch (sort) {
    case SearchRequest::Sort::kDate:
      return "date";
    case SearchRequest::Sort::kRecent:
      return "recent";
    case SearchRequest::Sort::kRelevance:
      break;
  }
  return "relevance";
}

const char* DateIntervalName(SearchRequest::DateInterval interval) {
  switch (interval) {
    case SearchRequest::DateInterval::kDay:
      return "day";
    case SearchRequest::DateInterval::kYear:
      return "year";
    case SearchRequest::DateInterval::kMonth:
      break;
  }
  return "month";
}

namespace {

// The facet field a filter parameter names ("org" -> organisation), or
// nullptr. `dyad` names no field when the schema has none; the caller
// handles it.
const Field* FilterField(const FieldSchema& schema, const std::string& key) {
  for (const Field& f : schema.fields()) {
    if (!f.facet || f.kind == FieldKind::kDate) continue;
    if (f.name == key) return &f;
    for (const auto& qn : f.query_names) {
      if (qn == key) return &f;
    }
  }
  return nullptr;
}

// Adds one filter value, enforcing the per-field limits.
Status AddFilterValue(std::vector<std::string>& values, const std::string& key, std::string value) {
  if (value.size() > 200) return Status::BadRequest(key + " value is too long");
  if (values.size() >= kMaxFilterValues)
    return Status::BadRequest("too many " + key + " filters (at most " +
                              std::to_string(kMaxFilterValues) + ")");
  values.push_back(std::move(value));
  return Status::Ok();
}

Result<bool> ParseBool(const std::string& key, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return Status::BadRequest(key + " must be true or false");
}

}  // namespace

Result<SearchRequest> ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                                         const FieldSchema& schema) {
  SearchRequest r;
  bool sort_given = false;
  bool size_given = false;
  for (const auto& [key, value] : params) {
    if (key == "q") {
      if (value.size() > kMaxQueryBytes)
        return Status::BadRequest("q is too long (at most " + std::to_string(kMaxQueryBytes) +
                                  " bytes)");
      r.q = value;
    } else if (key == "page") {
      auto n = ParseInt("page", value, 1, kMaxResultWindow);
      if (!n.ok()) return n.status();
      r.page = n.value();
    } else if (key == "size") {
      // Checked against the format's own limit below.
      auto n = ParseInt("size", value, 1, kMaxExportSize);
      if (!n.ok())
        return Status::BadRequest("size must be a number from 1 to " +
                                  std::to_string(kMaxPageSize) + " (" +
                                  std::to_string(kMaxExportSize) + " for exports)");
      r.size = n.value();
      size_given = true;
    } else if (key == "facet_size") {
      auto n = ParseInt("facet_size", value, 1, 100);
      if (!n.ok()) return n.status();
      r.facet_size = n.value();
    } else if (key == "sort") {
      if (value == "relevance")
        r.sort = SearchRequest::Sort::kRelevance;
      else if (value == "date")
        r.sort = SearchRequest::Sort::kDate;
      else if (value == "recent")
        r.sort = SearchRequest::Sort::kRecent;
      else
        return Status::BadRequest("sort must be relevance, date or recent");
      sort_given = true;
    } else if (key == "date_interval") {
      if (value == "day")
        r.date_interval = SearchRequest::DateInterval::kDay;
      else if (value == "month")
        r.date_interval = SearchRequest::DateInterval::kMonth;
      else if (value == "year")
        r.date_interval = SearchRequest::DateInterval::kYear;
      else
        return Status::BadRequest("date_interval must be day, month or year");
    } else if (key == "format") {
      if (value == "json")
        r.format = SearchRequest::Format::kJson;
      else if (value == "csv")
        r.format = SearchRequest::Format::kCsv;
      else if (value == "atom")
        r.format = SearchRequest::Format::kAtom;
      else
        return Status::BadRequest("format must be json, csv or atom");
    } else if (key == "collapse" || key == "facets") {
      auto b = ParseBool(key, value);
      if (!b.ok()) return b.status();
      (key == "collapse" ? r.collapse : r.facets) = b.value();
    } else if (key == "cursor") {
      if (value.size() > 64) return Status::BadRequest("cursor is not valid");
      r.cursor = value;
    } else if (key == "from" || key == "to") {
      if (value.empty()) continue;
      auto d = ParseDateBound(value, key == "to");
      if (!d.ok()) return Status::BadRequest(key + ": " + d.status().message);
      (key == "from" ? r.from : r.to) = d.value();
    } else {
      bool any = key.size() > 4 && key.compare(key.size() - 4, 4, "_any") == 0;
      bool none = key.size() > 4 && key.compare(key.size() - 4, 4, "_not") == 0;
      std::string base = any || none ? key.substr(0, key.size() - 4) : key;
      const Field* field = FilterField(schema, base);
      std::string name = field ? field->name : base == kDyadField ? kDyadField : "";
      if (name.empty())
        return Status::BadRequest("unknown parameter \"" + key.substr(0, 40) + "\"");
      auto& filters = any ? r.any_filters : none ? r.not_filters : r.filters;
      auto& values = filters[name];
      // `_any` and `_not` take a comma-separated list; a plain filter one value.
      std::vector<std::string> items;
      size_t begin = 0;
      while ((any || none) && begin <= value.size()) {
        size_t comma = value.find(',', begin);
        if (comma == std::string::npos) comma = value.size();
        if (comma > begin) items.push_back(value.substr(begin, comma - begin));
        begin = comma + 1;
      }
      if (!any && !none && !value.empty()) items.push_back(value);
      for (std::string& item : items) {
        if (name == kDyadField) {
          std::string dyad = CanonicalDyad(item);
          if (dyad.empty())
            return Status::BadRequest("dyad must be two country codes such as PK-RU");
          item = dyad;
        }
        Status s = AddFilterValue(values, key, std::move(item));
        if (!s.ok()) return s;
      }
      if (values.empty()) filters.erase(name);
    }
  }
  bool json = r.format == SearchRequest::Format::kJson;
  if (json && r.size > kMaxPageSize)
    return Status::BadRequest("size must be a number from 1 to " + std::to_string(kMaxPageSize) +
                              " (" + std::to_string(kMaxExportSize) + " for exports)");
  if (!json && !size_given) r.size = kMaxPageSize;
  if (!r.cursor.empty()) {
    r.page = 1;
  } else if (static_cast<long>(r.page) * r.size > kMaxResultWindow) {
    return Status::BadRequest("page * size must not exceed " + std::to_string(kMaxResultWindow) +
                              " (use sort=date and cursor to go deeper)");
  }
  if (!r.from.empty() && !r.to.empty() && r.from > r.to)
    return Status::BadRequest("from must not be after to");
  bool blank_q = r.q.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!sort_given) r.sort = blank_q ? SearchRequest::Sort::kDate : SearchRequest::Sort::kRelevance;
  if (!r.cursor.empty() && r.sort != SearchRequest::Sort::kDate)
    return Status::BadRequest("cursor needs sort=date");
  if (!json) r.facets = false;
  return r;
}

}  // namespace communique
