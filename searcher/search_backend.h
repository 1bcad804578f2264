// What the HTTP layer needs from a search engine. The Xapian implementation
// is XapianSearcher; tests may substitute their own.
//
// Thread-safety: implementations must allow concurrent calls from the HTTP
// server's worker threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"

namespace communique {

class SearchBackend {
 public:
  virtual ~SearchBackend() = default;
  // The /api/search answer (written as JSON by searcher/search_json.h; see
  // docs/api-contract.md).
  virtual Result<SearchResult> Search(const SearchRequest& request) = 0;
  // The /api/doc/{id} body; 404 when no document has that id.
  virtual Result<nlohmann::json> Document(const std::string& id) = 0;
  // The /healthz body; 503 when the index cannot be read.
  virtual Result<nlohmann::json> Health() = 0;

  // The optional endpoints below answer 501 unless a backend provides them,
  // so a test double need only implement what its test uses.

  // The /api/similar/{id} answer: a search result of the articles most
  // like `id`, honouring the request's filters, size and collapse; 404 when
  // no document has that id.
  virtual Result<SearchResult> Similar(const std::string& /*id*/,
                                       const SearchRequest& /*request*/) {
    return Status{501, "similar articles are not supported by this backend"};
  }
  // The /api/suggest body: up to `size` completions of `prefix`.
  virtual Result<nlohmann::json> Suggest(const std::string& /*prefix*/, int /*size*/) {
    return Status{501, "suggestions are not supported by this backend"};
  }
  // The /api/facets/{field} answer: every value of facet `field` with its
  // count over the documents `request` matches (the facet's own filter
  // ignored); 404 when `field` is not a facet.
  virtual Result<FacetListing> FacetValues(const std::string& /*field*/,
                                           const SearchRequest& /*request*/) {
    return Status{501, "facet listings are not supported by this backend"};
  }
};

}  // namespace communique
