// The OpenAPI 3 description of the HTTP API, served at /api/openapi.json.
// It is the machine-readable twin of docs/api-contract.md; the integration
// tests check real responses against its schemas, so the two cannot drift.
//
// Thread-safety: the document is built once (thread-safe static) and never
// changed.
#pragma once

#include <nlohmann/json.hpp>

namespace communique {

// The OpenAPI 3.0 document (a JSON object).
const nlohmann::json& OpenApiDocument();

}  // namespace communique
