#include "schema/gazetteer.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/file.h"

namespace communique {
namespace {

std::string Key(EntityKind kind, std::string_view id) {
  return std::to_string(static_cast<int>(kind)) + AsciiLower(id);
}

void AddAliases(GazetteerEntry& e, const nlohmann::json& j, const char* field, AliasType type) {
  if (!j.contains(field) || !j[field].is_array()) return;
  for (const auto& a : j[field]) {
    if (a.is_string() && !a.get<std::string>().empty())
      e.aliases.push_back({a.get<std::string>(), type, false, "", false, "", false, false});
  }
}

// Calls `line_fn` with each line of a generated TSV file that is neither
// empty nor a '#' comment.
template <typename LineFn>
void ForEachDataLine(std::string_view tsv, LineFn line_fn) {
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    std::string_view line = tsv.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
    if (!line.empty() && line[0] != '#') line_fn(line);
  }
}

// The fields of one TSV line, split at tabs and, when `also_commas`, at
// commas too; empty fields are dropped.
std::vector<std::string> SplitFields(std::string_view line, bool also_commas) {
  std::vector<std::string> out;
  while (!line.empty()) {
    size_t end = line.find_first_of(also_commas ? "\t," : "\t");
    if (end != 0) out.emplace_back(line.substr(0, end));
    line.remove_prefix(end == std::string_view::npos ? line.size() : end + 1);
  }
  return out;
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const Term* TermOn(const GazetteerEntry& leader, std::string_view iso_date) {
  if (iso_date.empty()) return nullptr;
  for (const Term& t : leader.terms) {
    if (!t.start.empty() && t.start <= iso_date && (t.end.empty() || iso_date < t.end)) return &t;
  }
  return nullptr;
}

std::string_view OrganisationOn(const GazetteerEntry& leader, std::string_view iso_date) {
  const Term* t = TermOn(leader, iso_date);
  return t ? std::string_view(t->organisation) : std::string_view();
}

std::string_view LeaderCountryOn(const GazetteerEntry& leader, std::string_view iso_date) {
  if (!OrganisationOn(leader, iso_date).empty()) return {};
  return leader.country;
}

std::string_view FieldNameOf(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCountry:
      return "country";
    case EntityKind::kLeader:
      return "leader";
    case EntityKind::kOrganisation:
      return "organisation";
  }
  return "";
}

Status Gazetteer::Add(EntityKind kind, std::string_view json_text, const std::string& what) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Status::BadRequest(what + ": not a JSON array");
  size_t n = 0;
  for (const auto& je : j) {
    ++n;
    try {
      GazetteerEntry e;
      e.kind = kind;
      e.id = je.at(kind == EntityKind::kCountry ? "code" : "id").get<std::string>();
      e.label = je.at("name").get<std::string>();
      e.aliases.push_back({e.label, AliasType::kName, false, "", false, "", false, false});
      AddAliases(e, je, "names", AliasType::kName);
      AddAliases(e, je, "aliases", AliasType::kName);
      AddAliases(e, je, "demonyms", AliasType::kDemonym);
      AddAliases(e, je, "metonyms", AliasType::kMetonym);
      AddAliases(e, je, "acronyms", AliasType::kAcronym);
      AddAliases(e, je, "context_aliases", AliasType::kContext);
      AddAliases(e, je, "handles", AliasType::kHandle);
      AddAliases(e, je, "not_names", AliasType::kBlocker);
      if (je.contains("ambiguous_names") && je["ambiguous_names"].is_array()) {
        for (const auto& amb : je["ambiguous_names"]) {
          for (Alias& alias : e.aliases) {
            if (amb.is_string() && alias.text == amb.get<std::string>()) alias.ambiguous = true;
          }
        }
      }
      // Names in other languages (from ICU's locale data): plain names.
      if (je.contains("names_i18n") && je["names_i18n"].is_object()) {
        for (const auto& [lang, name] : je["names_i18n"].items()) {
          if (name.is_string() && !name.get<std::string>().empty())
            e.aliases.push_back(
                {name.get<std::string>(), AliasType::kName, false, "", false, "", false, false});
        }
      }
      if (je.contains("names_since") && je["names_since"].is_object()) {
        for (Alias& alias : e.aliases) {
          auto since = je["names_since"].find(alias.text);
          if (since != je["names_since"].end() && since->is_string()) alias.since = *since;
        }
      }
      if (je.contains("covers") && je["covers"].is_array()) {
        for (const auto& c : je["covers"]) e.covers.push_back({c.at("code"), c.at("end")});
      }
      e.country = je.value("country", "");
      e.historical = je.value("historical", false);
      if (je.contains("members") && je["members"].is_array()) {
        for (const auto& m : je["members"]) {
          if (m.is_string()) {
            e.members.push_back(m.get<std::string>());
          } else if (m.is_object() && m.contains("code")) {
            e.members.push_back(m["code"].get<std::string>());
          } else if (m.is_object() && m.contains("country")) {
            Membership ms;
            ms.country = m.at("country").get<std::string>();
            ms.joined = m.value("joined", "");
            ms.member_in = m.value("member_in", "");
            ms.left = m.value("left", "");
            // A country that left and came back has two spells but is one member.
            if (ms.left.empty() &&
                std::find(e.members.begin(), e.members.end(), ms.country) == e.members.end())
              e.members.push_back(ms.country);
            e.memberships.push_back(std::move(ms));
          }
        }
      }
      e.dissolved = je.value("dissolved", "");
      e.summit = je.value("summit", false);
      if (je.contains("roles") && je["roles"].is_array()) {
        for (const auto& r : je["roles"]) {
          Term t;
          t.role = r.value("role", "");
          t.start = r.value("start", "");
          if (r.contains("end") && r["end"].is_string()) t.end = r["end"].get<std::string>();
          t.organisation = r.value("organisation", "");
          e.terms.push_back(std::move(t));
        }
      }
      std::string key = Key(kind, e.id);
      if (index_.count(key)) return Status::BadRequest(what + ": duplicate id " + e.id);
      index_[key] = entries_.size();
      entries_.push_back(std::move(e));
    } catch (const nlohmann::json::exception& ex) {
      return Status::BadRequest(what + ": entry " + std::to_string(n) + ": " + ex.what());
    }
  }
  return Status::Ok();
}

