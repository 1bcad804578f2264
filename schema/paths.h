// Where Communique finds its data folders when no flag names them.
// Thread-safety: pure functions (they read the environment and the file
// system).
#pragma once

#include <string>

namespace communique {

// $COMMUNIQUE_SCHEMA_DIR if set; else, for an installed binary
// (PREFIX/bin/communique-serve), PREFIX/share/communique/schema when it
// exists; else the schema/ folder of the source tree the binary was built
// from, so a fresh build runs in place.
std::string DefaultSchemaDir();
// The same for web/: $COMMUNIQUE_WEB_DIR, PREFIX/share/communique/web, the
// source tree's web/.
std::string DefaultWebDir();

}  // namespace communique
