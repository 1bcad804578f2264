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

namespace communique {

class SearchBackend {
 public:
  virtual ~SearchBackend() = default;
  // The /api/search response body (see docs/api-contract.md).
  virtual Result<nlohmann::json> Search(const SearchRequest& request) = 0;
  // The /api/doc/{id} body; 404 when no document has that id.
  virtual Result<nlohmann::json> Document(const std::string& id) = 0;
  // The /healthz body; 503 when the index cannot be read.
  virtual Result<nlohmann::json> Health() = 0;
};

}  // namespace communique
