#include "common/file.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;
using communique::testing::TempDir;
using communique::testing::WriteFile;

TEST_CASE("ReadWholeFile returns the bytes unchanged, CR, NUL and all", "[common]") {
  TempDir dir;
  const std::string bytes = std::string("line one\r\nline two\n\0tail", 24) + "\xD0\x9C";
  WriteFile(dir / "data.txt", bytes);
  auto read = ReadWholeFile(dir / "data.txt", "test data");
  REQUIRE(read.ok());
  CHECK(read.value() == bytes);

  WriteFile(dir / "empty.txt", "");
  auto empty = ReadWholeFile(dir / "empty.txt", "test data");
  REQUIRE(empty.ok());
  CHECK(empty.value().empty());
}

TEST_CASE("ReadWholeFile names the path and what was wanted when it cannot open", "[common]") {
  TempDir dir;
  auto missing = ReadWholeFile(dir / "absent.json", "the event vocabulary");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code == 404);
  CHECK(missing.status().message == dir / "absent.json" + ": cannot open the event vocabulary");

  auto folder = ReadWholeFile(dir.path(), "gazetteer");
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.status().message == dir.path() + ": cannot read gazetteer");
}
