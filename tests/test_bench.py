"""Benchmarks are scripts, not timed tests: here each only has to run on a tiny input and print its table."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench(script: str, *args: str) -> str:
    """What `bench/<script> args` prints (the OpenSearch node of the test run, if any, passed on)."""
    from conftest import OPENSEARCH_URL

    env = dict(os.environ, OPENARCHIEF_TEST_OPENSEARCH_URL=OPENSEARCH_URL)
    command = [sys.executable, str(ROOT / "bench" / script), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300).stdout


def test_extractor_benchmark_prints_its_table():
    out = bench("extractors.py", "--pages", "2")
    rows = [line for line in out.splitlines() if line.startswith("| pypdfium2") or line.startswith("| pdfminer")]
    assert len(rows) == 2 and all("NO" not in row for row in rows), out


def test_ingestion_benchmark_prints_its_table():
    out = bench("ingestion.py", "--quick")
    rows = [line for line in out.splitlines() if line.startswith(("| pypdfium2", "| pdfminer"))]
    assert len(rows) == 4, out
    assert "Worker RSS" in out
    one_page = re.findall(r"^\| ([12]) \| (\d+) \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$", out, re.M)
    assert [workers for workers, _ in one_page] == ["1", "2"] and all(int(rate) > 0 for _, rate in one_page), out
    assert "One-page files, 2 workers:" in out


def test_load_benchmark_prints_its_table():
    from conftest import OPENSEARCH_URL

    out = bench("load.py", "--quick")
    rows = [line.split("|") for line in out.splitlines() if line.startswith(("| embedded", "| opensearch"))]
    # Search page and API, the search cache on and off, on each engine.
    assert len(rows) == (8 if OPENSEARCH_URL else 4), out
    assert all(row[8].strip() == "0" for row in rows), out  # no errors
    # Hits counted from the servers' X-Search-Cache header: a cache that is off claims none, one that is on
    # answers some of the mix's repeated searches (embedded; OpenSearch keeps nothing).
    assert all(row[9].strip() == "n/a" for row in rows if row[3].strip() == "off"), out
    cached = [row[9].strip() for row in rows if row[1].strip() == "embedded" and row[3].strip() == "on"]
    assert cached and all(hits.endswith("%") and hits != "0%" for hits in cached), out


def test_search_benchmark_prints_its_table():
    from conftest import OPENSEARCH_URL

    out = bench("searching.py", "--quick")
    assert "| embedded |" in out and "b/a" in out, out
    assert "| embedded | on | **all** |" in out and "| embedded | off | **all** |" in out, out  # the Zipf-like mix
    # The framework's cost per request: the API over the facade, the search page over the API.
    assert re.search(r"embedded: the API over the facade \(c - b, rare word\) [\d.]+ ms, target", out), out
    assert re.search(r"the search page over the API \(d - c, all searches\) -?[\d.]+ ms", out), out
    if OPENSEARCH_URL:
        assert "| opensearch |" in out, out


def test_search_cache_benchmark_prints_its_table():
    out = bench("search_cache.py", "--quick")
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert {"off", "miss", "facets hit", "hit"} <= set(rows), out
    assert "hits) |" in out and "Memory a kept answer takes" in out, out


def test_corpus_generator_is_deterministic():
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    first = [d.model_dump_json() for d in generate(20, seed=3)]
    assert first == [d.model_dump_json() for d in generate(20, seed=3)]
    assert [d.id for d in generate(5, seed=3)] == [d.id for d in generate(20, seed=3)][:5]
    pages = sorted(len(d.pages) for d in generate(400, seed=1))
    assert 1 <= pages[0] and pages[-1] <= 60 and 2 <= pages[len(pages) // 2] <= 6


def test_indexing_benchmark_prints_its_table():
    from conftest import OPENSEARCH_URL

    out = bench("indexing.py", "--quick")
    assert "| embedded |" in out, out
    if OPENSEARCH_URL:
        assert "| opensearch |" in out, out


def test_document_memory_benchmark_prints_its_table():
    out = bench("document_memory.py", "--quick")
    rows = [line for line in out.splitlines() if line.startswith(("| short", "| long"))]
    assert len(rows) == 2 and all("| 200 |" in row for row in rows), out


def test_relevance_benchmark_prints_its_table():
    # One engine keeps it short: both engines' figures are checked by tests/test_relevance.py.
    out = bench("relevance.py", "--engines", "embedded")
    assert "| **embedded** | **all** |" in out, out
    assert "| embedded | identifier |" in out and "| opensearch |" not in out, out


def test_sizing_benchmark_prints_its_tables():
    from conftest import OPENSEARCH_URL

    out = bench("sizing.py", "--quick")
    assert "### Embedded index (tantivy): 300 documents" in out, out
    assert "| index directory |" in out and "| ledger |" in out, out
    if OPENSEARCH_URL:
        assert "| primary store |" in out and "Node heap in use" in out, out


def test_scaling_benchmark_prints_its_table():
    out = bench("scaling.py", "--quick")
    rows = [line.split("|") for line in out.splitlines() if line.startswith(("| 200 ", "| 400 "))]
    assert len(rows) == 2, out
    assert all(float(row[7]) > 0 and row[11].strip() == "0" for row in rows), out  # requests/s, no errors


def test_the_search_mix_is_zipf_like_and_deterministic():
    sys.path.insert(0, str(ROOT))
    from bench import queries

    searches = queries.mix(1000)
    assert len({queries.path("", s) for s in searches}) == 1000
    assert queries.mix(1000) == searches
    kinds = {s["_kind"] for s in searches}
    assert {"phrase", "compound", "deep page", "date range", "ministry filter"} <= kinds
    drawn = queries.sequence(searches, 20000)
    counts = sorted((sum(1 for d in drawn if d is s) for s in searches), reverse=True)
    assert counts[0] > 10 * counts[99] and counts[0] == sum(1 for d in drawn if d is searches[0])
    assert 0.5 < queries.repeat_share(drawn) < 1
