"""Web load: how much the web holds, on each engine (issues 6 and 18).

    .venv/bin/python bench/load.py [--docs 10000] [--seconds 60] [--connections 32] [--web-workers 1,2]
                                   [--distinct 1000] [--requests 20000] [--cache on,off] [--engines embedded,opensearch]
    .venv/bin/python bench/load.py --quick        # a tiny run, for the test suite
    .venv/bin/python bench/load.py --docs 100000 --search-bench-dir DIR   # on the indexes bench/searching.py kept

Generates the scale corpus into a ledger (bench/corpus.py), builds the index with `openarchief reindex`, serves
it with `openarchief serve --workers N` and loads the search page and the API with wrk (Debian package `wrk`) from
the same machine. The requests follow real traffic: a sequence of --requests drawn Zipf-like from --distinct
distinct searches (bench/queries.py: words, compounds, phrases, prefixes, filters, dates, deep pages), each wrk
thread from its own point in it, after a 2 s warm-up on other draws of the mix. Each setting runs with the search
cache on and off (OPENARCHIEF_SEARCH_CACHE_SIZE=0); the share of responses the cache answered comes from the servers'
X-Search-Cache header. The OpenSearch engine runs when OPENARCHIEF_TEST_OPENSEARCH_URL names a node (scripts/bench
starts one). Prints requests/s, p50, p99, errors, cache hits, the server's CPU per request and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import queries  # noqa: E402
from bench.corpus import generate  # noqa: E402
from openarchief.ingest.ledger import Ledger  # noqa: E402

# Each wrk thread walks the sequence from its own starting point (a thread would otherwise ask what the other
# just asked, and a cache would look better than real traffic lets it).
# The server says in a header whether the search cache answered (Starlette writes header names in lower case,
# and wrk hands them on as received); the threads' counts are added up at the end.
LUA = """
local paths = {%s}
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  i = math.floor(id * #paths / 2)
  hits = 0
end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
response = function(status, headers, body)
  if headers["x-search-cache"] == "hit" then
    hits = hits + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("hits")
  end
  io.write(string.format("search cache hits: %%d\\n", total))
end
"""
CACHE_SETTING = "OPENARCHIEF_SEARCH_CACHE_SIZE"
TARGETS = {("embedded", "API"): 200, ("embedded", "search page"): 150}  # requests/s, issue 18, 100,000 documents


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command: list[str], env: dict) -> None:
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def parse_wrk(output: str) -> dict:
    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "requests": requests,
        "p50": p50,
        "p99": p99,
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def parse_hits(output: str) -> int | None:
    """The responses the search cache answered, as the servers said (None when no response said it)."""
    found = re.search(r"search cache hits: (\d+)", output)
    return int(found.group(1)) if found and int(found.group(1)) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--web-workers", default="1,2", help="serve --workers values to measure (default 1,2)")
    parser.add_argument("--quick", action="store_true", help="200 documents, 3 s, 8 connections")
    parser.add_argument(
        "--search-bench-dir",
        type=Path,
        help="serve the indexes `bench/searching.py --reuse --data-dir DIR --docs N` built (DIR/embedded "
        "and the alias bench_search_N_1) instead of building them: the 100,000-document run",
    )
    parser.add_argument("--distinct", type=int, default=1000, help="distinct searches in the mix")
    parser.add_argument("--requests", type=int, default=20000, help="requests of the sequence wrk walks through")
    parser.add_argument("--cache", default="on,off", help="runs with the search cache on, off or both (default)")
    parser.add_argument("--engines", default="embedded,opensearch", help="opensearch needs a node (see above)")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.seconds, args.connections, args.web_workers = 200, 3, 8, "1"
        args.distinct, args.requests = 50, 500
    web_workers = [int(n) for n in args.web_workers.split(",")]
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (scripts/bench installs it)")
    engines = [
        e for e in args.engines.split(",") if e == "embedded" or os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL")
    ]
    searches = queries.mix(args.distinct)
    drawn = queries.sequence(searches, args.requests)
    warm = queries.sequence(searches, 500, seed=9)  # a server that has been up a while
    cli = [sys.executable, "-m", "openarchief"]
    rows = []
    reuse = args.search_bench_dir
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        if not reuse:
            ledger = Ledger(data / "ledger.sqlite3")
            for doc in generate(args.docs, seed=1):
                ledger.save_document(doc)
                ledger.record(f"bench/{doc.id}.pdf", "indexed", sha256=doc.id, pages=doc.page_count)
            ledger.close()
        for engine in engines:
            env = os.environ | {"OPENARCHIEF_ENGINE": engine, "OPENARCHIEF_DATA_DIR": str(data)}
            if engine == "opensearch":
                env |= {
                    "OPENARCHIEF_OPENSEARCH_URL": os.environ["OPENARCHIEF_TEST_OPENSEARCH_URL"],
                    "OPENARCHIEF_OPENSEARCH_INDEX": f"bench_search_{args.docs}_1"
                    if reuse
                    else f"bench_load_{os.getpid()}",
                }
            if reuse:  # searching.py keeps each engine's data dir there (the OpenSearch one holds no ledger)
                env["OPENARCHIEF_DATA_DIR"] = str(reuse / engine)
            build = float("nan")
            if not reuse:
                started = time.perf_counter()
                run(cli + ["reindex"], env)
                build = time.perf_counter() - started
            for workers in web_workers:
                for cache in args.cache.split(","):
                    cached = env | ({} if cache == "on" else {CACHE_SETTING: "0"})
                    rows += serve_and_load(cli, cached, workers, args, Path(tmp), engine, build, (drawn, warm), cache)
            if engine == "opensearch" and not reuse:
                from opensearchpy import OpenSearch

                client = OpenSearch(env["OPENARCHIEF_OPENSEARCH_URL"])
                client.indices.delete(index=f"{env['OPENARCHIEF_OPENSEARCH_INDEX']}-*", ignore=[404])
    print(
        f"{args.docs} documents, {args.seconds} s at {args.connections} connections (wrk, 2 threads, on the same "
        f"2 cores as the server); {args.requests} requests drawn Zipf-like from {args.distinct} distinct searches "
        f"(bench/queries.py; {queries.repeat_share(drawn):.0%} of them repeat an earlier one), after a warm-up of "
        "500 others"
    )
    print()
    print(
        "| engine | web processes | search cache | target | requests/s | p50 ms | p99 ms | errors | cache hits "
        "| server CPU ms a request | server peak RSS MB | reindex s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for engine, workers, cache, target, r, rss, build in rows:
        built = "built before" if build != build else f"{build:.1f}"
        hits = f"{r['hits'] / r['requests']:.0%}" if r.get("hits") is not None else "n/a"
        print(
            f"| {engine} | {workers} | {cache} | {target} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{r['errors']} | {hits} | {r['cpu_ms']:.1f} | {rss:.0f} | {built} |"
        )
    print()
    for engine, workers, cache, target, r, _, _ in rows:
        goal = TARGETS.get((engine, target))
        if goal and workers == 2:
            verdict = "met" if r["rps"] >= goal and r["errors"] == 0 else "MISSED"
            print(
                f"{engine}, {target}, 2 web processes, cache {cache}: {r['rps']:.0f} requests/s; target >= {goal}: {verdict}"
            )


def process_tree(pid: int) -> list[int]:
    """The server and its worker processes (its children), those still running."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid] + ([int(p) for p in children.read_text().split()] if children.exists() else [])
    return [p for p in pids if Path(f"/proc/{p}").exists()]


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the server and its worker processes have used so far."""
    ticks = 0
    for p in process_tree(pid):
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def process_tree_rss_mb(pid: int) -> float:
    """Peak RSS of the server and its worker processes, added up."""
    return sum(peak_rss_mb(p) for p in process_tree(pid))


def lua(base: str, requests: list[dict[str, str]]) -> str:
    return LUA % ", ".join(json.dumps(queries.path(base, params)) for params in requests)


def serve_and_load(
    cli, env, workers, args, tmp: Path, engine: str, build: float, mix, cache: str, targets=("search page", "API")
) -> list:
    drawn, warm = mix
    rows = []
    port = free_port()
    server_log = tmp / "server.log"
    with open(server_log, "w") as log:  # the child keeps its own copy of the descriptor
        server = subprocess.Popen(
            cli + ["serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/v1/search?size=1", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        for target, path in (("search page", "/zoeken"), ("API", "/api/v1/search")):
            if target not in targets:
                continue
            script, warm_script = tmp / "mix.lua", tmp / "warm.lua"
            script.write_text(lua(path, drawn))
            warm_script.write_text(lua(path, warm))
            # Warm up, then measure.
            subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", "-d2s", "-s", str(warm_script), base],
                capture_output=True,
                text=True,
            )
            cpu = process_tree_cpu_seconds(server.pid)
            run = subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", str(script), base],
                capture_output=True,
                text=True,
            )
            if run.returncode:
                server_said = server_log.read_text()[-3000:]
                sys.exit(f"wrk failed ({run.returncode}): {run.stdout}{run.stderr}\nthe server's log:\n{server_said}")
            out = run.stdout
            result = parse_wrk(out)
            # The server's CPU per request: what bounds requests/s on a machine of this many cores.
            result["cpu_ms"] = (process_tree_cpu_seconds(server.pid) - cpu) * 1000 / max(1, result["requests"])
            result["hits"] = parse_hits(out)
            rows.append((engine, workers, cache, target, result, process_tree_rss_mb(server.pid), build))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


if __name__ == "__main__":
    main()
