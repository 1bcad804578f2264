#include "indexer/entities/salience.h"

#include <algorithm>

namespace communique {

void MarkSalientCountries(EntitySummary& summary, const SalienceSignals& signals,
                          const SalienceOptions& options) {
  for (EntityCount& c : summary.countries) {
    auto lead = signals.via_leaders.find(c.id);
    int weight = c.count + (lead == signals.via_leaders.end() ? 0 : lead->second);
    bool in_lead = signals.in_lead.count(c.id) > 0;
    c.salient = signals.in_title.count(c.id) > 0 || c.id == signals.dateline_country ||
                (in_lead && (signals.title_is_lead || weight >= options.lead_min_count)) ||
                weight >= options.min_count;
  }
}

void MarkSalientOrganisations(EntitySummary& summary, const SalienceSignals& signals,
                              const SalienceOptions& options) {
  for (EntityCount& c : summary.organisations) {
    bool in_lead = signals.orgs_in_lead.count(c.id) > 0;
    bool returned_to = c.count >= options.org_lead_min_count;
    c.salient = signals.orgs_in_title.count(c.id) > 0 ||
                (in_lead && (signals.title_is_lead || returned_to)) ||
                (returned_to && c.first_position < options.org_top) ||
                c.count >= options.org_min_count;
  }
}

std::vector<std::string> Dyads(const EntitySummary& summary) {
  std::vector<std::string> salient;
  for (const EntityCount& c : summary.countries) {
    if (c.salient) salient.push_back(c.id);
  }
  std::sort(salient.begin(), salient.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < salient.size(); ++i) {
    for (size_t j = i + 1; j < salient.size(); ++j) out.push_back(salient[i] + "-" + salient[j]);
  }
  return out;
}

}  // namespace communique
