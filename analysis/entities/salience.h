// Decides which of the countries an article mentions it is about, and the
// pairs of those countries (dyads) the `dyad` facet holds.
//
// A country is salient when the headline names it, the dateline is in it,
// the lead sentence names it and the text comes back to it, or the text
// names it (or its leaders) often. The `country` facet holds salient countries; every
// mention still reaches `country_mentioned`. Organisations get the same flag
// (MarkSalientOrganisations); the extract lists every one mentioned.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/entities/entity_recognizer.h"

namespace communique {

// Where an article's countries appear, beyond the mention counts already in
// the EntitySummary.
struct SalienceSignals {
  std::set<std::string> in_title;  // country ids the headline names
  std::set<std::string> in_lead;   // country ids the lead sentence names
  // The headline was made from the lead (the record had none): the lead then
  // counts as the headline.
  bool title_is_lead = false;
  std::set<std::string> orgs_in_title;  // organisation ids the headline names
  std::set<std::string> orgs_in_lead;   // organisation ids the lead sentence names
  std::string dateline_country;         // "" when unknown
  // Leader mentions per country (a story about Reagan is about the US);
  // they weigh as mentions but do not add the country on their own.
  std::map<std::string, int> via_leaders;
  // Organisations, candidate features for a salience model: the body's
  // length in words (mention density), the bodies that are the subject of a
  // sentence ("the IMF said", "OPEC will") and those whose acronym the text
  // defines after their full name ("the International Coffee Organization
  // (ICO)"). Only the trace below reads them: fitted on one half of Reuters
  // and scored on the other, a model with them did no better than without
  // (scripts/eval/salience-fit), so the rules do not use them.
  size_t body_words = 0;
  std::set<std::string> orgs_subject;
  std::set<std::string> orgs_defined;
};

// Fills `body_words`, `orgs_subject` and `orgs_defined` of `signals` from the
// body's tokens and its mentions (Recognise() on `tokens`, which borrow
// `text`).
void NoteOrganisationUse(std::string_view text, const std::vector<Token>& tokens,
                         const std::vector<Mention>& mentions, SalienceSignals& signals);

// Thresholds, tuned on the Reuters-21578 training split (scripts/eval-entities):
// there a dateline or headline country is the story's country 93-97 % of the
// time, a lead-only country with one mention 40 %, and a country's share of
// the mentions predicted nothing once those were known, so it is not used.
//
// Organisations, on the same split: a body in the headline is the story's
// subject 92 % of the time; one named once in the lead 31 % (an aside: "a
// demand to the EC", "an IMF-backed plan"), twice or more 85 %; one the text
// names twice or more but first in its last two thirds 30-45 % ("Ecuador,
// an OPEC member, ..." in the tenth paragraph), in its first third 55-95 %.
//
// Validated the honest way by scripts/eval/salience-fit (fit on half the
// articles, score on the other): the organisation thresholds refitted on
// either half come back the same or nearly (three mentions instead of four)
// and lose 0.000-0.012 F1 on the other half (0.006 on average over twenty
// random halvings); a logistic regression over headline, lead, log
// mentions, first position (and density, subject, defined acronym) scored
// 0.82-0.86 there, no better than these rules, which were therefore kept.
struct SalienceOptions {
  int lead_min_count = 2;  // a country named in the lead needs this many mentions
  int min_count = 4;       // mentions (with its leaders') that suffice on their own
  // An organisation named in the lead, or in the top `org_top` of the text,
  // needs this many mentions.
  int org_lead_min_count = 2;
  float org_top = 1.0f / 3;
  int org_min_count = 4;  // an organisation's mentions that make it salient wherever they are
};

// Sets EntityCount::salient on `summary.countries`.
void MarkSalientCountries(EntitySummary& summary, const SalienceSignals& signals,
                          const SalienceOptions& options = {});

// Sets EntityCount::salient on `summary.organisations`, the way an editor
// tags the bodies a story is about rather than those named in passing: named
// in the headline; named in the lead, or first named in the top third of the
// text, and named again; or named often. A derived headline makes the lead
// the headline, as for countries.
//
// Countries and organisations differ on purpose: a country named once in the
// lead is often the story's place, a body named once is mostly context.
//
// For evaluation only: when the environment variable
// COMMUNIQUE_SALIENCE_TRACE is set (read once), each call writes one line to
// stderr, "salience<TAB>" and a JSON array with one object per organisation
// of the features a model could use (headline, lead, derived_headline,
// mentions, first_position, body_words, subject, defined) and the flag set.
// scripts/eval/salience-fit reads it from `communique-index --extract`, whose
// articles are analysed in input order. The line is written with one call,
// so concurrent callers do not interleave within a line.
void MarkSalientOrganisations(EntitySummary& summary, const SalienceSignals& signals,
                              const SalienceOptions& options = {});

// Every unordered pair of salient countries as "AF-PK" (codes in
// alphabetical order), sorted.
std::vector<std::string> Dyads(const EntitySummary& summary);

}  // namespace communique
