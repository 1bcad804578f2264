// Catch2's main for every test binary, with two warnings made failures:
// a test case that makes no assertion (NoAssertions), and a run whose test
// spec matches no test case (NoTests; e.g. a CTest entry whose name CMake cut
// at a ';'), which Catch2 would otherwise report as "No tests ran" and pass.
// Catch2 v2 takes only one --warn on the command line, hence here.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  session.configData().warnings = static_cast<Catch::WarnAbout::What>(
      Catch::WarnAbout::NoAssertions | Catch::WarnAbout::NoTests);
  if (int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
  return session.run();
}
