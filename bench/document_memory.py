"""Memory of the web server under concurrent views of one long document, against a short one, in one run.

    .venv/bin/python bench/document_memory.py [--pages 3000] [--clients 64]
    .venv/bin/python bench/document_memory.py --quick     # a tiny run, for the test suite

Indexes two documents into a fresh embedded archive in a temporary folder — one of --pages pages and one of 30,
every page the same ~1,900 characters — starts `uvicorn` on it (one process), sends --clients concurrent requests
for each document's page (`/documenten/{id}`), and prints the time they took and the server's peak RSS (VmHWM)
after the short document and after the long one. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from openarchief.search import Document, Index, Page, Settings

FILLER = "De gemeente besluit over de aanvraag en de voorwaarden die daarbij horen. " * 25


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) // 1024


async def views(url: str, clients: int) -> tuple[float, set[int]]:
    async with httpx.AsyncClient(timeout=120) as client:
        started = time.monotonic()
        answers = await asyncio.gather(*[client.get(url) for _ in range(clients)])
        return time.monotonic() - started, {a.status_code for a in answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000, help="pages of the long document")
    parser.add_argument("--clients", type=int, default=64, help="concurrent requests per document")
    parser.add_argument("--quick", action="store_true", help="a tiny run (test suite): 300 pages, 8 clients")
    args = parser.parse_args()
    pages, clients = (300, 8) if args.quick else (args.pages, args.clients)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        index = Index(settings)
        for key, count in (("ab", 30), ("cd", pages)):
            text = [Page(number=n, text=FILLER) for n in range(1, count + 1)]
            index.index([Document(id=key * 32, title="Verslag", pages=text, language="nl")])
        port = free_port()
        env = dict(os.environ, OPENARCHIEF_DATA_DIR=folder)
        command = [sys.executable, "-m", "uvicorn", "openarchief.web.app:create_app", "--factory"]
        server = subprocess.Popen([*command, "--port", str(port), "--log-level", "warning"], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(f"{base}/health/live", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            print(f"| document | pages | {clients} concurrent views | statuses | server peak RSS |")
            print("|---|---|---|---|---|")
            for key, count in (("ab", 30), ("cd", pages)):
                seconds, statuses = asyncio.run(views(f"{base}/documenten/{key * 32}", clients))
                codes = ",".join(map(str, sorted(statuses)))
                print(
                    f"| {'short' if key == 'ab' else 'long'} | {count} | {seconds:.2f} s | {codes} | {peak_mb(server.pid)} MB |"
                )
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
