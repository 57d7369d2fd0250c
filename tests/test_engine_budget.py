"""A frozen or silent OpenSearch node costs a visitor at most the time budget (OPENARCHIEF_SEARCH_TIMEOUT) and
then the 503 page, even under 32 concurrent clients; pages that need no engine (/over, static files, health)
never wait on it.

The faults are real processes: a server that accepts connections and never answers, and an HTTP server stopped
with SIGSTOP (its connections queue in the kernel, as a frozen OpenSearch node's do). The web app runs in
uvicorn, as `openarchief serve` runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from browser_server import LiveServer

from openarchief.search import Settings
from openarchief.web import create_app

BUDGET = 2.0
# For one visitor: a late connection costs a second (the SYN's second try), so without one deadline for connecting
# and reading a search would take 1 + budget seconds, and with two nodes twice the budget; a budget of 3 s keeps
# both a second or more above what the test allows, even on a busy machine.
ONE_BUDGET = 3.0
CLIENTS = 32
ENGINE_PAGES = ["/zoeken?q=gemeente", "/api/v1/search?q=gemeente", "/", "/api/v1/suggest?q=gem", "/health/ready"]
FREE_PAGES = ["/over", "/static/style.css", "/health/live"]


def silent_node():
    """A socket that accepts every connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(256)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return server.getsockname()[1], lambda: (stop.set(), thread.join(), [c.close() for c in held], server.close())


def frozen_node(tmp_path):
    """An HTTP server, stopped with SIGSTOP once it listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    os.kill(process.pid, signal.SIGSTOP)

    def stop():
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    return port, stop


def slow_to_accept_node():
    """A node whose accept queue is full: a new connection is made only on the SYN's second try, a second later
    (once the node takes one from its queue), and then never answered."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    queued = socket.create_connection(server.getsockname())  # takes the one place in the queue
    held = []
    timer = threading.Timer(0.5, lambda: held.append(server.accept()[0]))
    timer.start()

    def stop():
        timer.cancel()
        for connection in [queued, *held]:
            connection.close()
        server.close()

    return server.getsockname()[1], stop


def one_search(tmp_path, opensearch_url: str) -> tuple[int, float]:
    """The status of one API search with the engine at `opensearch_url`, and the seconds it took."""
    settings = Settings(
        data_dir=tmp_path / "data",
        engine="opensearch",
        opensearch_url=opensearch_url,
        opensearch_index="budget_test",
        search_timeout=ONE_BUDGET,
        reload_seconds=0,
    )
    with LiveServer(create_app(settings)) as server:
        started = time.monotonic()
        response = httpx.get(f"{server.url}/api/v1/search?q=gemeente", timeout=30)
        return response.status_code, time.monotonic() - started


def test_a_late_connection_does_not_get_the_whole_budget_again(tmp_path):
    port, stop = slow_to_accept_node()
    try:
        status, took = one_search(tmp_path, f"http://127.0.0.1:{port}")
    finally:
        stop()
    assert status == 503
    # Connecting took about a second; reading gets what is left of the budget, not the budget once more.
    assert took < ONE_BUDGET + 0.9, took


def test_a_second_node_does_not_get_the_whole_budget_again(tmp_path):
    nodes = [silent_node(), silent_node()]
    try:
        status, took = one_search(tmp_path, ",".join(f"http://127.0.0.1:{port}" for port, _ in nodes))
    finally:
        for _, stop in nodes:
            stop()
    assert status == 503
    # The first node used up the budget; the client's try on the second one gets nothing more.
    assert took < ONE_BUDGET + 0.9, took


@pytest.mark.parametrize("fault", ["silent", "frozen"])
def test_every_request_is_answered_within_the_budget(tmp_path, fault):
    port, stop = silent_node() if fault == "silent" else frozen_node(tmp_path)
    settings = Settings(
        data_dir=tmp_path / "data",
        engine="opensearch",
        opensearch_url=f"http://127.0.0.1:{port}",
        opensearch_index="budget_test",
        search_timeout=BUDGET,
        reload_seconds=0,
    )
    try:
        with LiveServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=30) as client:

            def fetch(path: str) -> tuple[str, int, float, str]:
                started = time.monotonic()
                response = client.get(path)
                return path, response.status_code, time.monotonic() - started, response.headers.get("retry-after", "")

            paths = [
                ENGINE_PAGES[i % len(ENGINE_PAGES)] if i % 4 else FREE_PAGES[i % len(FREE_PAGES)]
                for i in range(CLIENTS * 2)
            ]
            with ThreadPoolExecutor(CLIENTS) as pool:
                answers = list(pool.map(fetch, paths))
    finally:
        stop()
    # Without the budget a request waits OpenSearch's own timeout (30 s). The slack is for a busy two-core machine:
    # 32 clients beside the suite's other worker and four OpenSearch nodes have waited 1.8 s for the web process.
    slow = [a for a in answers if a[2] > BUDGET + 2]
    assert slow == [], slow
    for path, status, _, retry_after in answers:
        if path in FREE_PAGES:
            assert status == 200, (path, status)
        else:
            assert status == 503 and retry_after, (path, status)
