#include "schema/paths.h"

#include <cstdlib>

namespace communique {
namespace {
std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : fallback;
}
}  // namespace

std::string DefaultSchemaDir() { return EnvOr("COMMUNIQUE_SCHEMA_DIR", COMMUNIQUE_SCHEMA_DIR); }
std::string DefaultWebDir() { return EnvOr("COMMUNIQUE_WEB_DIR", COMMUNIQUE_WEB_DIR); }

}  // namespace communique
