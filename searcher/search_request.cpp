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

Result<SearchRequest> ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                                         const FieldSchema& schema) {
  SearchRequest r;
  bool sort_given = false;
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
      auto n = ParseInt("size", value, 1, kMaxPageSize);
      if (!n.ok()) return n.status();
      r.size = n.value();
    } else if (key == "facet_size") {
      auto n = ParseInt("facet_size", value, 1, 100);
      if (!n.ok()) return n.status();
      r.facet_size = n.value();
    } else if (key == "sort") {
      if (value == "relevance")
        r.sort = SearchRequest::Sort::kRelevance;
      else if (value == "date")
        r.sort = SearchRequest::Sort::kDate;
      else
        return Status::BadRequest("sort must be relevance or date");
      sort_given = true;
    } else if (key == "from" || key == "to") {
      if (value.empty()) continue;
      auto d = ParseDateBound(value, key == "to");
      if (!d.ok()) return Status::BadRequest(key + ": " + d.status().message);
      (key == "from" ? r.from : r.to) = d.value();
    } else {
      const Field* field = nullptr;
      for (const Field& f : schema.fields()) {
        if (!f.facet || f.kind == FieldKind::kDate) continue;
        bool named = f.name == key;
        for (const auto& qn : f.query_names) named = named || qn == key;
        if (named) field = &f;
      }
      if (!field) return Status::BadRequest("unknown parameter \"" + key.substr(0, 40) + "\"");
      if (value.empty()) continue;
      if (value.size() > 200) return Status::BadRequest(key + " value is too long");
      auto& values = r.filters[field->name];
      if (values.size() >= kMaxFilterValues)
        return Status::BadRequest("too many " + key + " filters (at most " +
                                  std::to_string(kMaxFilterValues) + ")");
      values.push_back(value);
    }
  }
  if (static_cast<long>(r.page) * r.size > kMaxResultWindow)
    return Status::BadRequest("page * size must not exceed " + std::to_string(kMaxResultWindow));
  if (!r.from.empty() && !r.to.empty() && r.from > r.to)
    return Status::BadRequest("from must not be after to");
  bool blank_q = r.q.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!sort_given) r.sort = blank_q ? SearchRequest::Sort::kDate : SearchRequest::Sort::kRelevance;
  return r;
}

}  // namespace communique
