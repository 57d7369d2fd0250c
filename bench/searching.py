"""Search latency at scale: a fixed query mix on each engine, at three layers, in one run.

    .venv/bin/python bench/searching.py [--docs 10000] [--seed 1] [--reps 30] [--warmup 3]
                                     [--opensearch-url URL] [--engines embedded,opensearch] [--profile auto]
    .venv/bin/python bench/searching.py --quick        # a tiny run (300 documents, 3 repetitions), for the tests

Loads `--docs` documents of the scale corpus (`bench/corpus.py`, deterministic from `--seed`) through the facade
(`Index.rebuild`, as `openarchief reindex` does) into a fresh embedded index in a temporary data dir and, when an
OpenSearch URL is given (`--opensearch-url` or OPENARCHIEF_TEST_OPENSEARCH_URL), into a fresh alias
`bench_search_<random>` there; both are deleted at the end (`--reuse` keeps them under `--data-dir` and the
alias `bench_search_<docs>_<seed>`, and uses them again on the next run).

Every query asks what the search page and the API ask: the top 10 with snippets, the pages each hit was found on,
and the counts of all five facets. The query mix (`QUERIES`): a common word, a rare word, two and three words, a
phrase, a prefix, a compound, with one and with three facet filters, a date range, sorted by date, page 50.

Then the API over real traffic (issue 18): `--mix-requests` requests drawn Zipf-like from 1,000 distinct searches
(`bench/queries.py`: words, compounds, phrases, prefixes, filters, dates, deep pages), one client sending one request
at a time, each engine with the search cache on and off, p50/p95 per kind of search. The fixed mix below runs with
the search cache off (it repeats the same 12 searches, which a cache would answer).

The three layers, each timed from the call to the complete answer:

- (a) direct: the engine's own API doing the engine's part of that work, with the queries built beforehand from the
  same code the engine uses (outside the clock). Embedded: tantivy's `Searcher` on the same index: the top-10
  search (same sort and offset), the stored fields of the 10 hits (`id` and the document's JSON
  bytes, not decoded), the page query for those ids and the `doc_key`/`page` fast fields of its hits, and the same
  `aggregate` calls (one for the facets without a filter, which counts the matches too, one per filtered
  facet). OpenSearch: the engine's two requests through opensearch-py,
  `client.search(index=alias, body=search._opensearch_query.search_body(...))` and then the page hits of its hits
  (`page_hits_body`), i.e. including the HTTP round trips and the decoding of the JSON answers (hits with
  `_source.document`, aggregations, inner hits).
  Left out on both: parsing the query, building the query objects, turning stored JSON into `Document`s, the
  snippets, the result models.
- (b) facade: `Index.search(SearchRequest(...))` in this process, the request built beforehand.
- (c) API: `GET /api/v1/search?...` with a keep-alive `httpx.Client` against the app (`web.app.create_app`) served
  by uvicorn in a separate process (one worker process, `openarchief serve`'s default), until the whole JSON body is read (not
  decoded). So c includes parameter validation, labels and URLs per hit, JSON encoding and HTTP on both sides.
- (d) search page: `GET /zoeken?...` right after (c), the same way: the HTML page of the same search. Not in the
  table; printed below it as the framework's cost per request (issue 18): c - b of the rare-word query (the API
  over the facade, where the engine's work is least) and d - c pooled over the mix (the page over the API).

Warm-up (`--warmup` rounds of the whole mix on every layer), then `--reps` rounds; each round runs every query
type on every layer in turn, so slow drift of a shared machine hits all layers alike. Prints one markdown table:
p50 and p95 in ms per query type, layer and engine, and the ratios b/a and c/a of the p50s. When a target is missed
(p95 through the API over 50 ms, or c/a over 1.2) and `--profile auto` (or `always`), it then shows where the time
goes: the facade under cProfile in this process, and the API server sampled (all its threads, every ms) while it
answers the slowest query types (the shares lean towards code that releases the GIL: tantivy, sockets).

The mix repeats the same 12 searches, so whatever the project caches across requests (e.g. the answers per word of
the snippet matcher) is warm after the warm-up: the figures are those of a repeated search, not of a first one. The
search cache (OPENARCHIEF_SEARCH_CACHE_SIZE) is off on layers b and c, or every repetition would be a cache hit;
bench/search_cache.py measures it.
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The repository root, for `bench.corpus` when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import collections
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from importlib import metadata

import httpx

from bench import queries
from bench.corpus import generate
from openarchief.search import Index, SearchRequest, Settings
from openarchief.search.request import FACETS, Sort

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 50.0
TARGET_MIX_P95_MS = {"embedded": 15.0, "opensearch": 50.0}  # issue 18, at 100,000 documents
CACHE_SETTING = "OPENARCHIEF_SEARCH_CACHE_SIZE"
TARGET_OVERHEAD = 1.2
TARGET_API_OVER_FACADE_MS = 0.7  # c - b, p50, rare word (issue 18)
TARGET_PAGE_OVER_API_MS = 1.5  # d - c, p50 of the per-request differences, pooled (issue 18)
MARKER = "bench-search.json"

# (name, API parameters): the query mix of issue 6.
QUERIES: list[tuple[str, dict]] = [
    ("common word", {"q": "gemeente"}),
    ("rare word", {"q": "decentralisatie"}),
    ("two words", {"q": "minister onderzoek"}),
    ("three words", {"q": "gemeente subsidie woningbouw"}),
    ("phrase", {"q": '"tweede kamer"'}),
    ("prefix", {"q": "vergun*"}),
    ("compound", {"q": "omgevingsvergunning"}),
    ("1 facet filter", {"q": "gemeente", "ministry": ["mnre1034"]}),
    ("3 facet filters", {"q": "gemeente", "ministry": ["mnre1034"], "type": ["c_7652d853"], "year": [2024]}),
    ("date range", {"q": "gemeente", "date_from": "2020-01-01", "date_to": "2022-12-31"}),
    ("sort by date", {"q": "gemeente", "sort": "newest"}),
    ("page 50", {"q": "gemeente", "page": 50}),
]
LAYERS = ("direct", "facade", "api")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def query_params(params: dict) -> list[tuple[str, str]]:
    return [(k, str(item)) for k, v in params.items() for item in (v if isinstance(v, list) else [v])]


# -- (a) the engines called directly ---------------------------------------------------------------------------


class TantivyDirect:
    """The embedded engine's tantivy work for one search, on its own `tantivy.Index` of the same folder."""

    def __init__(self, index_dir: Path):
        import tantivy

        from openarchief.search import _embedded

        self.tantivy, self.emb = tantivy, _embedded
        self.schema = _embedded._schema()
        generation = (index_dir / "CURRENT").read_text().strip()
        self.searcher = tantivy.Index(self.schema, path=str(index_dir / generation)).searcher()

    def prepare(self, request: SearchRequest) -> dict:
        """Outside the clock: the same query objects `EmbeddedEngine.search` builds (search._embedded_query)."""
        from openarchief.search import _embedded_query as eq
        from openarchief.search.engine import PARTS_MAX_ENTRIES, PROXIMITY_MAX_MATCHES
        from openarchief.search.highlight import Matcher
        from openarchief.search.parser import parse

        schema, parsed = self.schema, parse(request.q)
        common = lambda term: self.searcher.doc_freq("text", term) >= PARTS_MAX_ENTRIES  # noqa: E731
        words = eq.text_query(schema, parsed, common)
        active = [f for f in FACETS if request.filters().get(f)]
        aggregations = []
        if len(active) < len(FACETS):
            aggs = {f: {"terms": {"field": f, "size": self.emb.FACET_SIZE}} for f in FACETS if f not in active}
            aggs["_total"] = {"value_count": {"field": "date_oldest"}}
            aggregations.append((eq.combine(schema, "doc", words + eq.filter_clauses(schema, request)), aggs))
        for facet in active:
            aggregations.append(
                (
                    eq.combine(schema, "doc", words + eq.filter_clauses(schema, request, facet)),
                    {facet: {"terms": {"field": facet, "size": self.emb.FACET_SIZE}}},
                )
            )
        main = eq.combine(schema, "doc", words + eq.filter_clauses(schema, request))
        # The proximity bonus, where the engine gives it (a relevance ranking of few enough matches).
        matches = self.searcher.search(main, 1, count=True).count
        if request.effective_sort.value == "relevance" and matches <= PROXIMITY_MAX_MATCHES:
            near = eq.proximity_query(schema, parsed)
            main = eq.combine(schema, "doc", words + near + eq.filter_clauses(schema, request))
        return {
            "main": main,
            "sort": request.effective_sort,
            "relevance": not parsed.is_empty,
            "size": request.size,
            "offset": (request.page - 1) * request.size,
            "any_word": eq.any_word_query(schema, parsed, common) if Matcher.for_query(parsed) else None,
            "aggregations": aggregations,
        }

    def run(self, p: dict) -> int:
        """On the clock: top hits with count, their stored fields, the page query, the facet aggregations."""
        from openarchief.search import _embedded_query as eq

        searcher, tv = self.searcher, self.tantivy
        # The unfiltered facets' pass counts the matches (value_count) when there is one; then the top hits
        # need no count of their own.
        count = len(p["aggregations"]) == 0 or "_total" not in p["aggregations"][0][1]
        if p["sort"] is Sort.relevance and p["relevance"]:
            result = searcher.search(p["main"], p["size"], count=count, offset=p["offset"])
        elif p["sort"] is Sort.oldest:
            result = searcher.search(p["main"], p["size"], count, "date_oldest", p["offset"], tv.Order.Asc)
        else:
            result = searcher.search(p["main"], p["size"], count, "date", p["offset"], tv.Order.Desc)
        ids, stored = [], []
        for _, address in result.hits:
            doc = searcher.doc(address)
            ids.append(doc["id"][0])
            stored.append(doc["data"][0])
        if ids and p["any_word"]:
            ids_query = tv.Query.term_set_query(self.schema, "id", ids)
            page_query = eq.combine(self.schema, "page", p["any_word"] + [(tv.Occur.Must, ids_query)])
            addresses = [a for _, a in searcher.search(page_query, self.emb.PAGE_HITS_PER_DOCUMENT * len(ids)).hits]
            _pages = list(
                zip(searcher.fast_field_values("doc_key", addresses), searcher.fast_field_values("page", addresses))
            )
        total = result.count
        for query, aggs in p["aggregations"]:
            answer = searcher.aggregate(query, aggs)
            total = int(answer["_total"]["value"]) if "_total" in answer else total
        return total


