"""Stateless web nodes: two `openarchief serve` processes with nothing in common but the services (PostgreSQL,
OpenSearch, the S3-compatible store), each with an empty data dir of its own, show the same archive — the same
/over, document, reports and PDFs — and a withdrawal made on a third machine reaches both, down to the page images
one of them had cached."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest
from archive_checks import ROOT, cli, cli_env, invariant_problems
from conftest import corpus_file, engine_settings
from test_blobs_s3 import bucket_keys
from test_run_command import free_port

from openarchief.search.blobs import sha256_of
from openarchief.search.settings import Settings

NAMES = ["plooi__kst-32545-143.pdf", "heerlen__parkeerverordening-2025.pdf", "plooi__vn-1441.pdf"]
LOCAL_STATE = ("ledger.sqlite3", "reports.sqlite3", "status.json", "archive.lock", "blobs", "index")


class WebNode:
    def __init__(self, settings: Settings, port: int):
        self.url = f"http://127.0.0.1:{port}"
        # Behind one load balancer both nodes answer for one public address.
        env = cli_env(settings, OPENARCHIEF_PUBLIC_URL="https://archief.example.nl")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "openarchief", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        # ...and get the Host header it forwards.
        self.client = httpx.Client(base_url=self.url, timeout=30, headers={"Host": "archief.example.nl"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""
            try:
                if self.client.get("/health/ready").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the web node at {self.url} did not become ready")

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(20)


@pytest.fixture
def services(tmp_path, corpus, s3_blobs, postgres_url):
    """An archive in the three services, ingested on machine A."""
    settings = engine_settings("opensearch", tmp_path / "machine-a", database_url=postgres_url, **s3_blobs)
    files = [corpus_file(corpus, name) for name in NAMES]
    result = cli(settings, "ingest", "--ocr", "never", *map(str, files))
    assert result.returncode == 0, result.stderr
    return settings, {sha256_of(path): path for path in files}


def test_two_web_nodes_sharing_only_the_services_serve_the_same_archive(tmp_path, services):
    settings, originals = services
    kamerstuk = next(sha for sha, path in originals.items() if path.name == NAMES[0])
    nodes = [WebNode(settings.model_copy(update={"data_dir": tmp_path / f"web-{n}"}), free_port()) for n in (1, 2)]
    try:
        one, two = nodes
        # The same pages, figures and files from both.
        for path in ("/over", "/zoeken?q=spaarrente", f"/api/v1/documents/{kamerstuk}", "/api/v1/search?q=parkeren"):
            first, second = one.get(path), two.get(path)
            assert first.status_code == second.status_code == 200, path
            assert first.text == second.text, path
        assert "3</td>" in one.get("/over").text
        for sha, path in originals.items():
            pdf = two.get(f"/bestanden/{sha}.pdf")
            assert pdf.status_code == 200 and pdf.content == path.read_bytes()

        # A visitor reports an error on node 1; an archivist on machine C settles it; node 2 shows it.
        sent = one.client.post(f"/documenten/{kamerstuk}/melding", data={"wat": "Het nummer klopt niet"})
        assert sent.status_code in (200, 303)
        machine_c = settings.model_copy(update={"data_dir": tmp_path / "machine-c"})
        settled = cli(machine_c, "reports", "--set", "1", "--to", "afgewezen", "--reason", "het nummer klopt wel")
        assert settled.returncode == 0, settled.stderr
        for node in nodes:
            reports = node.get(f"/api/v1/documents/{kamerstuk}").json()["reports"]
            assert [(r["status"], r["reason"]) for r in reports] == [("afgewezen", "het nummer klopt wel")]

        # Node 2 renders and caches a page image; machine C withdraws the document.
        assert two.get(f"/documenten/{kamerstuk}/pagina-1.png?breedte=400").status_code == 200
        cached = tmp_path / "web-2" / "page-images"
        assert list(cached.rglob(f"{kamerstuk}-*.png"))
        withdrawn = cli(machine_c, "withdraw", kamerstuk, "--reason", "privacy")
        assert withdrawn.returncode == 0, withdrawn.stderr
        for node in nodes:
            assert node.get(f"/documenten/{kamerstuk}").status_code == 410
            assert node.get(f"/bestanden/{kamerstuk}.pdf").status_code == 410
            assert node.get(f"/api/v1/documents/{kamerstuk}").status_code == 410
            assert kamerstuk not in node.get("/api/v1/search?q=spaarrente").text
        assert not list(cached.rglob(f"{kamerstuk}-*.png"))  # gone from node 2's disk too
        assert not any(kamerstuk in key for key in bucket_keys(settings))
        assert one.get("/over").text == two.get("/over").text
        assert invariant_problems(settings) == []
        # Neither web node keeps any of the archive's state.
        for n in (1, 2):
            assert not [p.name for p in (tmp_path / f"web-{n}").glob("*") if p.name in LOCAL_STATE]
    finally:
        for node in nodes:
            node.stop()
