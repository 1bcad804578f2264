#include "schema/paths.h"

#include <cstdlib>
#include <filesystem>

namespace communique {
namespace {

// PREFIX/share/communique/`name` beside the running binary's PREFIX/bin,
// or "" when there is none (a binary in the build tree).
std::string Installed(const char* name) {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  std::filesystem::path dir = exe.parent_path().parent_path() / "share" / "communique" / name;
  return std::filesystem::is_directory(dir, ec) ? dir.string() : "";
}

std::string Locate(const char* env, const char* name, const char* source_tree) {
  const char* v = std::getenv(env);
  if (v && *v) return v;
  std::string installed = Installed(name);
  return installed.empty() ? source_tree : installed;
}

}  // namespace

std::string DefaultSchemaDir() {
  return Locate("COMMUNIQUE_SCHEMA_DIR", "schema", COMMUNIQUE_SCHEMA_DIR);
}
std::string DefaultWebDir() { return Locate("COMMUNIQUE_WEB_DIR", "web", COMMUNIQUE_WEB_DIR); }

}  // namespace communique
