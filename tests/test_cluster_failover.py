"""Failover on a real cluster of three OpenSearch nodes, every shard with a replica.

scripts/test starts the cluster (scripts/opensearch-node start --nodes 3) beside the single node and passes its
URLs (OPENARCHIEF_TEST_OPENSEARCH_CLUSTER) and home dir (OPENARCHIEF_TEST_OPENSEARCH_CLUSTER_HOME), through which
these tests kill a node (SIGKILL: a crash, no goodbye to the cluster) and start it again:

- while 32 clients search through the `Index` facade, the node holding the index's primary shard dies: every
  failed or wrong answer is counted; past the failover budget none may fail; the node comes back, the cluster
  is green again within a bound;
- while the real Ingestor writes, that node dies: the ingest completes (a re-run at most), and every document
  the ledger calls indexed is found, as many as the ledger counts.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, require
from opensearchpy import OpenSearch

from openarchief.ingest.ledger import Ledger
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import EngineUnavailable, Index, SearchRequest, Settings

CLUSTER_URLS = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_CLUSTER", "")
CLUSTER_HOME = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_CLUSTER_HOME", "")
NODE_SCRIPT = ROOT / "scripts" / "opensearch-node"

CLIENTS = 32
WARM_UP = 3.0  # seconds of load before the kill
FAILOVER_BUDGET = 15.0  # seconds after the kill by which every search must succeed again
CLEAN_WINDOW = 10.0  # seconds of load after the budget in which not one search may fail
GREEN_WITHIN = 90.0  # seconds for the cluster to be green again once the node is back
INGEST_FILES = 300  # PDFs: six batches of the Ingestor, so that the kill meets later batches' writes
QUERIES = ["gemeente", "besluit", "minister", "subsidie", "woo", "verzoek", "rapport", "brief"]


class Cluster:
    def __init__(self, urls: str, home: Path):
        self.urls = urls
        self.home = home
        self.client = OpenSearch(urls.split(","), max_retries=2, retry_on_timeout=True, timeout=30)

    def _run(self, command: str, node: int) -> float:
        started = time.monotonic()
        env = os.environ | {"OPENARCHIEF_OPENSEARCH_HOME": str(self.home)}
        done = subprocess.run(
            [str(NODE_SCRIPT), command, str(node)], env=env, capture_output=True, text=True, timeout=240
        )
        assert done.returncode == 0, f"opensearch-node {command} {node} failed:\n{done.stderr}"
        return time.monotonic() - started

    def kill(self, node: int) -> None:
        self._run("kill-node", node)

    def start(self, node: int) -> float:
        return self._run("start-node", node)

    def green_within(self, seconds: float) -> float:
        """Seconds until the cluster is green with all three nodes; fails past `seconds`."""
        started = time.monotonic()
        health = self.client.cluster.health(
            wait_for_status="green", wait_for_nodes="3", timeout=f"{int(seconds)}s", request_timeout=seconds + 10
        )
        waited = time.monotonic() - started
        assert not health["timed_out"] and health["status"] == "green", f"not green within {seconds} s: {health}"
        return waited

    def primary_holder(self, alias: str) -> int:
        """The number of the node holding the primary of the index behind `alias`."""
        shards = self.client.cat.shards(index=alias, format="json")
        name = next(s["node"] for s in shards if s["prirep"] == "p" and s["state"] == "STARTED")
        return int(name.removeprefix("node-"))


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    require(
        bool(CLUSTER_URLS and CLUSTER_HOME),
        "a 3-node OpenSearch cluster (OPENARCHIEF_TEST_OPENSEARCH_CLUSTER and _HOME, set by scripts/test)",
    )
    cluster = Cluster(CLUSTER_URLS, Path(CLUSTER_HOME))
    cluster.green_within(GREEN_WITHIN)
    return cluster


def cluster_settings(cluster: Cluster, data_dir: Path, **overrides) -> Settings:
    return Settings(
        data_dir=data_dir,
        engine="opensearch",
        reload_seconds=0,
        opensearch_url=cluster.urls,
        opensearch_index=f"test_{uuid.uuid4().hex[:12]}",
        opensearch_replicas=1,
        **overrides,
    )


def test_index_generations_take_shards_and_replicas_from_the_settings(cluster, tmp_path):
    settings = cluster_settings(cluster, tmp_path, opensearch_shards=3)
    assert Index(settings).count() == 0  # creates the first generation
    health = cluster.client.cluster.health(
        index=settings.opensearch_index, wait_for_status="green", timeout="60s", request_timeout=70
    )
    assert (health["active_primary_shards"], health["active_shards"]) == (3, 6), health


@dataclass
class Answer:
    started: float
    ended: float
    ok: bool
    detail: str


def search_load(index: Index, expected: dict[str, int], stop: threading.Event, answers: list[Answer]) -> None:
    lock = threading.Lock()

    def client(number: int) -> None:
        turn = number
        while not stop.is_set():
            q = QUERIES[turn % len(QUERIES)]
            turn += 1
            started = time.monotonic()
            try:
                total = index.search(SearchRequest(q=q)).total
                ok, detail = total == expected[q], f"{q}: {total} found, {expected[q]} expected"
            except Exception as exc:  # every failure counts, whatever it is
                ok, detail = False, f"{q}: {type(exc).__name__}: {str(exc)[:200]}"
            with lock:
                answers.append(Answer(started, time.monotonic(), ok, detail))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop.wait()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a search client hangs"


def test_searches_go_on_while_a_node_dies(cluster, tmp_path, generated):
    settings = cluster_settings(cluster, tmp_path)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    try:
        ingestor.run([generated])
    finally:
        ingestor.close()
    expected = {q: index.search(SearchRequest(q=q)).total for q in QUERIES}
    assert sum(expected.values()) > 0, expected
    cluster.green_within(GREEN_WITHIN)  # the replica allocated
    victim = cluster.primary_holder(settings.opensearch_index)

    answers: list[Answer] = []
    stop = threading.Event()
    load = threading.Thread(target=search_load, args=(index, expected, stop, answers))
    load.start()
    killed = False
    try:
        time.sleep(WARM_UP)
        killed_at = time.monotonic()
        cluster.kill(victim)
        killed = True
        settled_at = killed_at + FAILOVER_BUDGET
        time.sleep(max(0.0, settled_at + CLEAN_WINDOW - time.monotonic()))
    finally:
        stop.set()
        load.join(timeout=120)
        if killed:
            restarted_in = cluster.start(victim)
    green_in = cluster.green_within(GREEN_WITHIN)

    before = [a for a in answers if a.ended < killed_at]
    during = [a for a in answers if a.ended >= killed_at and a.started < settled_at]
    after = [a for a in answers if a.started >= settled_at]
    failed = [a for a in during if not a.ok]
    failover = max((a.ended - killed_at for a in failed), default=0.0)
    slowest = max((a.ended - a.started for a in during), default=0.0)
    print(
        f"\nsearch failover: node-{victim} (primary) killed; {CLIENTS} clients, {len(answers)} searches: "
        f"{len(before)} before the kill ({sum(not a.ok for a in before)} failed), {len(during)} in the "
        f"{FAILOVER_BUDGET:.0f} s after it ({len(failed)} failed, last failure {failover:.2f} s after the kill, "
        f"slowest answer {slowest:.2f} s), {len(after)} in the {CLEAN_WINDOW:.0f} s after that "
        f"({sum(not a.ok for a in after)} failed); node back in {restarted_in:.1f} s, green {green_in:.1f} s later"
    )
    for answer in failed[:10]:
        print(f"  failed {answer.ended - killed_at:+.2f} s: {answer.detail}")
    assert before and all(a.ok for a in before), [a.detail for a in before if not a.ok][:5]
    assert failover < FAILOVER_BUDGET
    assert len(after) >= CLIENTS, f"only {len(after)} searches answered after the failover"
    assert [a.detail for a in after if not a.ok] == []


def write_pdfs(folder: Path, count: int) -> None:
    """`count` distinct two-page PDFs of generated Dutch government text (bench/corpus.py's documents)."""
    from bench.corpus import generate
    from openarchief.demo.pdf import write_pdf

    for number, doc in enumerate(generate(count, seed=17)):
        pages = [" ".join(page.text.split()[:120]) for page in doc.pages[:2]]
        write_pdf(folder / f"stuk-{number:04d}.pdf", pages, title=doc.title)


def test_an_ingest_loses_nothing_while_a_node_dies(cluster, tmp_path):
    folder = tmp_path / "inbox"
    write_pdfs(folder, INGEST_FILES)
    settings = cluster_settings(cluster, tmp_path / "archive")
    index = Index(settings)
    outcome: dict[str, object] = {}

    def ingest() -> None:
        ingestor = Ingestor(settings, index)
        try:
            outcome["summary"] = ingestor.run([folder])
        except EngineUnavailable as exc:  # allowed: the documents stay pending for a re-run
            outcome["error"] = exc
        finally:
            ingestor.close()

    run = threading.Thread(target=ingest)
    run.start()
    killed = victim = None
    try:
        # The first batch is in the index: the primary is placed and later batches are still to be written.
        deadline = time.monotonic() + 180
        while run.is_alive() and time.monotonic() < deadline:
            if (
                cluster.client.indices.exists_alias(name=settings.opensearch_index)
                and cluster.client.count(index=settings.opensearch_index)["count"]
            ):
                break
            time.sleep(0.2)
        # Failover needs a copy to fail over to: the replica must be started (on a loaded machine it can still be
        # initialising when the first batch is in, and a primary lost without one waits for its node to return).
        cluster.green_within(GREEN_WITHIN)
        assert run.is_alive(), "the ingest ended before a node could be killed during it: more files are needed"
        victim = cluster.primary_holder(settings.opensearch_index)
        cluster.kill(victim)
        killed = time.monotonic()
        run.join(timeout=240)
        assert not run.is_alive(), "the ingest did not end within 240 s of the kill"
    finally:
        if killed is not None:
            cluster.start(victim)
        run.join(timeout=240)
    ingest_seconds = time.monotonic() - killed if killed else 0.0

    ledger = Ledger(settings.ledger_path)
    try:
        first = ledger.counts()
        rerun = bool("error" in outcome or first.get("pending") or first.get("failed"))
        if rerun:  # what the first run could not write waits in the ledger; a re-run writes it
            ingestor = Ingestor(settings, index)
            try:
                ingestor.run([folder], retry_failed=True)
            finally:
                ingestor.close()
        counts = ledger.counts()
        indexed = {r.sha256 for r in ledger.records() if r.status == "indexed"}
    finally:
        ledger.close()
    cluster.green_within(GREEN_WITHIN)
    print(
        f"\ningest failover: node-{victim} (primary) killed during the ingest of {INGEST_FILES} PDFs; the run "
        f"ended {ingest_seconds:.1f} s after the kill with ledger {first}"
        + (f" ({type(outcome['error']).__name__})" if "error" in outcome else "")
        + (f"; after a re-run {counts}" if rerun else "; no re-run needed")
    )
    assert counts == {"indexed": INGEST_FILES}, counts
    found = cluster.client.search(
        index=settings.opensearch_index,
        body={"query": {"ids": {"values": sorted(indexed)}}, "_source": False, "size": len(indexed)},
    )["hits"]["hits"]
    assert {h["_id"] for h in found} == indexed
    assert index.count() == index.search(SearchRequest()).total == len(indexed) == INGEST_FILES
