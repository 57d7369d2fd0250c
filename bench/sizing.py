"""Sizing for docs/deploying.md: what an archive of N documents takes on disk and in OpenSearch's heap.

    .venv/bin/python bench/sizing.py [--docs 20000] [--seed 1] [--opensearch-url URL] [--engines embedded,opensearch]
    .venv/bin/python bench/sizing.py --quick       # 300 documents, for the tests

Loads `--docs` documents of the scale corpus (`bench/corpus.py`) through the facade (`Index.rebuild`, as
`openarchief reindex` does) into a fresh embedded index and, when an OpenSearch URL is given (`--opensearch-url` or
OPENARCHIEF_TEST_OPENSEARCH_URL), into a fresh alias there (deleted at the end), and saves the same documents in a
fresh SQLite ledger (the extracted text kept for re-index). It then prints one markdown table per engine:

- the index on disk: the embedded index directory; on OpenSearch the primary store size (`_cat/indices`), before
  and after a force-merge to one segment (an archive that is only added to sits between the two);
- the ledger on disk: SQLite, and with a PostgreSQL server (`--database-url` or OPENARCHIEF_TEST_DATABASE_URL) the
  same documents in a fresh database of their own there (its size with indexes and TOAST, dropped at the end);
- OpenSearch's heap in use on the node after the load and after a round of searches, and the index's share of it
  (segments, fielddata, query cache), from `_nodes/stats`;
- each figure per document and per page, and scaled to 100,000 documents (linear in documents: the corpus's
  page count per document is that of real archives, see bench/corpus.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

# The repository root, for `bench.corpus` when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import os
import tempfile
import time
import uuid

from bench.corpus import generate
from openarchief.ingest.ledger import Ledger
from openarchief.search import Index, SearchRequest, Settings

SCALE = 100_000
QUERIES = ["gemeente", "subsidie", "stikstof", "de minister van financiën", "woningbouw", "onderzoek"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def searches(index: Index) -> None:
    for words in QUERIES:
        index.search(SearchRequest(q=words))


def heap(client) -> dict[str, int]:
    """Heap in use summed over the nodes, and the index structures' share of it."""
    nodes = client.nodes.stats(metric="jvm,indices")["nodes"].values()
    total = {"heap": 0, "segments": 0, "fielddata": 0, "query_cache": 0}
    for node in nodes:
        total["heap"] += node["jvm"]["mem"]["heap_used_in_bytes"]
        total["segments"] += node["indices"]["segments"].get("memory_in_bytes", 0)
        total["fielddata"] += node["indices"]["fielddata"]["memory_size_in_bytes"]
        total["query_cache"] += node["indices"]["query_cache"]["memory_size_in_bytes"]
    return total


def primary_bytes(client, alias: str) -> int:
    client.indices.refresh(index=alias)
    rows = client.cat.indices(index=alias, bytes="b", format="json")
    return sum(int(row["pri.store.size"]) for row in rows)


def table(title: str, rows: list[tuple[str, float]], docs: int, pages: int) -> None:
    print(f"\n### {title}: {docs:,} documents, {pages:,} pages\n")
    print(f"| | measured | per document | per page | per {SCALE:,} documents |")
    print("|---|---:|---:|---:|---:|")
    for name, value in rows:
        print(
            f"| {name} | {mb(value)} | {value / docs / 1e3:,.1f} kB | {value / pages / 1e3:,.2f} kB | "
            f"{mb(value * SCALE / docs)} |"
        )


def postgres_ledger_bytes(server_url: str, docs: int, seed: int) -> int:
    """The size of a new database holding the ledger of `docs` documents (made on the server, then dropped)."""
    import sqlalchemy as sa

    from openarchief.search import database

    name = f"bench_sizing_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(database.driver_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = server_url.rsplit("/", 1)[0] + "/" + name
    try:
        ledger = Ledger.open(Settings(database_url=url))
        for doc in generate(docs, seed):
            ledger.save_document(doc)
        ledger.close()
        engine = database.shared_engine(url)
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM runs outside a transaction
            conn.execute(sa.text("VACUUM ANALYZE"))  # as a running database: dead tuples reclaimed
            size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
            empty = conn.execute(sa.text("SELECT pg_database_size('template1')")).scalar_one()
        database.forget(url)
        return size - empty  # what the ledger adds to an empty database
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--opensearch-url", default=os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL", ""))
    parser.add_argument("--database-url", default=os.environ.get("OPENARCHIEF_TEST_DATABASE_URL", ""))
    parser.add_argument("--engines", default="embedded,opensearch")
    parser.add_argument("--quick", action="store_true", help="300 documents")
    args = parser.parse_args()
    docs = 300 if args.quick else args.docs
    engines = [e for e in args.engines.split(",") if e == "embedded" or args.opensearch_url]
    pages = sum(d.page_count for d in generate(docs, args.seed))

    with tempfile.TemporaryDirectory(prefix="oa-sizing-") as tmp:
        ledger_path = Path(tmp) / "ledger.sqlite3"
        ledger = Ledger(ledger_path)
        for doc in generate(docs, args.seed):
            ledger.save_document(doc)
        ledger.close()
        print(f"## Sizing: {docs:,} documents of the scale corpus (seed {args.seed})")
        table(
            "Ledger (SQLite, the extracted documents kept for re-index)",
            [("ledger", ledger_path.stat().st_size)],
            docs,
            pages,
        )
        if args.database_url:
            table(
                "Ledger (PostgreSQL)",
                [("database", postgres_ledger_bytes(args.database_url, docs, args.seed))],
                docs,
                pages,
            )
        for engine in engines:
            alias = f"bench_sizing_{uuid.uuid4().hex[:8]}"
            settings = Settings(
                data_dir=Path(tmp) / engine,
                engine=engine,
                opensearch_url=args.opensearch_url or "http://127.0.0.1:9200",
                opensearch_index=alias,
                opensearch_timeout=300,
            )
            index = Index(settings)
            log(f"{engine}: loading {docs} documents ...")
            started = time.perf_counter()
            index.rebuild(generate(docs, args.seed), expected=docs)
            log(f"{engine}: loaded in {time.perf_counter() - started:.0f} s")
            try:
                if engine == "embedded":
                    searches(index)
                    table("Embedded index (tantivy)", [("index directory", dir_bytes(settings.index_dir))], docs, pages)
                    continue
                from opensearchpy import OpenSearch

                client = OpenSearch(hosts=args.opensearch_url.split(","), timeout=600)
                loaded = heap(client)
                searches(index)
                searched = heap(client)
                rows = [("primary store", primary_bytes(client, alias))]
                client.indices.forcemerge(index=alias, max_num_segments=1, request_timeout=1800)
                rows.append(("primary store, force-merged", primary_bytes(client, alias)))
                table("OpenSearch index", rows, docs, pages)
                print(
                    f"\nNode heap in use (all indices of the node, {len(client.nodes.info()['nodes'])} node(s)): "
                    f"{mb(loaded['heap'])} after the load, {mb(searched['heap'])} after searching; the index "
                    f"structures of the node: segments {mb(searched['segments'])}, fielddata "
                    f"{mb(searched['fielddata'])}, query cache {mb(searched['query_cache'])}."
                )
            finally:
                if engine == "opensearch":
                    client = OpenSearch(hosts=args.opensearch_url.split(","))
                    for name in client.indices.get(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True):
                        client.indices.delete(index=name)


if __name__ == "__main__":
    main()
