"""Benchmarks are scripts, not timed tests: here each only has to run on a tiny input and print its table."""

import os
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


def test_load_benchmark_prints_its_table():
    from conftest import OPENSEARCH_URL

    out = bench("load.py", "--quick")
    rows = [line for line in out.splitlines() if line.startswith(("| embedded", "| opensearch"))]
    assert len(rows) == (4 if OPENSEARCH_URL else 2), out
    assert all(row.split("|")[7].strip() == "0" for row in rows), out  # no errors


def test_search_benchmark_prints_its_table():
    from conftest import OPENSEARCH_URL

    out = bench("searching.py", "--quick")
    assert "| embedded |" in out and "b/a" in out, out
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
