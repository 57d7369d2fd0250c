"""The content-addressed store of original files: a file's name is the SHA-256 of its bytes.

Ingest writes it, the web serves from it; nothing is ever looked up by a name a visitor chose.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import atomic

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / f"{sha256}.pdf"

    def has(self, sha256: str) -> bool:
        return is_sha256(sha256) and self.path(sha256).is_file()

    def put(self, source: Path, sha256: str) -> Path:
        target = self.path(sha256)
        if target.exists():
            return target
        # Copy then rename: a crash never leaves a half-written blob under its final name.
        atomic.copy_file(source, target)
        return target

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)
