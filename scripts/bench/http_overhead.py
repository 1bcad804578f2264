#!/usr/bin/env python3
"""The HTTP layer's cost: the benchmark query mix in-process and over HTTP
(wrk at 1 and 8 connections), for one or more communique-serve binaries in
the same run, on the same index, on the same machine; each HTTP figure is
printed as a ratio to the in-process one.

A smaller companion of run.py (which builds the corpus and the index and runs
the peers too): use it to compare a change to the front end with the binary
before it, e.g.

  scripts/bench/http_overhead.py --db /tmp/communique-bench/10k/communique \\
      --queries /tmp/communique-bench/queries.tsv --serve before=/tmp/old/communique-serve \\
      --serve after=build/bin/communique-serve --rounds 3 --seconds 10

Prints a Markdown table (medians over --repeat interleaved runs) and, with
--json FILE, writes every run's figures.
"""
import argparse, json, os, resource, shlex, signal, subprocess, sys, tempfile, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import free_port, paths_file, wrk  # noqa: E402  (same measurement as the full benchmark)


def process_cpu_s(pid):
    """User + system CPU seconds of a process, all threads."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--serve", action="append", required=True,
                    help="NAME=PATH of a communique-serve, optionally followed by its flags "
                    "(\"linger=build/bin/communique-serve --linger-us 500\")")
    ap.add_argument("--query-bench", default=os.path.join(HERE, "../../build/bin/communique-query-bench"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", default="1,8")
    ap.add_argument("--repeat", type=int, default=1,
                    help="interleaved repetitions (in-process, then each binary); medians are reported, "
                    "so a burst of load on a shared machine hits every path alike")
    ap.add_argument("--gap-us", type=int, default=0,
                    help="also run the in-process loop with this idle gap between queries (a server "
                    "at 1 connection idles between requests); printed as its own row, for comparison")
    ap.add_argument("--json")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="communique-http-overhead-")
    paths = os.path.join(work, "paths.txt")
    paths_file(args.queries, paths)
    runs = {"in_process": [], "in_process_gaps": [], "http": {spec.split("=", 1)[0]: [] for spec in args.serve}}
    def in_process(rounds, gap_us=0):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = json.loads(subprocess.run(
            [args.query_bench, "--db", args.db, "--queries", args.queries, "--rounds", str(rounds),
             "--gap-us", str(gap_us)],
            stdout=subprocess.PIPE, text=True, check=True).stdout)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return out

    for _ in range(args.repeat):
        # CPU per query: the difference between a run of `rounds` and one of 1
        # round, so start-up (schema, gazetteer, opening the index) cancels.
        one, full = in_process(1), in_process(args.rounds + 1)
        full["cpu_us_per_request"] = (full["cpu_s"] - one["cpu_s"]) * 1e6 / (full["queries"] - one["queries"])
        runs["in_process"].append(full)
        if args.gap_us:
            one, full = in_process(1, args.gap_us), in_process(args.rounds + 1, args.gap_us)
            full["cpu_us_per_request"] = (full["cpu_s"] - one["cpu_s"]) * 1e6 / (full["queries"] - one["queries"])
            runs["in_process_gaps"].append(full)
        for spec in args.serve:
            name, command = spec.split("=", 1)
            binary, *flags = shlex.split(command)
            port = free_port()
            server = subprocess.Popen([binary, "--db", args.db, "--port", str(port)] + flags,
                                      stdout=subprocess.PIPE, text=True)
            server.stdout.readline()
            try:
                rows = []
                for c in args.connections.split(","):
                    cpu0 = process_cpu_s(server.pid)
                    row = wrk(port, paths, int(c), args.seconds)
                    # The server's own CPU per answer (all its threads): unlike
                    # latency, barely moved by other work on a shared machine.
                    row["cpu_us_per_request"] = ((process_cpu_s(server.pid) - cpu0) * 1e6
                                                 / max(1.0, row["qps"] * args.seconds))
                    rows.append(row)
                runs["http"][name].append(rows)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait()

    def median(rows):
        out = dict(rows[0])
        for key in ("p50_ms", "p99_ms", "qps", "cpu_us_per_request"):
            values = sorted(r[key] for r in rows)
            out[key] = values[len(values) // 2]
        out["non_2xx"] = sum(r.get("non_2xx", 0) for r in rows)
        out["socket_errors"] = "; ".join(r.get("socket_errors", "") for r in rows if r.get("socket_errors"))
        return out

    res = {"repeat": args.repeat, "runs": runs, "in_process": median(runs["in_process"]),
           "in_process_gaps": median(runs["in_process_gaps"]) if args.gap_us else None,
           "http": {name: [median([rep[i] for rep in reps]) for i in range(len(reps[0]))]
                    for name, reps in runs["http"].items()}}
    base = res["in_process"]
    print("| run | p50 ms | p99 ms | queries/s | p50 / in-process | CPU µs per answer | CPU / in-process |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("| in-process | %.2f | %.2f | %.0f | 1.00 | %.0f | 1.00 |" % (
        base["p50_ms"], base["p99_ms"], base["qps"], base["cpu_us_per_request"]))
    gaps = res["in_process_gaps"]
    if gaps:
        print("| in-process, %d µs idle between queries | %.2f | %.2f | %.0f | %.2f | %.0f | %.2f |" % (
            args.gap_us, gaps["p50_ms"], gaps["p99_ms"], gaps["qps"], gaps["p50_ms"] / base["p50_ms"],
            gaps["cpu_us_per_request"], gaps["cpu_us_per_request"] / base["cpu_us_per_request"]))
    for name, rows in res["http"].items():
        for r in rows:
            print("| %s, HTTP, %d connection%s | %.2f | %.2f | %.0f | %.2f | %.0f | %.2f |" % (
                name, r["connections"], "" if r["connections"] == 1 else "s", r["p50_ms"], r["p99_ms"],
                r["qps"], r["p50_ms"] / base["p50_ms"], r["cpu_us_per_request"],
                r["cpu_us_per_request"] / base["cpu_us_per_request"]))
            if r["non_2xx"] or r["socket_errors"]:
                print("  (%s: %d non-2xx, socket errors: %s)" % (name, r["non_2xx"], r["socket_errors"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