Result<Gazetteer> Gazetteer::Parse(std::string_view countries, std::string_view leaders,
                                   std::string_view organisations) {
  Gazetteer g;
  Status s = g.Add(EntityKind::kCountry, countries, "countries");
  if (s.ok()) s = g.Add(EntityKind::kLeader, leaders, "leaders");
  if (s.ok()) s = g.Add(EntityKind::kOrganisation, organisations, "organisations");
  if (!s.ok()) return s;
  return g;
}

Result<Gazetteer> Gazetteer::LoadDir(const std::string& dir) {
  Gazetteer g;
  const std::pair<EntityKind, const char*> files[] = {
      {EntityKind::kCountry, "countries.json"},
      {EntityKind::kLeader, "leaders.json"},
      {EntityKind::kOrganisation, "organisations.json"}};
  for (const auto& [kind, name] : files) {
    std::string path = dir + "/" + name;
    auto text = ReadWholeFile(path, "gazetteer");
    if (!text.ok()) return text.status();
    Status s = g.Add(kind, text.value(), path);
    if (!s.ok()) return s;
  }
  // The cities are optional: without them datelines resolve only through
  // country names and capitals.
  auto cities = ReadWholeFile(dir + "/cities.tsv", "gazetteer");
  if (cities.ok()) g.ParseCities(cities.value());
  auto variants = ReadWholeFile(dir + "/city_variants.tsv", "gazetteer");
  if (variants.ok()) g.ParseCityVariants(variants.value());
  auto surnames = ReadWholeFile(dir + "/query_surnames.tsv", "gazetteer");
  if (surnames.ok()) g.ParseQuerySurnames(surnames.value());
  // Languages are data: every rules/<lang>.json there is read.
  std::error_code ec;
  std::vector<std::string> rule_files;
  for (const auto& f : std::filesystem::directory_iterator(dir + "/rules", ec)) {
    if (f.path().extension() == ".json") rule_files.push_back(f.path().string());
  }
  std::sort(rule_files.begin(), rule_files.end());
  for (const std::string& path : rule_files) {
    auto text = ReadWholeFile(path, "gazetteer");
    if (!text.ok()) return text.status();
    Status s = g.AddRules(text.value(), path);
    if (!s.ok()) return s;
  }
  return g;
}

namespace {

std::vector<std::string> Strings(const nlohmann::json& j, const char* field) {
  std::vector<std::string> out;
  if (!j.contains(field)) return out;
  for (const auto& w : j.at(field)) out.push_back(w.get<std::string>());
  return out;
}

}  // namespace

