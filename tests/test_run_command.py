"""The README's run command on a fresh data dir: `openarchief demo` writes samples, ingests them and serves."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def test_demo_serves_a_dutch_search_page(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "openarchief", "demo", "--port", str(port), "--data-dir", str(tmp_path)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, html = get(f"http://127.0.0.1:{port}/zoeken?q=vergunning")
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "the demo did not start serving within 90 s"
                time.sleep(0.3)
        assert status == 200 and '<html lang="nl">' in html
        assert "<mark>" in html and "Filteren" in html and "Ministerie" in html
        status, home = get(f"http://127.0.0.1:{port}/")
        assert "documenten" in home
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "indexed" in output and "failed 2" in output, output
    # No tracking: who searched for what is not written down (OPENARCHIEF_ACCESS_LOG is off by default).
    assert (
        "Uvicorn running" in output
        and "vergunning" not in output
        and "127.0.0.1:" not in output.split("Uvicorn running", 1)[1].split("\n", 1)[1]
    ), output
