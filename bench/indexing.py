"""Indexing speed: documents/s into each engine through the project against the engine's raw bulk API with the
same documents and batch size, and the time to re-index the archive from stored extraction results (issue 6).

    .venv/bin/python bench/indexing.py [--docs 10000] [--batch 500]
    .venv/bin/python bench/indexing.py --quick      # a tiny run, for the test suite

Raw: the engine fed with documents already prepared (tantivy documents with their analysed fields; OpenSearch
`_bulk` of the same JSON bodies through opensearch-py's bulk helper). Project: `Index.index` in batches of the
same size, which prepares them itself. Re-index: `Index.rebuild` from the ledger's stored documents, as
`openarchief reindex` does. OpenSearch runs when OPENARCHIEF_TEST_OPENSEARCH_URL names a node.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate  # noqa: E402
from search import Index, Settings  # noqa: E402


def batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def through_project(index: Index, docs: list, batch: int) -> tuple[float, float]:
    """Seconds to write `docs` through the facade in batches, then to rebuild the index from them."""
    started = time.perf_counter()
    for chunk in batches(docs, batch):
        index.index(chunk)
    project = time.perf_counter() - started
    started = time.perf_counter()
    index.rebuild(iter(docs), expected=len(docs))
    return project, time.perf_counter() - started


def embedded(docs, batch: int, tmp: Path) -> tuple[float, float, float]:
    import tantivy

    from search._embedded import EmbeddedEngine

    engine = EmbeddedEngine(tmp / "prep")
    prepared = [engine._entries(d) for d in docs]  # the raw side gets its documents ready-made
    raw_index = tantivy.Index(engine._schema, path=str(tmp / "prep" / engine._read_current()))
    started = time.perf_counter()
    with raw_index.writer(heap_size=128_000_000, num_threads=1) as writer:
        for chunk in batches(prepared, batch):
            for entries in chunk:
                for entry in entries:
                    writer.add_document(entry)
            writer.commit()
        writer.wait_merging_threads()
    raw = time.perf_counter() - started
    return (raw, *through_project(Index(Settings(data_dir=tmp / "project")), docs, batch))


def opensearch(docs, batch: int, url: str, tmp: Path) -> tuple[float, float, float]:
    from opensearchpy import OpenSearch, helpers

    from search._opensearch import BULK_CHUNK, _body

    alias = f"bench_indexing_{uuid.uuid4().hex[:8]}"
    settings = Settings(data_dir=tmp / "os", engine="opensearch", opensearch_url=url, opensearch_index=alias)
    index = Index(settings)
    index.count()  # creates the first generation
    client = OpenSearch(url, timeout=120)
    raw_name = f"{alias}_raw"
    from search._opensearch import load_definition

    client.indices.create(index=raw_name, body=load_definition())
    bodies = [{"_index": raw_name, "_id": d.id, "_source": _body(d)} for d in docs]
    try:
        started = time.perf_counter()
        helpers.bulk(client, bodies, chunk_size=BULK_CHUNK, max_retries=5)  # the project's request size
        client.indices.refresh(index=raw_name)
        raw = time.perf_counter() - started
        project, rebuild = through_project(index, docs, batch)
    finally:
        client.indices.delete(index=f"{alias}*", ignore=[404])
    return raw, project, rebuild


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="200 documents")
    args = parser.parse_args()
    n = 200 if args.quick else args.docs
    docs = list(generate(n, seed=1))
    pages = sum(d.page_count for d in docs)
    url = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("embedded", *embedded(docs, args.batch, Path(tmp))))
        if url:
            rows.append(("opensearch", *opensearch(docs, args.batch, url, Path(tmp))))
    print(f"{n} documents, {pages} pages, batches of {args.batch}")
    print()
    print("| engine | raw docs/s | project docs/s | project / raw | re-index from stored results, s | pages/s |")
    print("|---|---|---|---|---|---|")
    for engine, raw, project, rebuild in rows:
        print(f"| {engine} | {n / raw:.0f} | {n / project:.0f} | {raw / project:.0%} | {rebuild:.1f} | "
              f"{pages / rebuild:.0f} |")
    if not url:
        print("\n(OpenSearch skipped: set OPENARCHIEF_TEST_OPENSEARCH_URL)")


if __name__ == "__main__":
    main()
