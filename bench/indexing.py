"""Indexing speed: documents/s into each engine through the project against the engine's raw bulk API with the
same documents and batch size, and the time to re-index the archive from stored extraction results (issue 6).

    .venv/bin/python bench/indexing.py [--docs 10000] [--batch 500] [--rounds 3]
    .venv/bin/python bench/indexing.py --quick      # a tiny run, for the test suite

Raw: the engine fed with documents already prepared (tantivy documents with their analysed fields; OpenSearch
`_bulk` of the same JSON bodies through opensearch-py's bulk helper). Project: `Index.index` in batches of the
same size, which prepares them itself; on OpenSearch raw and project take turns, each into a fresh index on a
node without merges running, and the medians are compared. Re-index: `Index.rebuild` from the ledger's stored documents, as
`openarchief reindex` does. OpenSearch runs when OPENARCHIEF_TEST_OPENSEARCH_URL names a node.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate  # noqa: E402
from openarchief.search import Index, Settings  # noqa: E402


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

    from openarchief.search._embedded import EmbeddedEngine

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


def settle(client) -> None:
    """Wait until the node has no merges running: an index loaded just before keeps merging in the background
    and would slow down whatever is measured next."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        stats = client.nodes.stats(metric="indices", index_metric="merge")["nodes"]
        if all(n["indices"]["merges"]["current"] == 0 for n in stats.values()):
            return
        time.sleep(0.5)


def opensearch(docs, batch: int, url: str, tmp: Path, rounds: int) -> tuple[float, float, float, float]:
    """Raw, raw refreshed after each batch and project in turns (`rounds` of each, each into a fresh index that is
    dropped after it, the node settled before each), so drift and background merges hit all alike; the medians,
    then one rebuild. `Index.index` refreshes after each call, so that what it wrote is searchable when it
    returns (the ledger then says "indexed"); the second raw run makes the same refreshes."""
    from opensearchpy import OpenSearch, helpers

    from openarchief.search._opensearch import BULK_CHUNK, _body, load_definition

    client = OpenSearch(url, timeout=120)
    prefix = f"bench_indexing_{uuid.uuid4().hex[:8]}"
    bodies = [_body(d) for d in docs]  # the raw side gets its bodies ready-made
    raws, refreshed, projects = [], [], []

    def raw(name: str, refresh_each_batch: bool) -> float:
        client.indices.create(index=name, body=load_definition())
        settle(client)
        started = time.perf_counter()
        for start in range(0, len(docs), batch):
            actions = (
                {"_index": name, "_id": d.id, "_source": b}
                for d, b in zip(docs[start : start + batch], bodies[start : start + batch])
            )
            helpers.bulk(client, actions, chunk_size=BULK_CHUNK, max_retries=5)  # the project's request size
            if refresh_each_batch:
                client.indices.refresh(index=name)
        client.indices.refresh(index=name)
        seconds = time.perf_counter() - started
        client.indices.delete(index=name)
        return seconds

    try:
        for turn in range(rounds):
            raws.append(raw(f"{prefix}_raw{turn}", False))
            refreshed.append(raw(f"{prefix}_refreshed{turn}", True))

            settings = Settings(
                data_dir=tmp / f"os{turn}",
                engine="opensearch",
                opensearch_url=url,
                opensearch_index=f"{prefix}_project{turn}",
            )
            index = Index(settings)
            index.count()  # creates the first generation
            settle(client)
            started = time.perf_counter()
            for chunk in batches(docs, batch):
                index.index(chunk)
            projects.append(time.perf_counter() - started)
            print(
                f"opensearch round {turn + 1}: raw {len(docs) / raws[-1]:.0f} docs/s, raw refreshed after each "
                f"batch {len(docs) / refreshed[-1]:.0f}, project {len(docs) / projects[-1]:.0f}",
                file=sys.stderr,
            )
            if turn < rounds - 1:
                client.indices.delete(index=f"{prefix}_project{turn}*")
        settle(client)
        started = time.perf_counter()
        index.rebuild(iter(docs), expected=len(docs))
        rebuild = time.perf_counter() - started
    finally:
        client.indices.delete(index=f"{prefix}*", ignore=[404])
    return statistics.median(raws), statistics.median(projects), rebuild, statistics.median(refreshed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="OpenSearch: raw and project runs, in turns")
    parser.add_argument("--quick", action="store_true", help="200 documents, one round")
    args = parser.parse_args()
    n = 200 if args.quick else args.docs
    rounds = 1 if args.quick else args.rounds
    docs = list(generate(n, seed=1))
    pages = sum(d.page_count for d in docs)
    url = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("embedded", *embedded(docs, args.batch, Path(tmp))))
        if url:
            rows.append(("opensearch", *opensearch(docs, args.batch, url, Path(tmp), rounds)))
    print(
        f"{n} documents, {pages} pages, batches of {args.batch}; OpenSearch: median of {rounds} runs each, "
        "the three in turns"
    )
    print()
    print(
        "| engine | raw docs/s | raw, refreshed after each batch | project (`Index.index`) docs/s | project / raw "
        "| project / raw refreshed alike | re-index (`Index.rebuild`) s | re-index docs/s | re-index / raw |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for engine, raw, project, rebuild, *refreshed in rows:
        alike = (f"{n / refreshed[0]:.0f}", f"{refreshed[0] / project:.0%}") if refreshed else ("", "")
        print(
            f"| {engine} | {n / raw:.0f} | {alike[0]} | {n / project:.0f} | {raw / project:.0%} | {alike[1]} | "
            f"{rebuild:.1f} | {n / rebuild:.0f} | {raw / rebuild:.0%} |"
        )
    if not url:
        print("\n(OpenSearch skipped: set OPENARCHIEF_TEST_OPENSEARCH_URL)")


if __name__ == "__main__":
    main()