Status Gazetteer::AddRules(std::string_view json_text, const std::string& what) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::BadRequest(what + ": not a JSON object");
  LanguageRules r;
  try {
    r.language = j.at("language").get<std::string>();
    const nlohmann::json& w = j.contains("words") ? j["words"] : nlohmann::json::object();
    r.title_words = Strings(w, "title");
    r.neutral_before = Strings(w, "neutral_before");
    r.neutral_after = Strings(w, "neutral_after");
    r.first_name_countries = Strings(w, "first_name_countries");
    r.common_word_acronyms = Strings(w, "common_word_acronyms");
    r.company_forms = Strings(w, "company_forms");
    r.role_links = Strings(w, "role_links");
    r.definite_articles = Strings(w, "definite_articles");
    r.role_predicates = Strings(w, "role_predicates");
    r.role_prefixes = Strings(w, "role_prefixes");
    if (j.contains("anaphoric_roles")) {
      for (const auto& a : j["anaphoric_roles"])
        r.anaphoric_roles.emplace_back(a.at("phrase").get<std::string>(),
                                       a.at("role").get<std::string>());
    }
    if (j.contains("context_rules")) {
      for (const auto& c : j["context_rules"]) {
        ContextRule cr;
        cr.alias = c.at("alias").get<std::string>();
        cr.near = Strings(c, "near");
        cr.before = c.value("before", 0);
        cr.after = c.value("after", 0);
        cr.prev = Strings(c, "prev");
        cr.next = Strings(c, "next");
        cr.sentence_start = c.value("sentence_start", false);
        r.context_rules.push_back(std::move(cr));
      }
    }
    if (j.contains("dates")) {
      const nlohmann::json& d = j["dates"];
      if (!d.is_object()) return Status::BadRequest(what + ": dates: not an object");
      if (d.contains("months")) {
        r.dates.months = d["months"].get<std::vector<std::vector<std::string>>>();
        if (r.dates.months.size() != 12)
          return Status::BadRequest(what + ": dates: months must list 12 months, not " +
                                    std::to_string(r.dates.months.size()));
      }
      r.dates.day_suffixes = Strings(d, "day_suffixes");
      r.dates.links = Strings(d, "links");
      if (d.contains("markers")) {
        const nlohmann::json& m = d["markers"];
        r.dates.year_sign = m.value("year", "");
        r.dates.month_sign = m.value("month", "");
        r.dates.day_sign = m.value("day", "");
        if (r.dates.month_sign.empty() || r.dates.day_sign.empty())
          return Status::BadRequest(what + ": dates: markers need a month and a day sign");
      }
    }
    // Dateline places as the language writes them («リマ», «利马»), keyed
    // as written: DatelineResolver looks a place up so when its folded key
    // is unknown. A name cities.tsv already has keeps its countries.
    if (j.contains("cities")) {
      if (!j["cities"].is_object()) return Status::BadRequest(what + ": cities: not an object");
      for (const auto& [name, code] : j["cities"].items())
        cities_.emplace(name, code.get<std::string>());
    }
    if (j.contains("compounds")) {
      const nlohmann::json& c = j["compounds"];
      if (!c.is_object()) return Status::BadRequest(what + ": compounds: not an object");
      if (c.contains("letters"))
        r.compounds.letters = c["letters"].get<std::map<std::string, std::string>>();
      r.compounds.not_before = Strings(c, "not_before");
      r.compounds.joins_previous = Strings(c, "joins_previous");
      r.compounds.exceptions = Strings(c, "not");
      r.compounds.syllables = Strings(c, "syllables");
      r.compounds.before_titles = Strings(c, "before_titles");
    }
    if (j.contains("wires")) {
      if (!j["wires"].is_object()) return Status::BadRequest(what + ": wires: not an object");
      for (const auto& [credit, code] : j["wires"].items())
        r.wires.emplace_back(credit, code.get<std::string>());
    }
    if (j.contains("roles")) {
      for (const auto& c : j["roles"]) {
        RoleRule rr{c.at("phrase").get<std::string>(), c.at("role").get<std::string>(),
                    c.value("side", ""), c.value("country", "")};
        if (rr.country.empty() && rr.side != "before" && rr.side != "after" && rr.side != "either")
          return Status::BadRequest(what + ": role \"" + rr.phrase +
                                    "\": side must be before, after or either");
        r.roles.push_back(std::move(rr));
      }
    }
  } catch (const nlohmann::json::exception& ex) {
    return Status::BadRequest(what + ": " + ex.what());
  }
  if (j.contains("aliases")) {
    if (!j["aliases"].is_array()) return Status::BadRequest(what + ": aliases: not an array");
    static const std::map<std::string, AliasType, std::less<>> kTypes = {
        {"name", AliasType::kName},       {"demonym", AliasType::kDemonym},
        {"metonym", AliasType::kMetonym}, {"acronym", AliasType::kAcronym},
        {"context", AliasType::kContext}, {"blocker", AliasType::kBlocker}};
    static const std::map<std::string, EntityKind, std::less<>> kKinds = {
        {"country", EntityKind::kCountry},
        {"leader", EntityKind::kLeader},
        {"organisation", EntityKind::kOrganisation}};
    size_t n = 0;
    for (const auto& a : j["aliases"]) {
      ++n;
      auto fail = [&](const std::string& reason) {
        return Status::BadRequest(what + ": alias " + std::to_string(n) + ": " + reason);
      };
      if (!a.is_object() || !a.contains("text") || !a.contains("kind") || !a.contains("id"))
        return fail("needs kind, id and text");
      auto kind = kKinds.find(a["kind"].get<std::string>());
      if (kind == kKinds.end()) return fail("unknown kind " + a["kind"].dump());
      auto type = kTypes.find(a.value("type", "name"));
      if (type == kTypes.end()) return fail("unknown type " + a["type"].dump());
      auto it = index_.find(Key(kind->second, a["id"].get<std::string>()));
      if (it == index_.end()) return fail("unknown id " + a["id"].dump());
      Alias alias;
      alias.text = a["text"].get<std::string>();
      alias.type = type->second;
      alias.ambiguous = a.value("ambiguous", false);
      alias.any_case = a.value("any_case", false);
      alias.language = r.language;
      alias.only_language = a.value("only_language", false);
      alias.generated = a.value("generated", false);
      entries_[it->second].aliases.push_back(std::move(alias));
    }
  }
  rules_.push_back(std::move(r));
  return Status::Ok();
}

