// Where Communique finds its data folders when no flag names them.
// Thread-safety: pure functions (they read the environment).
#pragma once

#include <string>

namespace communique {

// $COMMUNIQUE_SCHEMA_DIR if set, else the schema/ folder of the source tree
// the binary was built from.
std::string DefaultSchemaDir();
// $COMMUNIQUE_WEB_DIR if set, else the source tree's web/ folder.
std::string DefaultWebDir();

}  // namespace communique