class OpenSearchDirect:
    """`_search` with the body the OpenSearch engine sends, through opensearch-py."""

    def __init__(self, settings: Settings):
        from opensearchpy import OpenSearch

        self.alias = settings.opensearch_index
        self.client = OpenSearch(
            hosts=[h.strip() for h in settings.opensearch_url.split(",")], timeout=settings.opensearch_timeout
        )

    def prepare(self, request: SearchRequest) -> dict:
        from openarchief.search._opensearch_query import search_body
        from openarchief.search.parser import parse

        parsed = parse(request.q)
        return {"body": search_body(request, parsed), "parsed": parsed}

    def run(self, p: dict) -> int:
        """The search, then the page hits of its hits (the engine's second request, whose body depends on the
        first answer and so is built on the clock: a few dicts)."""
        from openarchief.search._opensearch_query import page_hits_body

        answer = self.client.search(index=self.alias, body=p["body"])
        pages = page_hits_body(p["parsed"], [h["_id"] for h in answer["hits"]["hits"]])
        if pages:
            self.client.search(index=self.alias, body=pages)
        return answer["hits"]["total"]["value"]


# -- (c) the API in a server process ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings_env(settings: Settings) -> dict[str, str]:
    return os.environ | {
        "OPENARCHIEF_DATA_DIR": str(settings.data_dir),
        "OPENARCHIEF_ENGINE": settings.engine,
        "OPENARCHIEF_OPENSEARCH_URL": settings.opensearch_url,
        "OPENARCHIEF_OPENSEARCH_INDEX": settings.opensearch_index,
        "OPENARCHIEF_SEARCH_CACHE_SIZE": str(settings.search_cache_size),
    }


