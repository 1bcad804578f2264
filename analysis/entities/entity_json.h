// The JSON form of an analysed article's entities: what
// `communique-index --extract` prints per article and what the document data
// stores under "entities".
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analysis/article_analyzer.h"
#include "schema/gazetteer.h"

namespace communique {

// {"id","date","title","countries":[{"code","name","mentions","salient"}],
//  "leaders":[{"id","name","country","role","mentions"[,"organisation"]}],
//  "organisations":[{"id","acronym","name","mentions","salient"}],
//  "dates_mentioned":["YYYY-MM-DD"...],"dateline":{"city","country"}|null,
//  "dyads":["AF-PK"...]}.
// `id` is written unchanged (the input's id; callers pass the key when the
// input had none). Countries are listed salient first, then by mentions;
// a leader's country is the state of the publication date (Kohl in 1987:
// XG) and `role` the office held on it ("" when unknown).
nlohmann::ordered_json ExtractRecord(const AnalyzedArticle& article, const Gazetteer& gazetteer,
                                     std::string_view id);

// The dateline place as a name: "ISLAMABAD" -> "Islamabad",
// "NEW DELHI" -> "New Delhi"; mixed-case places are returned unchanged.
std::string PlaceName(std::string_view dateline);

}  // namespace communique
