// Shared set-up for the fuzz targets: the shipped schema and gazetteer,
// loaded once (libFuzzer runs targets on one thread).
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"

namespace communique::fuzz {

// The source tree's schema folder (COMMUNIQUE_SOURCE_DIR is set by CMake).
inline std::string SchemaDir() { return std::string(COMMUNIQUE_SOURCE_DIR) + "/schema"; }

// Aborts (which libFuzzer reports with the input) when `ok` is false: the
// way a fuzz target says "this input broke a promise".
inline void Require(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "fuzz invariant broken: " << what << "\n";
    std::abort();
  }
}

inline const FieldSchema& Schema() {
  static const FieldSchema schema = [] {
    auto r = FieldSchema::Load(SchemaDir() + "/fields.json");
    Require(r.ok(), "schema loads");
    return r.value();
  }();
  return schema;
}

inline const Gazetteer& Places() {
  static const Gazetteer gazetteer = [] {
    auto r = Gazetteer::LoadDir(SchemaDir() + "/gazetteer");
    Require(r.ok(), "gazetteer loads");
    return r.value();
  }();
  return gazetteer;
}

}  // namespace communique::fuzz