void Gazetteer::ParseCities(std::string_view tsv) {
  ForEachDataLine(tsv, [this](std::string_view line) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    std::string key(line.substr(0, tab));
    std::string_view codes = line.substr(tab + 1);
    size_t flag = codes.find('\t');
    if (flag != std::string_view::npos) {
      if (codes.substr(flag + 1) == "firm") firm_cities_.insert(key);
      codes = codes.substr(0, flag);
    }
    cities_.emplace(std::move(key), std::string(codes));
  });
}

bool Gazetteer::CityIsFirm(std::string_view key) const { return firm_cities_.count(key) > 0; }

void Gazetteer::ParseCityVariants(std::string_view tsv) {
  ForEachDataLine(tsv, [this](std::string_view line) {
    std::vector<std::string> names = SplitFields(line, false);
    if (names.size() > 1) city_variants_.push_back(std::move(names));
  });
}

void Gazetteer::ParseQuerySurnames(std::string_view tsv) {
  ForEachDataLine(tsv, [this](std::string_view line) {
    std::vector<std::string> fields = SplitFields(line, true);
    if (fields.size() < 2) return;
    std::vector<std::string> ids(std::make_move_iterator(fields.begin() + 1),
                                 std::make_move_iterator(fields.end()));
    query_surnames_[fields.front()] = std::move(ids);
  });
}

std::vector<std::string> Gazetteer::CityCountries(std::string_view key) const {
  std::vector<std::string> out;
  auto it = cities_.find(key);
  if (it == cities_.end()) return out;
  std::string_view codes = it->second;
  while (!codes.empty()) {
    size_t comma = codes.find(',');
    out.emplace_back(codes.substr(0, comma));
    codes.remove_prefix(comma == std::string_view::npos ? codes.size() : comma + 1);
  }
  return out;
}

const GazetteerEntry* Gazetteer::Find(EntityKind kind, std::string_view id) const {
  auto it = index_.find(Key(kind, id));
  return it == index_.end() ? nullptr : &entries_[it->second];
}

std::string Gazetteer::Label(EntityKind kind, std::string_view id) const {
  const GazetteerEntry* e = Find(kind, id);
  return e ? e->label : std::string(id);
}

std::string Gazetteer::CanonicalId(EntityKind kind, std::string_view id) const {
  const GazetteerEntry* e = Find(kind, id);
  return e ? e->id : std::string();
}

bool Gazetteer::IsMember(std::string_view org_id, std::string_view country_code,
                         std::string_view iso_date) const {
  const GazetteerEntry* org = Find(EntityKind::kOrganisation, org_id);
  if (org == nullptr || iso_date.empty()) return false;
  // ISO dates compare as strings, and a shorter prefix ("1949") sorts before
  // every day it contains, which is the "first day of its period" rule.
  if (!org->dissolved.empty() && iso_date >= org->dissolved) return false;
  const std::string code = AsciiLower(country_code);
  for (const Membership& m : org->memberships) {
    if (AsciiLower(m.country) != code) continue;
    const std::string& start = m.joined.empty() ? m.member_in : m.joined;
    if (start.empty() || iso_date < std::string_view(start)) continue;
    if (m.left.empty() || iso_date < std::string_view(m.left)) return true;
  }
  return false;
}

}  // namespace communique