class Server:
    """This script in `--serve` mode: the app under uvicorn, in its own process, stopped with SIGINT."""

    def __init__(self, settings: Settings, sample_to: Path | None = None, env: dict[str, str] | None = None):
        self.port = free_port()
        command = [sys.executable, str(Path(__file__).resolve()), "--serve", str(self.port)]
        if sample_to:
            command += ["--sample-to", str(sample_to)]
        self.process = subprocess.Popen(command, env=settings_env(settings) | (env or {}), cwd=ROOT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/search", params={"q": "", "size": 1}, timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the API server did not start")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class StackSampler(threading.Thread):
    """Samples the Python stacks of all other threads of this process every `interval` s (a poor man's py-spy,
    which also sees the threadpool threads FastAPI runs sync routes in). Idle threads are not counted."""

    IDLE = {"select", "wait", "_worker", "get", "sleep", "accept", "poll", "run_forever", "_run_once"}

    # Where a busy thread is, by the outermost of these on its stack.
    PARTS = [
        ("search/highlight.py:hit_for", "facade: snippets (search.highlight)"),
        ("search/index.py:search", "facade: the rest (engine call, documents, facets)"),
        ("web/api.py:search", "API route outside the facade (hit_json, labels, URLs)"),
    ]

    def __init__(self, interval: float = 0.001):
        super().__init__(daemon=True)
        self.interval, self.running, self.active = interval, True, False
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.own: collections.Counter[str] = collections.Counter()
        self.parts: collections.Counter[str] = collections.Counter()
        self.samples = 0

    def run(self) -> None:
        me = threading.get_ident()
        while self.running:
            time.sleep(self.interval)
            if not self.active:
                continue
            for ident, frame in sys._current_frames().items():
                if ident == me or frame.f_code.co_name in self.IDLE:
                    continue
                names, f = [], frame
                while f is not None:
                    names.append(self._label(f))
                    f = f.f_back
                self.samples += 1
                self.own[names[0]] += 1
                for name in set(names):
                    self.inclusive[name] += 1
                part = next(
                    (label for name, label in self.PARTS if name in names),
                    "FastAPI, Starlette, uvicorn (parameters, JSON encoding, HTTP)",
                )
                self.parts[part] += 1

    @staticmethod
    def _label(frame) -> str:
        path = frame.f_code.co_filename
        for marker in ("site-packages/", str(ROOT) + "/", "lib/python3.11/"):
            if marker in path:
                path = path.split(marker, 1)[1]
                break
        return f"{path}:{frame.f_code.co_name}"

    def report(self) -> dict:
        return {
            "samples": self.samples,
            "inclusive": self.inclusive.most_common(80),
            "own": self.own.most_common(40),
            "parts": self.parts.most_common(),
        }


