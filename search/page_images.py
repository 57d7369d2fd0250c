"""The cache of page images: each page of an archived PDF rendered as PNG, on disk by (document, page, width).

The web renders and fills it (web/page_images.py); ingest empties a withdrawn document's part of it, so that a
withdrawn document is nowhere on disk. Both know it by this module alone. Its size is bounded: past the bound,
the images used longest ago go first.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import atomic
from .blobs import is_sha256

WIDTHS = (400, 800, 1200)  # the sizes offered: a thumbnail, the reading view, a zoom


class PageImageCache:
    def __init__(self, root: Path, max_bytes: int):
        self.root = Path(root)
        self.max_bytes = max_bytes

    def path(self, sha256: str, page: int, width: int) -> Path:
        if not is_sha256(sha256) or page < 1 or width not in WIDTHS:
            raise ValueError("not a page image of the archive")
        return self.root / sha256[:2] / f"{sha256}-{page}-{width}.png"

    def get(self, sha256: str, page: int, width: int) -> Path | None:
        path = self.path(sha256, page, width)
        if not path.is_file():
            return None
        os.utime(path)  # used now: the last to go when the cache is trimmed
        return path

    def put(self, sha256: str, page: int, width: int, png: bytes) -> Path:
        path = self.path(sha256, page, width)
        with atomic.replacing(path, "wb") as handle:
            handle.write(png)
        self.trim()
        return path

    def purge(self, sha256: str) -> None:
        """Every image of a document (withdrawn: it must be nowhere)."""
        folder = self.root / sha256[:2]
        for path in folder.glob(f"{sha256}-*.png") if is_sha256(sha256) and folder.is_dir() else []:
            path.unlink(missing_ok=True)

    def size(self) -> int:
        return sum(p.stat().st_size for p in self._images())

    def trim(self) -> None:
        """Down to the bound, the least recently used first."""
        images = [(p.stat(), p) for p in self._images()]
        total = sum(stat.st_size for stat, _ in images)
        for stat, path in sorted(images, key=lambda item: item[0].st_mtime):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= stat.st_size

    def _images(self) -> list[Path]:
        return list(self.root.glob("*/*.png")) if self.root.is_dir() else []
