#include "schema/field_schema.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/file.h"
#include "common/hash.h"

namespace communique {
namespace {

// Fields the code relies on; a schema file without them is rejected at load
// time instead of failing on the first document.
constexpr const char* kRequired[] = {
    "id",         "title",     "body",     "url",     "source", "language",     "date",
    "date_month", "date_year", "dateline", "country", "leader", "organisation", "date_mentioned"};

Result<FieldKind> ParseKind(const std::string& s) {
  if (s == "key") return FieldKind::kKey;
  if (s == "text") return FieldKind::kText;
  if (s == "boolean") return FieldKind::kBoolean;
  if (s == "date") return FieldKind::kDate;
  if (s == "value") return FieldKind::kValue;
  return Status::BadRequest("unknown field kind \"" + s + "\"");
}

}  // namespace

Result<FieldSchema> FieldSchema::Parse(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("fields") || !j["fields"].is_array()) {
    return Status::BadRequest("not a JSON object with a \"fields\" array");
  }
  FieldSchema schema;
  for (const auto& jf : j["fields"]) {
    try {
      Field f;
      f.name = jf.at("name").get<std::string>();
      f.prefix = jf.at("prefix").get<std::string>();
      auto kind = ParseKind(jf.at("kind").get<std::string>());
      if (!kind.ok()) return Status::BadRequest("field " + f.name + ": " + kind.status().message);
      f.kind = kind.value();
      if (jf.contains("slot")) f.slot = jf["slot"].get<unsigned>();
      f.facet = jf.value("facet", false);
      f.multi = jf.value("multi", false);
      f.weight = jf.value("weight", 1u);
      f.entity = jf.value("entity", "");
      if (!f.entity.empty() && f.entity != "country" && f.entity != "leader" &&
          f.entity != "organisation")
        return Status::BadRequest("field " + f.name + ": unknown entity \"" + f.entity + "\"");
      f.query_names = jf.value("query_names", std::vector<std::string>{});
      schema.fields_.push_back(std::move(f));
    } catch (const nlohmann::json::exception& e) {
      return Status::BadRequest(std::string("bad field entry: ") + e.what());
    }
  }
  Status s = schema.Validate();
  if (!s.ok()) return s;
  return schema;
}

Result<FieldSchema> FieldSchema::Load(const std::string& path) {
  auto text = ReadWholeFile(path, "field schema");
  if (!text.ok()) return text.status();
  auto r = Parse(text.value());
  if (!r.ok()) return Status{r.status().code, path + ": " + r.status().message};
  std::filesystem::path dir = std::filesystem::path(path).parent_path() / "stopwords";
  std::error_code ec;
  std::map<std::string, std::set<std::string>, std::less<>> lists;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream words(entry.path());
    if (!words) return Status::NotFound(entry.path().string() + ": cannot open stopword list");
    std::set<std::string>& list = lists[entry.path().stem().string()];
    for (std::string line; std::getline(words, line);) {
      line = line.substr(0, line.find('#'));
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) list.insert(line);
    }
  }
  r.value().SetStopwords(std::move(lists));
  return r;
}

void FieldSchema::SetStopwords(std::map<std::string, std::set<std::string>, std::less<>> lists) {
  stopwords_ = std::move(lists);
  common_words_.clear();
  for (const auto& [language, words] : stopwords_) common_words_.insert(words.begin(), words.end());
  std::string joined;
  for (const std::string& w : common_words_) joined += w + '\n';
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(KeyHash(joined)));
  common_words_digest_ = hex;
}

bool FieldSchema::IsStopword(std::string_view language, std::string_view folded) const {
  auto it = stopwords_.find(language);
  return it != stopwords_.end() && it->second.count(std::string(folded)) > 0;
}

Status FieldSchema::Validate() const {
  std::set<std::string> names, prefixes, query_names;
  std::set<unsigned> slots;
  for (const Field& f : fields_) {
    if (!names.insert(f.name).second) return Status::BadRequest("duplicate field " + f.name);
    if (!prefixes.insert(f.prefix).second)
      return Status::BadRequest("field " + f.name + " reuses prefix \"" + f.prefix + "\"");
    for (char c : f.prefix) {
      if (c < 'A' || c > 'Z')
        return Status::BadRequest("field " + f.name + ": prefixes must be upper-case ASCII");
    }
    if (f.slot && !slots.insert(*f.slot).second)
      return Status::BadRequest("field " + f.name + " reuses value slot");
    if (f.facet && !f.slot) return Status::BadRequest("facet field " + f.name + " needs a slot");
    for (const auto& q : f.query_names) {
      if (!query_names.insert(q).second)
        return Status::BadRequest("query name \"" + q + "\" used twice");
    }
  }
  for (const char* r : kRequired) {
    if (!names.count(r)) return Status::BadRequest(std::string("missing field ") + r);
  }
  return Status::Ok();
}

const Field* FieldSchema::Find(std::string_view name) const {
  for (const Field& f : fields_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Field& FieldSchema::Get(std::string_view name) const {
  const Field* f = Find(name);
  if (!f) throw std::out_of_range("schema has no field " + std::string(name));
  return *f;
}

unsigned FieldSchema::Slot(std::string_view name) const {
  const Field& f = Get(name);
  if (!f.slot) throw std::out_of_range("field " + f.name + " has no value slot");
  return *f.slot;
}

}  // namespace communique