def serve(port: int, sample_to: Path | None) -> None:
    import uvicorn

    from openarchief.web.app import create_app

    sampler = StackSampler() if sample_to else None
    config = uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    if sampler:
        # Sampling starts on SIGUSR1, once the benchmark has warmed the server up (imports, word lists).
        signal.signal(signal.SIGUSR1, lambda *_: setattr(sampler, "active", True))
        # A busy thread gives up the GIL only every switch interval (5 ms by default) or when it blocks, so a
        # sampler would mostly see threads at their blocking calls; a short interval lets it look in between.
        sys.setswitchinterval(0.0002)
        sampler.start()
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:  # uvicorn raises it again after its graceful shutdown on SIGINT
        pass
    finally:
        if sampler:
            sampler.running = False
            sample_to.write_text(json.dumps(sampler.report()))


# -- loading ------------------------------------------------------------------------------------------------------


@dataclass
class Engine:
    name: str
    settings: Settings
    index: Index
    direct: TantivyDirect | OpenSearchDirect | None = None
    load_seconds: float | None = None
    samples: dict = field(default_factory=dict)  # (query, layer) -> [ms]
    totals: dict = field(default_factory=dict)  # query -> {layer: total}
    floor: list = field(default_factory=list)  # ms of API requests that search nothing


def load(engine: str, docs: int, seed: int, data_dir: Path, alias: str, url: str, reuse: bool) -> Engine:
    settings = Settings(
        data_dir=data_dir,
        engine=engine,
        opensearch_url=url or "http://127.0.0.1:9200",
        opensearch_index=alias,
        opensearch_timeout=120,
        search_cache_size=0,  # every repetition of the mix searches: the engine's cost, not the cache's
    )
    index = Index(settings)
    data_dir.mkdir(parents=True, exist_ok=True)
    marker = data_dir / MARKER
    wanted = {"docs": docs, "seed": seed, "alias": alias}
    seconds = None
    if not (reuse and marker.exists() and json.loads(marker.read_text()) == wanted and index.count() == docs):
        log(f"{engine}: loading {docs} documents (Index.rebuild) ...")
        started = time.perf_counter()
        index.rebuild(generate(docs, seed), expected=docs)
        seconds = time.perf_counter() - started
        marker.write_text(json.dumps(wanted))
        log(f"{engine}: loaded in {seconds:.0f} s ({docs / seconds:.0f} documents/s)")
    else:
        log(f"{engine}: reusing the {docs} documents loaded before")
    result = Engine(engine, settings, index, load_seconds=seconds)
    result.direct = TantivyDirect(settings.index_dir) if engine == "embedded" else OpenSearchDirect(settings)
    return result


