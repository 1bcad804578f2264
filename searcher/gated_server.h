// cpp-httplib's request processing without its sockets and threads: the
// requests come from HttpGate's workers (see http_gate.h), each served on
// the worker that holds it, from the already checked head to the answer.
//
// Why: before, every request crossed a second, loopback connection to
// httplib's own listener and thread pool (a send and a receive each way,
// two thread hand-offs, the head parsed twice). Serving the gate's
// exchange directly removes all of that while keeping httplib's routing,
// static files, HEAD, ranges and compression exactly as they were; and
// httplib now reads nothing the gate did not check first: the only bytes it
// sees are the rebuilt head and the body the gate de-chunks under its
// limit, and only when a handler gets that far.
//
// Thread-safety: set up routes and handlers first (as for any
// httplib::Server), then Serve() from any number of threads at once.
#pragma once

#include <httplib.h>

#include "searcher/http_gate.h"

namespace communique {

class GatedServer : public httplib::Server {
 public:
  // Serves one request: parses the head, runs the pre-routing handler and
  // the route (reading the body only if it gets that far), writes the
  // answer to `exchange`, and calls the logger.
  void Serve(GateExchange& exchange);
};

}  // namespace communique
