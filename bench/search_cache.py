"""Search cache (issue 18): what a search costs answered from the cache, half from it, and not at all from it.

    .venv/bin/python bench/search_cache.py --data-dir DIR [--rounds 7] [--requests 300]
    .venv/bin/python bench/search_cache.py --quick        # 300 documents built in a temporary dir, 1 round

DIR is a data dir whose embedded index is searched and never written (e.g. one `bench/searching.py --reuse`
kept, at DIR/embedded). The requests are bench/searching.py's query mix, each at its own page and the two after
it, through the facade (`Index.search`, what the web calls: the engine, then snippets and facet values).

Each round opens the index twice, with the cache (OPENARCHIEF_SEARCH_CACHE_SIZE's default) and without (0), in
alternating order (A B B A ...: drift of a shared machine hits both alike), and times:
- miss: the first page of a search the cache has not seen (cache on);
- facets hit: the next two pages of it (the facet pass and total come from the cache, the page from the engine);
- hit: the same three requests again (the finished answer, snippets and all, from the cache);
- off: the same requests with the cache off (every time from the engine);
- a Zipf mix: `--requests` requests drawn (exponent 1.1, fixed seed) from those (query, page) pairs, as popular
  searches and their next pages come; ms a request with the cache and without, and the share of hits.
Prints the medians over the rounds, and the memory one kept answer takes (tracemalloc, one pass).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc

from bench.corpus import generate
from bench.searching import QUERIES
from openarchief.search import Index, SearchRequest, Settings

ZIPF_EXPONENT = 1.1
PAGES = 3  # each search at its page and the two after it


def requests() -> list[list[SearchRequest]]:
    """Per query of the mix: its page and the next ones."""
    found = []
    for _, params in QUERIES:
        first = int(params.get("page", 1))
        found.append([SearchRequest.model_validate(params | {"page": first + k}) for k in range(PAGES)])
    return found


def opened(data_dir: Path, cache_size: int | None) -> Index:
    settings = Settings(data_dir=data_dir, engine="embedded")
    if cache_size is not None:
        settings = settings.model_copy(update={"search_cache_size": cache_size})
    index = Index(settings)
    index.search(SearchRequest(q="openen"))  # the index opened and its files read once, outside the clock
    return index


def ms(index: Index, request: SearchRequest) -> float:
    started = time.perf_counter()
    index.search(request)
    return (time.perf_counter() - started) * 1000


def zipf_sequence(pairs: list[SearchRequest], count: int, seed: int) -> list[SearchRequest]:
    """`count` requests: pair i of a random order drawn with weight 1 / (i + 1) ** ZIPF_EXPONENT."""
    rng = random.Random(seed)
    ranked = pairs[:]
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(ranked))]
    return rng.choices(ranked, weights, k=count)


def one_round(data_dir: Path, cache_first: bool, zipf: list[SearchRequest]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"miss": [], "facets hit": [], "hit": [], "off": [], "zipf on": [], "zipf off": []}
    searches = requests()
    for with_cache in (cache_first, not cache_first):
        if with_cache:
            index = opened(data_dir, None)
            for pages in searches:
                times["miss"].append(ms(index, pages[0]))
                times["facets hit"] += [ms(index, request) for request in pages[1:]]
                times["hit"] += [ms(index, request) for request in pages]
            index = opened(data_dir, None)
            before = index.search_cache.stats()["answers"]
            times["zipf on"] += [ms(index, request) for request in zipf]
            after = index.search_cache.stats()["answers"]
            times["zipf hit share"] = [(after["hits"] - before["hits"]) / len(zipf)]
        else:
            index = opened(data_dir, 0)
            for pages in searches:
                times["off"] += [ms(index, request) for request in pages]
            times["zipf off"] += [ms(index, request) for request in zipf]
    return times


def grown_kb(index: Index, all_requests: list[SearchRequest]) -> float:
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for request in all_requests:
        index.search(request)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(stat.size_diff for stat in after.compare_to(before, "filename")) / 1024


def entry_kb(data_dir: Path) -> float:
    """Memory one kept answer takes (both levels, a page of 10 hits), averaged over the mix's requests: what the
    requests leave allocated with the cache less what they leave without it (other caches, filled first)."""
    all_requests = [request for pages in requests() for request in pages]
    without = grown_kb(opened(data_dir, 0), all_requests)
    return (grown_kb(opened(data_dir, None), all_requests) - without) / len(all_requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="a data dir with an embedded index (only read)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300, help="requests of the Zipf mix per round")
    parser.add_argument("--quick", action="store_true", help="300 documents built in a temporary dir, 1 round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if args.quick:
            data_dir = Path(tmp) / "data"
            Index(Settings(data_dir=data_dir, engine="embedded")).rebuild(generate(300, 1), expected=300)
            args.rounds, args.requests = 1, 60
        if data_dir is None:
            parser.error("give --data-dir (or --quick)")
        documents = Index(Settings(data_dir=data_dir, engine="embedded")).count()
        pairs = [request for pages in requests() for request in pages]
        rounds = [
            one_round(data_dir, r % 2 == 0, zipf_sequence(pairs, args.requests, seed=r)) for r in range(args.rounds)
        ]
        kb = entry_kb(data_dir)

    def median(name: str) -> float:
        return statistics.median(statistics.mean(r[name]) for r in rounds)

    off = median("off")
    print(
        f"{documents} documents, {len(QUERIES)} searches x {PAGES} pages, {args.rounds} rounds (medians of the "
        f"rounds' means), Zipf mix of {args.requests} requests (exponent {ZIPF_EXPONENT})"
    )
    print()
    print("| request | ms a request | x cache off |")
    print("|---|---|---|")
    for name in ("off", "miss", "facets hit", "hit"):
        print(f"| {name} | {median(name):.2f} | {median(name) / off:.2f} |")
    zipf_off, zipf_on = median("zipf off"), median("zipf on")
    print(f"| Zipf mix, cache off | {zipf_off:.2f} | 1.00 |")
    print(f"| Zipf mix, cache on ({median('zipf hit share'):.0%} hits) | {zipf_on:.2f} | {zipf_on / zipf_off:.2f} |")
    print()
    print(f"Memory a kept answer takes: {kb:.0f} KB")


if __name__ == "__main__":
    main()