def drop_opensearch(url: str, alias: str) -> None:
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[url])
    for name in client.indices.get(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True):
        client.indices.delete(index=name)


# -- measuring ----------------------------------------------------------------------------------------------------


def framework_cost(engine: Engine) -> str:
    """The API's cost over the facade (c - b, rare word) and the page's over the API (d - c, all searches), p50s
    of the per-request differences, each against its issue-18 target."""
    rare = [c - b for b, c in zip(engine.samples[("rare word", "facade")], engine.samples[("rare word", "api")])]
    pages = [
        d - c for name, _ in QUERIES for c, d in zip(engine.samples[(name, "api")], engine.samples[(name, "page")])
    ]
    api, page = percentile(rare, 50), percentile(pages, 50)
    return (
        f"{engine.name}: the API over the facade (c - b, rare word) {api:.2f} ms, target <= "
        f"{TARGET_API_OVER_FACADE_MS} ms: {'met' if api <= TARGET_API_OVER_FACADE_MS else 'MISSED'}; the search page "
        f"over the API (d - c, all searches) {page:.2f} ms, target <= {TARGET_PAGE_OVER_API_MS} ms: "
        + ("met" if page <= TARGET_PAGE_OVER_API_MS else "MISSED")
    )


def measure(engine: Engine, reps: int, warmup: int, server: Server) -> None:
    prepared = []
    for name, params in QUERIES:
        request = SearchRequest.model_validate(params)
        prepared.append((name, request, engine.direct.prepare(request), query_params(params)))
    with httpx.Client(base_url=server.url, timeout=120) as client:

        def api(params):
            response = client.get("/api/v1/search", params=params)
            response.raise_for_status()
            return response

        for round_ in range(warmup + reps):
            for name, request, direct, params in prepared:
                timings = {}
                started = time.perf_counter()
                a_total = engine.direct.run(direct)
                timings["direct"] = time.perf_counter() - started
                started = time.perf_counter()
                b_total = engine.index.search(request).total
                timings["facade"] = time.perf_counter() - started
                started = time.perf_counter()
                response = api(params)
                timings["api"] = time.perf_counter() - started
                started = time.perf_counter()
                page = client.get("/zoeken", params=params)
                if page.status_code >= 400:  # a page past the last one (a tiny corpus) is a redirect, no error
                    page.raise_for_status()
                timings["page"] = time.perf_counter() - started
                if round_ == 0:
                    engine.totals[name] = {"direct": a_total, "facade": b_total, "api": response.json()["total"]}
                if round_ >= warmup:
                    for layer, seconds in timings.items():
                        engine.samples.setdefault((name, layer), []).append(seconds * 1000)
        # The fixed cost of one API request on this stack (HTTP on both sides, FastAPI, the thread hand-off): a
        # route that returns at once (suggestions for nothing typed).
        for _ in range(warmup + reps):
            for _ in QUERIES:
                started = time.perf_counter()
                client.get("/api/v1/suggest", params={"q": ""}).raise_for_status()
                engine.floor.append((time.perf_counter() - started) * 1000)
        engine.floor = engine.floor[warmup * len(QUERIES) :]
    for name, totals in engine.totals.items():
        if len(set(totals.values())) != 1:
            raise SystemExit(f"{engine.name}, {name}: the layers disagree on the number of hits: {totals}")


def measure_mix(engine: Engine, requests: list[dict[str, str]], cache: bool) -> dict[str, list[float]]:
    """The API's latency (ms) over a sequence of requests of the Zipf-like mix (bench/queries.py), one client, one
    request at a time, against a fresh server with the search cache on or off; by kind of search."""
    size = Settings.model_fields["search_cache_size"].default if cache else 0
    server = Server(engine.settings, env={CACHE_SETTING: str(size)})
    samples: dict[str, list[float]] = {}
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for _, params in QUERIES:  # warm-up (imports, word lists), with searches outside the mix
                client.get("/api/v1/search", params=query_params(params)).raise_for_status()
            for params in requests:
                query = {k: v for k, v in params.items() if not k.startswith("_")}
                started = time.perf_counter()
                client.get("/api/v1/search", params=query).raise_for_status()
                samples.setdefault(params["_kind"], []).append((time.perf_counter() - started) * 1000)
    finally:
        server.stop()
    return samples


