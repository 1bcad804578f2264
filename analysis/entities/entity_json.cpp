#include "analysis/entities/entity_json.h"

#include <algorithm>
#include <cctype>

namespace communique {
namespace {

// The ISO code of the state that stood for `code` on `date` (see Coverage).
std::string CountryOnDate(const Gazetteer& g, const std::string& code,
                          const std::optional<Date>& date) {
  const GazetteerEntry* e = g.Find(EntityKind::kCountry, code);
  if (!e || !date) return code;
  std::string iso = date->Iso();
  for (const GazetteerEntry& h : g.entries()) {
    for (const Coverage& c : h.covers) {
      if (c.code == e->id && iso < c.end) return h.id;
    }
  }
  return e->id;
}

}  // namespace

std::string PlaceName(std::string_view dateline) {
  std::string place(dateline.substr(0, dateline.find(',')));
  bool lower =
      std::any_of(place.begin(), place.end(), [](unsigned char c) { return std::islower(c) != 0; });
  if (lower) return place;
  bool start = true;
  for (char& c : place) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = false;
    } else {
      start = c == ' ' || c == '-' || c == '.';
    }
  }
  return place;
}

nlohmann::ordered_json ExtractRecord(const AnalyzedArticle& a, const Gazetteer& g,
                                     std::string_view id) {
  using json = nlohmann::ordered_json;
  json countries = json::array();
  std::vector<EntityCount> sorted = a.entities.countries;
  std::stable_sort(sorted.begin(), sorted.end(), [](const EntityCount& x, const EntityCount& y) {
    if (x.salient != y.salient) return x.salient;
    return x.count > y.count;
  });
  for (const EntityCount& c : sorted) {
    countries.push_back({{"code", c.id},
                         {"name", g.Label(EntityKind::kCountry, c.id)},
                         {"mentions", c.count},
                         {"salient", c.salient}});
  }
  json leaders = json::array();
  for (const EntityCount& c : a.entities.leaders) {
    const GazetteerEntry* e = g.Find(EntityKind::kLeader, c.id);
    const std::string iso = a.date ? a.date->Iso() : std::string();
    std::string_view body = e ? OrganisationOn(*e, iso) : std::string_view();
    json leader = {
        {"id", c.id},
        {"name", e ? e->label : c.id},
        {"country", e ? CountryOnDate(g, std::string(LeaderCountryOn(*e, iso)), a.date) : ""},
        {"role", c.role},
        {"mentions", c.count}};
    // A head of an organisation speaks for it, not for a country.
    if (!body.empty()) leader["organisation"] = std::string(body);
    leaders.push_back(std::move(leader));
  }
  json organisations = json::array();
  for (const EntityCount& c : a.entities.organisations) {
    const GazetteerEntry* e = g.Find(EntityKind::kOrganisation, c.id);
    std::string acronym;
    if (e) {
      for (const Alias& al : e->aliases) {
        if (al.type == AliasType::kAcronym) {
          acronym = al.text;
          break;
        }
      }
    }
    organisations.push_back({{"id", c.id},
                             {"acronym", acronym},
                             {"name", e ? e->label : c.id},
                             {"mentions", c.count},
                             {"salient", c.salient}});
  }
  json dates = json::array();
  for (const Date& d : a.dates_mentioned) dates.push_back(d.Iso());
  json dateline = nullptr;
  if (!a.dateline.empty())
    dateline = {{"city", PlaceName(a.dateline)}, {"country", a.dateline_country}};
  json events = json::array();
  for (const Event& e : a.events) {
    events.push_back({{"type", e.type},
                      {"primary", e.primary},
                      {"trigger", e.trigger},
                      {"countries", e.countries},
                      {"dyads", e.dyads}});
  }
  json quotes = json::array();
  for (const Quote& q : a.quotes) {
    quotes.push_back(
        {{"speaker", q.speaker}, {"speaker_id", q.speaker_id}, {"role", q.role}, {"text", q.text}});
  }
  json subjects = json::array();
  for (const Subject& s : a.subjects) subjects.push_back({{"code", s.code}, {"name", s.name}});
  return {{"id", id},
          {"date", a.date ? a.date->Iso() : ""},
          {"title", a.title},
          {"authors", a.authors},
          {"subjects", std::move(subjects)},
          {"countries", std::move(countries)},
          {"leaders", std::move(leaders)},
          {"organisations", std::move(organisations)},
          {"dates_mentioned", std::move(dates)},
          {"dateline", std::move(dateline)},
          {"dyads", a.dyads},
          {"events", std::move(events)},
          {"quotes", std::move(quotes)}};
}

}  // namespace communique
