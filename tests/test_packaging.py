"""Everything installs under the one name `openarchief`: no top-level `search`, `web`, `ingest` or
`index_mappings` that could clash with another package of that name in a user's environment."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT


def test_the_package_installs_only_openarchief(tmp_path):
    target = tmp_path / "site"
    # setuptools builds in ./build and does not clear it: a module deleted since the last build would ship.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    top_level = {p.name for p in target.iterdir() if p.name not in ("bin", "__pycache__")}
    assert {n for n in top_level if not n.endswith(".dist-info")} == {"openarchief"}
    installed = {p.relative_to(target / "openarchief").as_posix() for p in (target / "openarchief").rglob("*")}
    # The parts, their data and templates came along.
    for needed in (
        "search/__init__.py",
        "search/data/nl_words.txt",
        "ingest/pipeline.py",
        "ingest/extractors/pdfium.py",
        "ingest/detect/organisation.py",
        "web/app.py",
        "web/templates/withdrawn.html",
        "web/static/style.css",
        "index_mappings/v1.json",
        "cli.py",
        "demo/corpus.py",
        "__main__.py",
    ):
        assert needed in installed, needed
    # And it runs from there, with nothing of the source tree on the path.
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import openarchief.cli, openarchief.search.analysis as a, openarchief.search.vocabularies"
            " as v; assert a.index_terms('gemeentehuis') and v.ministries(); print(a.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().startswith(str(target))