def mix_table(results: list[tuple[str, str, dict[str, list[float]]]]) -> str:
    """p50/p95 per kind of search and pooled, for each (engine, cache) run."""
    kinds = sorted({kind for _, _, samples in results for kind in samples})
    lines = [
        "| engine | search cache | kind | requests | p50 ms | p95 ms |",
        "|---|---|---|--:|--:|--:|",
    ]
    for name, cache, samples in results:
        for kind in kinds + ["all"]:
            values = [v for vs in samples.values() for v in vs] if kind == "all" else samples.get(kind, [])
            if values:
                label = f"**{kind}**" if kind == "all" else kind
                lines.append(
                    f"| {name} | {cache} | {label} | {len(values)} | {percentile(values, 50):.1f} | "
                    f"{percentile(values, 95):.1f} |"
                )
    return "\n".join(lines)


def summary(engine: Engine, name: str) -> dict:
    row = {"hits": engine.totals[name]["facade"] if name in engine.totals else None}
    for layer in LAYERS:
        values = engine.samples[(name, layer)]
        row[layer] = (percentile(values, 50), percentile(values, 95))
    return row


def pooled(engine: Engine) -> dict:
    row: dict = {"hits": None}
    for layer in LAYERS:
        values = [v for (name, lay), vs in engine.samples.items() if lay == layer for v in vs]
        row[layer] = (percentile(values, 50), percentile(values, 95))
    return row


