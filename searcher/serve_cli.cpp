#include "searcher/serve_cli.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "common/numbers.h"
#include "schema/gazetteer.h"
#include "schema/paths.h"
#include "searcher/xapian_searcher.h"

namespace communique {

const char kServeUsage[] =
    "usage: communique-serve --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR]\n"
    "\n"
    "Serves the index DIR over HTTP: the search page at /, the JSON API at\n"
    "/api/search, /api/doc/{id} and /healthz (see README.md).\n"
    "\n"
    "  --db DIR       index written by communique-index (required)\n"
    "  --host ADDR    address to listen on (default 127.0.0.1)\n"
    "  --port N       port (default 8080; 0 picks a free one)\n"
    "  --web DIR      static files to serve at / (default: the source tree's web/)\n"
    "  --threads N    worker threads (default: 4 per core, at least 8)\n"
    "  --schema DIR   schema folder (default: the source tree's schema/)\n";

Result<ServeOptions> ParseServeArgs(const std::vector<std::string>& args) {
  ServeOptions o;
  o.schema_dir = DefaultSchemaDir();
  o.http.web_dir = DefaultWebDir();
  o.http.threads = std::max(8u, 4 * std::max(1u, std::thread::hardware_concurrency()));
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") return Status{200, "help"};
    if (i + 1 >= args.size())
      return Status::BadRequest(a.rfind("--", 0) == 0 ? a + " needs a value"
                                                      : "unexpected argument " + a);
    const std::string& v = args[++i];
    if (a == "--db")
      o.db = v;
    else if (a == "--host")
      o.http.host = v;
    else if (a == "--web")
      o.http.web_dir = v;
    else if (a == "--schema")
      o.schema_dir = v;
    else if (a == "--port") {
      auto n = ParseNumber(a, v, 0, 65535);
      if (!n.ok()) return n.status();
      o.http.port = n.value();
    } else if (a == "--threads") {
      auto n = ParseNumber(a, v, 1, 1024);
      if (!n.ok()) return n.status();
      o.http.threads = static_cast<size_t>(n.value());
    } else {
      return Status::BadRequest("unknown option " + a);
    }
  }
  if (o.db.empty()) return Status::BadRequest("--db DIR is required");
  return o;
}

int RunServer(const ServeOptions& o) {
  auto fail = [](const std::string& m) {
    std::cerr << "communique-serve: " << m << "\n";
    return 2;
  };
  auto schema = FieldSchema::Load(o.schema_dir + "/fields.json");
  if (!schema.ok()) return fail(schema.status().message);
  auto gazetteer = Gazetteer::LoadDir(o.schema_dir + "/gazetteer");
  if (!gazetteer.ok()) return fail(gazetteer.status().message);
  if (!o.http.web_dir.empty() && !std::filesystem::is_directory(o.http.web_dir))
    return fail(o.http.web_dir + ": web folder not found (use --web DIR)");
  auto searcher = XapianSearcher::Open(o.db, schema.value(), gazetteer.value());
  if (!searcher.ok()) return fail(searcher.status().message);
  auto health = searcher.value()->Health();

  // Handle SIGINT/SIGTERM on a dedicated thread: block them here, before
  // any other thread starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  HttpServer server(*searcher.value(), schema.value(), o.http);
  Status started = server.Start();
  if (!started.ok()) return fail(started.message);
  std::cout << "communique-serve: listening on http://" << o.http.host << ":" << server.port()
            << "/ (" << (health.ok() ? health.value().value("documents", 0) : 0) << " documents in "
            << o.db << ")" << std::endl;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  server.Wait();
  // If the server stopped on its own, wake the signal thread.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace communique
