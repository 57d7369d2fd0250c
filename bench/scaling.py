"""How search cost grows with the archive: the embedded engine at 10,000, 100,000 and 300,000 documents (issue 18).

    .venv/bin/python bench/scaling.py [--sizes 10000,100000,300000] [--data-dir DIR] [--seconds 30]
                                      [--mix-requests 2000]
    .venv/bin/python bench/scaling.py --quick        # 200 and 400 documents, for the test suite

For each size: the scale corpus's first n documents (bench/corpus.py, seed 1) in an embedded index under
DIR/<n>/embedded (built once with `Index.rebuild` and kept when --data-dir is given: the 300,000-document build takes
the better part of an hour; `bench/searching.py --reuse --data-dir DIR/<n>` keeps the same layout), then

- latency: the API over --mix-requests requests of the Zipf-like mix (bench/queries.py), one client, one request
  at a time, p50 and p95, with the search cache off and on;
- throughput: wrk against `openarchief serve --workers 2`, 32 connections, --seconds, on the API, walking the mix's
  20,000-request sequence, with the search cache off and on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import queries  # noqa: E402
from bench.load import CACHE_SETTING, serve_and_load  # noqa: E402
from bench.searching import environment, load, measure_mix, percentile  # noqa: E402


def folder_gb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument("--data-dir", type=Path, help="where the indexes are kept for the next run (default: none)")
    parser.add_argument("--seconds", type=int, default=30, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--mix-requests", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="200 and 400 documents, 2 s runs: for the test suite")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.seconds, args.connections, args.mix_requests = "200,400", 2, 8, 60
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (scripts/bench installs it)")
    sizes = [int(n) for n in args.sizes.split(",")]
    searches = queries.mix(1000)
    drawn, warm = queries.sequence(searches, 20000), queries.sequence(searches, 500, seed=9)
    temporary = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
    root = args.data_dir or temporary
    rows = []
    engines = []
    try:
        for docs in sizes:
            folder = root / str(docs)
            engine = load("embedded", docs, 1, folder / "embedded", f"bench_search_{docs}_1", "", True)
            engines.append(engine)
            latency = {}
            for cache in (False, True):
                samples = measure_mix(engine, drawn[: args.mix_requests], cache)
                values = [v for vs in samples.values() for v in vs]
                latency[cache] = (percentile(values, 50), percentile(values, 95))
            env = os.environ | {"OPENARCHIEF_ENGINE": "embedded", "OPENARCHIEF_DATA_DIR": str(folder / "embedded")}
            throughput = {}
            for cache in (False, True):
                cached = env | ({} if cache else {CACHE_SETTING: "0"})
                load_args = SimpleNamespace(connections=args.connections, seconds=args.seconds)
                measured = serve_and_load(
                    [sys.executable, "-m", "openarchief"],
                    cached,
                    2,
                    load_args,
                    temporary,
                    "embedded",
                    float("nan"),
                    (drawn, warm),
                    "on" if cache else "off",
                    targets=("API",),
                )
                result = measured[0][4]
                throughput[cache] = (result["rps"], result["errors"], result["cpu_ms"])
            rows.append((docs, folder_gb(folder / "embedded"), latency, throughput))
            print(f"... {docs} documents measured", file=sys.stderr)
        print(f"Embedded engine by archive size; {environment(engines)}\n")
        print(
            "| documents | index GB | API p50 ms, cache off | p95 | API p50 ms, cache on | p95 | requests/s (API, 2 web "
            "processes), cache off | server CPU ms a request | requests/s, cache on | server CPU ms a request | errors |"
        )
        print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for docs, size, latency, throughput in rows:
            (off50, off95), (on50, on95) = latency[False], latency[True]
            (off_rps, off_err, off_cpu), (on_rps, on_err, on_cpu) = throughput[False], throughput[True]
            print(
                f"| {docs:,} | {size:.2f} | {off50:.1f} | {off95:.1f} | {on50:.1f} | {on95:.1f} | {off_rps:.0f} | "
                f"{off_cpu:.1f} | {on_rps:.0f} | {on_cpu:.1f} | {off_err + on_err} |"
            )
        print(
            f"\n(latency: {args.mix_requests} requests of the Zipf-like mix, one client; throughput: wrk, 2 threads, "
            f"{args.connections} connections, {args.seconds} s, on the same 2 cores as the server)"
        )
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