def table(engines: list[Engine]) -> str:
    lines = [
        "| engine | query | hits | a direct p50 | a p95 | b facade p50 | b p95 | c API p50 | c p95 | b/a | c/a |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for engine in engines:
        rows = [(name, summary(engine, name)) for name, _ in QUERIES] + [("all (pooled)", pooled(engine))]
        for name, row in rows:
            a, b, c = row["direct"], row["facade"], row["api"]
            cells = [engine.name, name, "" if row["hits"] is None else str(row["hits"])]
            cells += [f"{a[0]:.1f}", f"{a[1]:.1f}", f"{b[0]:.1f}", f"{b[1]:.1f}", f"{c[0]:.1f}", f"{c[1]:.1f}"]
            cells += [f"{b[0] / a[0]:.2f}", f"{c[0] / a[0]:.2f}"]
            if name == "all (pooled)":
                cells = [f"**{cell}**" if cell else cell for cell in cells]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def missed(engine: Engine) -> tuple[list[str], list[str]]:
    """The query types whose API p95 misses 50 ms, and those whose c/a overhead misses 1.2, slowest first."""
    rows = sorted(((summary(engine, name), name) for name, _ in QUERIES), key=lambda r: r[0]["api"][1], reverse=True)
    slow = [name for row, name in rows if row["api"][1] > TARGET_P95_MS]
    heavy = [name for row, name in rows if row["api"][0] / row["direct"][0] > TARGET_OVERHEAD]
    return slow, heavy


# -- profiling ----------------------------------------------------------------------------------------------------


# Where a facade search spends its time: (label, end of the file name, function name) as pstats names them.
STAGES = {
    "embedded": [
        ("query parsing (search.parser.parse)", "search/parser.py", "parse"),
        (
            "tantivy Searcher.search (top hits and page hits)",
            "~",
            "<method 'search' of 'tantivy.tantivy.Searcher' objects>",
        ),
        ("tantivy Searcher.doc (stored fields)", "~", "<method 'doc' of 'tantivy.tantivy.Searcher' objects>"),
        ("stored JSON to Document (_load)", "search/_embedded.py", "_load"),
        ("facet aggregations (_facets)", "search/_embedded.py", "_facets"),
        ("page hits and snippets (_hits)", "search/_embedded.py", "_hits"),
        ("  of which snippets (highlight.hit_for)", "search/highlight.py", "hit_for"),
    ],
    "opensearch": [
        ("query parsing (search.parser.parse)", "search/parser.py", "parse"),
        ("request body (search_body)", "search/_opensearch_query.py", "search_body"),
        ("opensearch-py search (HTTP, JSON decode)", "opensearchpy/client/__init__.py", "search"),
        ("  of which reading the response", "http/client.py", "read"),
        ("  of which json.loads", "opensearchpy/serializer.py", "loads"),
        ("_source to Document (model_validate)", "pydantic/main.py", "model_validate"),
        ("snippets (highlight.hit_for)", "search/highlight.py", "hit_for"),
    ],
}


def stage_times(stats: pstats.Stats, engine: str, searches: int) -> list[tuple[str, float, float]]:
    total = sum(
        ct
        for (file, _, func), (_, _, _, ct, _) in stats.stats.items()
        if file.endswith("search/index.py") and func == "search"
    )
    rows = []
    for label, file, func in STAGES[engine]:
        ct = sum(v[3] for (f, _, fn), v in stats.stats.items() if f.endswith(file) and fn == func)
        rows.append((label, ct * 1000 / searches, ct / total if total else 0.0))
    return [("whole facade search (Index.search)", total * 1000 / searches, 1.0)] + rows


def profile_facade(engine: Engine, names: list[str], calls: int) -> str:
    requests = [SearchRequest.model_validate(dict(QUERIES)[n]) for n in names]
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(calls):
        for request in requests:
            engine.index.search(request)
    profiler.disable()
    per_call = (time.perf_counter() - started) * 1000 / (calls * len(requests))
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stages = stage_times(stats, engine.name, calls * len(requests))
    stats.sort_stats("cumulative").print_stats(18)
    text = out.getvalue()
    text = text[text.find("   ncalls") :].rstrip()  # the table only
    lines = [
        f"facade ({engine.name}), {calls} x {names} under cProfile ({per_call:.1f} ms a search with the "
        "profiler's own overhead, which inflates pure Python most):",
        "| stage | ms a search (cumulative) | share |",
        "|---|--:|--:|",
    ]
    lines += [f"| {label} | {ms:.1f} | {share:.0%} |" for label, ms, share in stages]
    return "\n".join(lines) + "\n\n" + text + "\n"


def profile_api(engine: Engine, names: list[str], calls: int, folder: Path) -> str:
    samples_file = folder / f"samples-{engine.name}.json"
    server = Server(engine.settings, sample_to=samples_file)
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for name, params in QUERIES:  # warm-up
                client.get("/api/v1/search", params=query_params(params)).raise_for_status()
            server.process.send_signal(signal.SIGUSR1)
            time.sleep(0.1)
            for _ in range(calls):
                for name in names:
                    client.get("/api/v1/search", params=query_params(dict(QUERIES)[name])).raise_for_status()
    finally:
        server.stop()
    report = json.loads(samples_file.read_text())
    total = max(report["samples"], 1)
    lines = [
        f"API server ({engine.name}), {calls} x {names}, sampled every ms: {total} samples of busy threads.",
        "| where | share of samples |",
        "|---|--:|",
    ]
    lines += [f"| {part} | {count / total:.0%} |" for part, count in report["parts"]]
    lines += ["", "Functions on the stack in at least 3% of the samples (inclusive, own):"]
    own = dict(report["own"])
    noise = ("threading.py", "<frozen", "asyncio/", "anyio/", "bench/searching.py", "importlib", "concurrent/")
    for name, count in report["inclusive"]:
        if count / total >= 0.03 and not name.startswith(noise):
            lines.append(f"  {100 * count / total:5.1f}%  {100 * own.get(name, 0) / total:5.1f}%  {name}")
    return "\n".join(lines) + "\n"


# -- main -----------------------------------------------------------------------------------------------------------


def environment(engines: list[Engine]) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = [f"Python {platform.python_version()}"] + [
        f"{p} {metadata.version(p)}" for p in ("tantivy", "opensearch-py", "fastapi", "uvicorn", "pydantic", "httpx")
    ]
    for engine in engines:
        if isinstance(engine.direct, OpenSearchDirect):
            versions.append(f"OpenSearch {engine.direct.client.info()['version']['number']}")
    return (
        f"{dt.date.today()}, {os.cpu_count()} cores ({cpu}), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB; " + ", ".join(versions)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=30, help="measured rounds of the query mix")
    parser.add_argument("--warmup", type=int, default=3, help="rounds before measuring")
    parser.add_argument("--quick", action="store_true", help="300 documents, 3 repetitions: for the test suite")
    parser.add_argument("--engines", default="embedded,opensearch")
    parser.add_argument("--opensearch-url", default=os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL", ""))
    parser.add_argument("--data-dir", type=Path, help="where the embedded index goes (default: a temporary dir)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the index in --data-dir and the alias bench_search_<docs>_<seed>, and use them "
        "again when they hold the same corpus",
    )
    parser.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default=None,
        help="where the time goes, when a target is missed (auto; default, never with --quick)",
    )
    parser.add_argument(
        "--mix-requests",
        type=int,
        default=3000,
        help="requests of the Zipf-like mix of 1,000 distinct searches (bench/queries.py) for the API's latency "
        "over real traffic, with the search cache on and off (0: none)",
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, args.sample_to)
    if args.quick:
        args.docs, args.reps, args.warmup, args.mix_requests = 300, 3, 1, min(args.mix_requests, 60)
    profile = args.profile or ("never" if args.quick else "auto")
    if args.reuse and not args.data_dir:
        parser.error("--reuse needs --data-dir")

    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    notes = []
    if "opensearch" in wanted and not args.opensearch_url:
        wanted.remove("opensearch")
        notes.append("OpenSearch: skipped (give --opensearch-url or set OPENARCHIEF_TEST_OPENSEARCH_URL).")
    temporary = Path(tempfile.mkdtemp(prefix="bench-search-"))
    data_dir = args.data_dir or temporary
    alias = f"bench_search_{args.docs}_{args.seed}" if args.reuse else f"bench_search_{uuid.uuid4().hex[:10]}"
    engines: list[Engine] = []
    mixed: list[tuple[str, str, dict[str, list[float]]]] = []
    try:
        for name in wanted:
            engine = load(name, args.docs, args.seed, data_dir / name, alias, args.opensearch_url, args.reuse)
            engines.append(engine)
            # The fixed queries repeat every round: measured without the search cache, or they would measure it.
            server = Server(engine.settings, env={CACHE_SETTING: "0"})
            try:
                log(f"{name}: {args.warmup} warm-up and {args.reps} measured rounds of {len(QUERIES)} queries ...")
                measure(engine, args.reps, args.warmup, server)
            finally:
                server.stop()
            if args.mix_requests:
                drawn = queries.sequence(queries.mix(1000), args.mix_requests)
                for cache in (True, False):
                    log(f"{name}: {args.mix_requests} requests of the Zipf-like mix, search cache {cache} ...")
                    mixed.append((name, "on" if cache else "off", measure_mix(engine, drawn, cache)))
        print(
            f"Search latency, {args.docs} documents (seed {args.seed}), {args.reps} rounds after {args.warmup} "
            f"warm-up; {environment(engines)}"
        )
        for engine in engines:
            if engine.load_seconds:
                print(
                    f"- {engine.name}: loaded through Index.rebuild in {engine.load_seconds:.0f} s "
                    f"({args.docs / engine.load_seconds:.0f} documents/s)"
                )
        print()
        print(table(engines))
        print()
        for engine in engines:
            print(
                f"{engine.name}: an API request that searches nothing (GET /api/v1/suggest?q=) takes "
                f"{percentile(engine.floor, 50):.1f} ms (p50), {percentile(engine.floor, 95):.1f} ms (p95)"
            )
        for engine in engines:
            print(framework_cost(engine))
        print()
        if mixed:
            drawn = queries.sequence(queries.mix(1000), args.mix_requests)
            print(
                f"The API over a Zipf-like mix: {args.mix_requests} requests drawn from 1,000 distinct searches "
                f"(bench/queries.py; {queries.repeat_share(drawn):.0%} of the requests repeat an earlier one), one "
                "client, one request at a time, a fresh server for each run:\n"
            )
            print(mix_table(mixed))
            print()
            for name, cache, samples in mixed:
                p95 = percentile([v for vs in samples.values() for v in vs], 95)
                target = TARGET_MIX_P95_MS[name]
                print(
                    f"{name}, search cache {cache}: API p95 over the mix {p95:.1f} ms; target <= {target:.0f} ms: "
                    + ("met" if p95 <= target else "MISSED")
                )
            print()
        for note in notes:
            print(note)
        for engine in engines:
            slow, heavy = missed(engine)
            for target, names in ((f"API p95 <= {TARGET_P95_MS:.0f} ms", slow), (f"c/a <= {TARGET_OVERHEAD}", heavy)):
                print(f"{engine.name}: {target}: " + (f"missed by {', '.join(names)}" if names else "met by all"))
            names = slow + [n for n in heavy if n not in slow]
            if profile == "always" or (profile == "auto" and names):
                slow = (names or [n for n, _ in QUERIES])[:3]
                print()
                print(profile_facade(engine, slow, max(3, args.reps // 3)))
                print(profile_api(engine, slow, max(3, args.reps), temporary))
    finally:
        if "opensearch" in wanted and not args.reuse:
            drop_opensearch(args.opensearch_url, alias)
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
