#include "schema/paths.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

// Sets (or unsets, with nullopt) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("the environment names the data folders first", "[schema]") {
  ScopedEnv schema("COMMUNIQUE_SCHEMA_DIR", "/srv/schema-here");
  ScopedEnv web("COMMUNIQUE_WEB_DIR", "/srv/web-here");
  CHECK(DefaultSchemaDir() == "/srv/schema-here");
  CHECK(DefaultWebDir() == "/srv/web-here");
}

TEST_CASE("a binary in the build tree finds the source tree's folders", "[schema]") {
  // The test binary runs from build/bin/, which has no share/communique/
  // beside it; an empty variable counts as unset.
  ScopedEnv schema("COMMUNIQUE_SCHEMA_DIR", std::nullopt);
  ScopedEnv web("COMMUNIQUE_WEB_DIR", "");
  CHECK(DefaultSchemaDir() == testing::SourceDir() + "/schema");
  CHECK(DefaultWebDir() == testing::SourceDir() + "/web");
}
