"""Relevance of the search, measured on a judged query set: nDCG@10, recall@100 and MRR per query type and engine.

    .venv/bin/python bench/relevance.py [--opensearch-url URL] [--engines embedded,opensearch]
                                        [--per-query] [--json] [--write-baseline]

Ingests the real corpus (../shared/corpus/real, or OPENARCHIEF_TEST_CORPUS) and the generated demo corpus
(`openarchief.demo.corpus.build_demo_corpus`) through the ingest pipeline, as tests/conftest.py's `archive`
fixture does, into a fresh embedded index in a temporary data dir and, when an OpenSearch URL is given
(`--opensearch-url` or OPENARCHIEF_TEST_OPENSEARCH_URL), into a fresh alias `bench_relevance_<random>` there; both
are deleted at the end. Then runs every query of `bench/relevance_judgements.yaml` through `Index.search` (the top
100, as the search page ranks them) and scores the ranking against the judgements (grades 0-3 per file name):

- nDCG@10: the gain of a document is its grade, discounted by log2(rank + 1); divided by the same sum over the
  ideal ranking (the judged documents by grade). Every query has at least one document graded 1 or more.
- recall@100: the share of the documents graded 1 or more that are in the top 100.
- MRR: 1 / the rank of the first document graded 2 or more (0 when none is in the top 100); queries with no
  document graded 2 or more are left out of this mean (their count is in the table as "n MRR").

Prints a markdown table per query type and overall for each engine, the difference between the engines, and
the queries whose nDCG@10 differs between engines by more than 0.1 (`--per-query`: every query's figures and
top 3). `--json` prints the figures as JSON instead. `--write-baseline` writes each engine's overall and per-type
nDCG@10 to `bench/relevance_baseline.json`, which tests/test_relevance.py holds the engines to.
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The repository root, for `bench.*` when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import datetime as dt
import json
import math
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from typing import Any

import yaml

from openarchief.search import Index, SearchRequest, Settings

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = ROOT / "bench" / "relevance_judgements.yaml"
BASELINE = ROOT / "bench" / "relevance_baseline.json"
CORPUS = Path(os.environ.get("OPENARCHIEF_TEST_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
TYPES = (
    "word",
    "compound",
    "diminutive",
    "phrase",
    "multi-word",
    "abbreviation",
    "misspelling",
    "organisation",
    "identifier",
)
CUTOFF = 10  # nDCG@10
DEPTH = 100  # recall@100, MRR within the top 100 (the most one search page asks for)
RELEVANT = 1  # recall counts documents graded at least this
GOOD = 2  # MRR looks for the first document graded at least this


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the judged set ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    type: str
    grades: dict[str, int]  # file name -> grade 1-3 (documents graded 0 are left out)


def load_judgements(path: Path = JUDGEMENTS) -> list[Query]:
    """The judged queries, checked: a known type, grades 0-3 with a reason each, at least one relevant document."""
    queries = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]:
        text, kind = str(entry["query"]), entry["type"]
        if kind not in TYPES:
            raise ValueError(f"{text!r}: unknown type {kind!r}")
        grades = {}
        for name, judgement in entry["judgements"].items():
            grade = judgement["grade"]
            if grade not in (0, 1, 2, 3) or not judgement.get("why"):
                raise ValueError(f"{text!r}, {name}: a grade 0-3 and a reason are needed")
            if grade:
                grades[name] = grade
        if not grades:
            raise ValueError(f"{text!r}: no document graded 1 or more")
        queries.append(Query(text, kind, grades))
    if len({(q.text, q.type) for q in queries}) != len(queries):
        raise ValueError("a query is judged twice")
    return queries


# -- the measures -------------------------------------------------------------------------------------------------


def dcg(gains: list[int]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(name, 0) for name in ranked[:k]]) / ideal


def recall(ranked: list[str], grades: dict[str, int], depth: int = DEPTH) -> float:
    relevant = {name for name, grade in grades.items() if grade >= RELEVANT}
    return len(relevant & set(ranked[:depth])) / len(relevant)


def reciprocal_rank(ranked: list[str], grades: dict[str, int], depth: int = DEPTH) -> float | None:
    """1/rank of the first document graded GOOD or more; None when the query has no such document."""
    if not any(grade >= GOOD for grade in grades.values()):
        return None
    return next((1 / rank for rank, name in enumerate(ranked[:depth], start=1) if grades.get(name, 0) >= GOOD), 0.0)


# -- running the queries ------------------------------------------------------------------------------------------


def ranking(index: Index, q: str, names: dict[str, str]) -> list[str]:
    """The file names of the top DEPTH documents `Index.search` ranks for q (names caches id -> file name)."""
    result = index.search(SearchRequest(q=q, size=DEPTH))
    ranked = []
    for hit in result.hits:
        if hit.id not in names:
            doc = index.get(hit.id, pages=[])
            names[hit.id] = (doc.filename or doc.id) if doc else hit.id
        ranked.append(names[hit.id])
    return ranked


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    rrs = [r["rr"] for r in rows if r["rr"] is not None]
    return {
        "n": len(rows),
        "ndcg@10": mean([r["ndcg@10"] for r in rows]),
        "recall@100": mean([r["recall@100"] for r in rows]),
        "mrr": mean(rrs),
        "n_mrr": len(rrs),
    }


def evaluate(index: Index, queries: list[Query] | None = None) -> dict[str, Any]:
    """Every judged query through `index.search`, scored: per query, per type (in TYPES order) and overall."""
    queries = load_judgements() if queries is None else queries
    names: dict[str, str] = {}
    rows = []
    for query in queries:
        ranked = ranking(index, query.text, names)
        rows.append(
            {
                "query": query.text,
                "type": query.type,
                "ndcg@10": ndcg(ranked, query.grades),
                "recall@100": recall(ranked, query.grades),
                "rr": reciprocal_rank(ranked, query.grades),
                "hits": len(ranked),
                "top": ranked[:3],
            }
        )
    types = {t: summarise([r for r in rows if r["type"] == t]) for t in TYPES if any(r["type"] == t for r in rows)}
    return {"queries": rows, "types": types, "overall": summarise(rows)}


# -- the archive --------------------------------------------------------------------------------------------------


def build_archive(engine: str, data_dir: Path, folders: list[Path], url: str, alias: str) -> Index:
    """A fresh index on `engine` holding what the ingest pipeline makes of `folders`."""
    from openarchief.ingest.pipeline import Ingestor

    settings = Settings(
        data_dir=data_dir,
        engine=engine,
        reload_seconds=0,
        opensearch_url=url or "http://127.0.0.1:9200",
        opensearch_index=alias,
    )
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    try:
        ingestor.run(folders)
    finally:
        ingestor.close()
    return index


def drop_opensearch(url: str, alias: str) -> None:
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[url])
    for name in client.indices.get(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True):
        client.indices.delete(index=name)


# -- printing -----------------------------------------------------------------------------------------------------


def cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| engine | query type | queries | nDCG@10 | recall@100 | MRR | n MRR |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for engine, result in results.items():
        for name, row in [*result["types"].items(), ("all", result["overall"])]:
            cells = [engine, name, str(row["n"]), cell(row["ndcg@10"]), cell(row["recall@100"]), cell(row["mrr"])]
            cells.append(str(row["n_mrr"]))
            if name == "all":
                cells = [f"**{c}**" for c in cells]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def differences(results: dict[str, dict[str, Any]]) -> str:
    (a, ra), (b, rb) = results.items()
    lines = [
        f"Difference {a} − {b}:",
        "",
        "| query type | nDCG@10 | recall@100 | MRR |",
        "|---|--:|--:|--:|",
    ]
    for name in [*ra["types"], "all"]:
        x, y = (ra["overall"], rb["overall"]) if name == "all" else (ra["types"][name], rb["types"][name])
        # `or 0.0`: a difference that rounds to nothing reads +0.000, not -0.000.
        diffs = [
            "–" if x[m] is None or y[m] is None else f"{round(x[m] - y[m], 3) or 0.0:+.3f}"
            for m in ("ndcg@10", "recall@100", "mrr")
        ]
        lines.append(f"| {name} | " + " | ".join(diffs) + " |")
    apart = [
        (qa, qb)
        for qa, qb in zip(ra["queries"], rb["queries"], strict=True)
        if abs(qa["ndcg@10"] - qb["ndcg@10"]) > 0.1
    ]
    lines += ["", f"Queries whose nDCG@10 differs by more than 0.1 between the engines: {len(apart)}"]
    for qa, qb in apart:
        lines.append(
            f"- `{qa['query']}` ({qa['type']}): {a} {qa['ndcg@10']:.3f} (top {', '.join(qa['top']) or '–'}), "
            f"{b} {qb['ndcg@10']:.3f} (top {', '.join(qb['top']) or '–'})"
        )
    return "\n".join(lines)


def per_query(results: dict[str, dict[str, Any]]) -> str:
    engines = list(results)
    head = "| query | type | " + " | ".join(f"{e} nDCG@10 | {e} R@100 | {e} RR | {e} hits" for e in engines)
    lines = [head + " | top 3 (" + engines[0] + ") |", "|---|---|" + "--:|--:|--:|--:|" * len(engines) + "---|"]
    for i, row in enumerate(results[engines[0]]["queries"]):
        cells = [f"`{row['query']}`", row["type"]]
        for e in engines:
            r = results[e]["queries"][i]
            cells += [cell(r["ndcg@10"]), cell(r["recall@100"]), cell(r["rr"]), str(r["hits"])]
        cells.append(", ".join(row["top"]) or "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def baseline(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "date": dt.date.today().isoformat(),
        "queries": next(iter(results.values()))["overall"]["n"],
        "engines": {
            engine: {
                "ndcg@10": round(result["overall"]["ndcg@10"], 4),
                "types": {t: round(row["ndcg@10"], 4) for t, row in result["types"].items()},
            }
            for engine, result in results.items()
        },
    }


# -- main ---------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="embedded,opensearch")
    parser.add_argument("--opensearch-url", default=os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL", ""))
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the real corpus (default: %(default)s)")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--per-query", action="store_true", help="also every query's figures and top 3")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--write-baseline", action="store_true", help=f"write {BASELINE.relative_to(ROOT)}")
    args = parser.parse_args()

    queries = load_judgements(args.judgements)
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    notes = []
    if "opensearch" in wanted and not args.opensearch_url:
        wanted.remove("opensearch")
        notes.append("OpenSearch: skipped (give --opensearch-url or set OPENARCHIEF_TEST_OPENSEARCH_URL).")
    if not (args.corpus.is_dir() and any(args.corpus.glob("*.pdf"))):
        parser.error(f"no real corpus at {args.corpus} (give --corpus or set OPENARCHIEF_TEST_CORPUS)")
    temporary = Path(tempfile.mkdtemp(prefix="bench-relevance-"))
    alias = f"bench_relevance_{uuid.uuid4().hex[:10]}"
    results: dict[str, dict[str, Any]] = {}
    try:
        from openarchief.demo.corpus import build_demo_corpus

        generated = temporary / "generated"
        build_demo_corpus(generated)
        for engine in wanted:
            started = time.perf_counter()
            index = build_archive(engine, temporary / engine, [args.corpus, generated], args.opensearch_url, alias)
            built = time.perf_counter() - started
            started = time.perf_counter()
            results[engine] = evaluate(index, queries)
            log(
                f"{engine}: archive of {index.count()} documents built in {built:.1f} s; {len(queries)} queries "
                f"in {time.perf_counter() - started:.1f} s"
            )
    finally:
        if "opensearch" in wanted:
            drop_opensearch(args.opensearch_url, alias)
        shutil.rmtree(temporary, ignore_errors=True)

    if args.write_baseline:
        BASELINE.write_text(json.dumps(baseline(results), indent=2) + "\n", encoding="utf-8")
        log(f"wrote {BASELINE}")
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(
        f"Relevance, {len(queries)} judged queries on the real and the generated corpus; {dt.date.today()}; "
        f"gains = grades 0-3, MRR from the first document graded {GOOD} or more"
    )
    print()
    print(table(results))
    if len(results) == 2:
        print()
        print(differences(results))
    if args.per_query:
        print()
        print(per_query(results))
    for note in notes:
        print()
        print(note)


if __name__ == "__main__":
    main()
