"""What a POST (the "Meld een fout" form) must get past before it is read: a small body, sent from this site.

Plain ASGI, before any form parsing: a 100 MB body is refused by its Content-Length, never read; a form posted
from another site (a browser always says where from, in Origin or Referer) is refused.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse

MAX_POST_BYTES = 32 * 1024  # a report of 5,000 characters, form-encoded, fits with room to spare

_REFUSALS = {
    411: ("Lengte ontbreekt", "Een melding moet haar lengte opgeven (Content-Length)."),
    413: ("Melding te groot", "Deze melding is te groot. Houd de beschrijving korter dan 5.000 tekens."),
    403: ("Niet toegestaan", "Meldingen kunnen alleen via het formulier op deze website worden verstuurd."),
}


def _refusal(status: int) -> HTMLResponse:
    title, text = _REFUSALS[status]
    body = (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title} – openarchief</title></head>'
        f'<body><main><h1>{title}</h1><p>{text}</p><p><a href="/">Naar de zoekpagina</a></p></main></body></html>'
    )
    return HTMLResponse(body, status_code=status)


class PostLimits:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        status = self._refused(headers)
        if status:
            return await _refusal(status)(scope, receive, send)
        return await self.app(scope, receive, send)

    @staticmethod
    def _refused(headers: dict[str, str]) -> int | None:
        length = headers.get("content-length", "")
        if not length.isdigit():
            return 411
        if int(length) > MAX_POST_BYTES:
            return 413
        host = headers.get("host", "")
        for name in ("origin", "referer"):
            if headers.get(name):
                # The first of the two a browser sent decides; "null" (a sandboxed or privacy-stripped origin)
                # is not this site.
                return None if urlsplit(headers[name]).netloc == host else 403
        return None


class RateLimit:
    """At most `per_hour` events per key in any hour, remembered in this process only and for an hour only."""

    def __init__(self, per_hour: int, max_keys: int = 10_000):
        self.per_hour = per_hour
        self.max_keys = max_keys
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            times = self._seen.pop(key, deque())
            while times and now - times[0] > 3600:
                times.popleft()
            allowed = len(times) < self.per_hour
            if allowed:
                times.append(now)
            self._seen[key] = times  # re-inserted: the dict keeps the most recently seen keys last
            while len(self._seen) > self.max_keys:
                del self._seen[next(iter(self._seen))]
            return allowed
