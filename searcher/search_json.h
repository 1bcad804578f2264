// The JSON bodies of /api/search, /api/similar/{id} and /api/facets/{field}
// (docs/api-contract.md), written from the engine's typed results.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/search_result.h"

namespace communique {

nlohmann::json ToJson(const SearchResult& result);
nlohmann::json ToJson(const FacetListing& listing);

}  // namespace communique
