#include "analysis/entities/salience.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

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

namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Verbs that, right after a name, make it the subject of its sentence in
// wire copy: "the IMF said", "OPEC will", "the EC has agreed".
bool SubjectVerb(std::string_view w) {
  static const char* const kVerbs[] = {
      "said",      "says",     "say",    "will",      "would",    "has",      "have",     "had",
      "is",        "was",      "are",    "were",      "agreed",   "approved", "called",   "decided",
      "announced", "reported", "should", "could",     "may",      "might",    "must",     "plans",
      "wants",     "urged",    "asked",  "told",      "rejected", "rejects",  "warned",   "set",
      "expects",   "expected", "sees",   "estimated", "forecast", "accepted", "proposed", "adopted",
      "voted",     "meets",    "met",    "ended",     "opened",   "issued",   "released"};
  return std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](const char* v) { return w == v; });
}

// COMMUNIQUE_SALIENCE_TRACE: see salience.h. Read once.
bool Tracing() {
  static const bool on = std::getenv("COMMUNIQUE_SALIENCE_TRACE") != nullptr;
  return on;
}

}  // namespace

void NoteOrganisationUse(std::string_view text, const std::vector<Token>& tokens,
                         const std::vector<Mention>& mentions, SalienceSignals& signals) {
  signals.body_words = tokens.size();
  auto gap = [&](size_t k) {  // the text between tokens k - 1 and k
    return text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
  };
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kOrganisation || m.end_token >= tokens.size()) continue;
    const Token& next = tokens[m.end_token];
    // "The International Coffee Organization (ICO) said": the verb may follow the gloss.
    std::string_view before_verb = TrimSpaces(gap(m.end_token));
    if ((before_verb.empty() || before_verb == ")") && SubjectVerb(next.folded))
      signals.orgs_subject.insert(m.entry->id);
    // The gloss ApplyDefinitions reads: "Name (ACR)" or "Name, ACR,", the
    // acronym starting with the name's initial.
    if (m.via != AliasType::kName || m.end_token + 1 >= tokens.size() || !next.all_caps ||
        next.text[0] != tokens[m.first_token].text[0])
      continue;
    std::string_view opening = TrimSpaces(gap(m.end_token)),
                     closing = TrimSpaces(gap(m.end_token + 1));
    if ((opening == "(" && !closing.empty() && closing[0] == ')') ||
        (opening == "," && !closing.empty() && closing[0] == ','))
      signals.orgs_defined.insert(m.entry->id);
  }
}

void MarkSalientOrganisations(EntitySummary& summary, const SalienceSignals& signals,
                              const SalienceOptions& options) {
  std::string trace;
  for (EntityCount& c : summary.organisations) {
    bool in_title = signals.orgs_in_title.count(c.id) > 0;
    bool in_lead = signals.orgs_in_lead.count(c.id) > 0;
    bool returned_to = c.count >= options.org_lead_min_count;
    c.salient = in_title || (in_lead && (signals.title_is_lead || returned_to)) ||
                (returned_to && c.first_position < options.org_top) ||
                c.count >= options.org_min_count;
    if (!Tracing()) continue;
    char line[512];
    std::snprintf(line, sizeof line,
                  "%s{\"id\":\"%s\",\"headline\":%d,\"lead\":%d,\"derived_headline\":%d,"
                  "\"mentions\":%d,\"first_position\":%.4f,\"body_words\":%zu,\"subject\":%d,"
                  "\"defined\":%d,\"salient\":%d}",
                  trace.empty() ? "" : ",", c.id.c_str(), in_title, in_lead, signals.title_is_lead,
                  c.count, static_cast<double>(c.first_position), signals.body_words,
                  signals.orgs_subject.count(c.id) > 0, signals.orgs_defined.count(c.id) > 0,
                  c.salient);
    trace += line;
  }
  // One write per article, so lines from parallel workers do not interleave.
  if (Tracing()) std::fprintf(stderr, "salience\t[%s]\n", trace.c_str());
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
