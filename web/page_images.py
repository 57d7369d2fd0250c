"""The original page: a page of an archived PDF rendered as a PNG image on demand (pypdfium2), cached on disk.

Text from PDFs is hostile and so are PDFs: rendering runs in a separate process with a time and a memory limit
(as the ingest workers do), so a page that would render forever or take all memory costs one failed request,
never the web process. The image is immutable (the document is its content hash), so it is served with long
cache headers.
"""

from __future__ import annotations

import io
import multiprocessing
import resource
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

RENDER_SECONDS = 10.0  # a scanned A4 page renders in well under a second on this machine kind
RENDER_MEMORY_MB = 768
MAX_PIXELS = 1200 * 2000  # a page of an absurd shape is not rendered past this


class RenderFailed(Exception):
    """The page could not be rendered (damaged, hostile, too slow, too large): said in one line."""


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def render_png(pdf: str, page: int, width: int) -> bytes:
    """Page `page` (1-based) of `pdf` as a PNG `width` pixels wide. Runs in the rendering process."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= page <= len(document):
            raise RenderFailed(f"the PDF has no page {page}")
        sheet = document[page - 1]
        page_width, page_height = sheet.get_size()
        if page_width <= 0 or page_height <= 0:
            raise RenderFailed("the page has no size")
        scale = width / page_width
        if width * page_height * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (page_width * page_height)) ** 0.5
        image = sheet.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.convert("RGB" if image.mode not in ("L", "RGB") else image.mode).save(out, "PNG", optimize=False)
        return out.getvalue()
    finally:
        document.close()


class PageRenderer:
    """A small pool of rendering processes, started on first use (a web process that shows no page image never
    starts one)."""

    def __init__(self, workers: int = 1, timeout: float = RENDER_SECONDS, memory_mb: int = RENDER_MEMORY_MB):
        self._workers, self._timeout, self._memory_mb = workers, timeout, memory_mb
        self._pool: ProcessPool | None = None
        self._lock = threading.Lock()

    def _started(self) -> ProcessPool:
        with self._lock:
            if self._pool is None:
                # From a clean server process, not forked from this one with its threads.
                context = multiprocessing.get_context("forkserver")
                self._pool = ProcessPool(
                    max_workers=self._workers,
                    initializer=_limit_memory,
                    initargs=(self._memory_mb,),
                    context=context,
                )
            return self._pool

    def render(self, pdf: Path, page: int, width: int) -> bytes:
        future = self._started().schedule(render_png, args=(str(pdf), page, width), timeout=self._timeout)
        try:
            return future.result()
        except (FutureTimeout, TimeoutError) as exc:
            raise RenderFailed(f"rendering took longer than {self._timeout:.0f} s") from exc
        except ProcessExpired as exc:
            raise RenderFailed("the rendering process stopped (too much memory?)") from exc
        except MemoryError as exc:
            raise RenderFailed("rendering needed more memory than allowed") from exc
        except RenderFailed:
            raise
        except Exception as exc:  # pypdfium2 says a damaged PDF in its own exception types
            raise RenderFailed(f"the page could not be rendered: {type(exc).__name__}") from exc

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.stop()
                self._pool.join()
                self._pool = None
