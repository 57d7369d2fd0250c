"""`/metrics` in the Prometheus text format, for operators (not linked from the public pages): requests by route
and status with their latency, engine failures, the search cache's hits and misses, and what the archive holds
(from the status file ingest writes).

Each web process counts its own requests (with `serve --workers N`, a scrape reaches one of them); the archive
figures are the same from every process.
"""

from __future__ import annotations

import time
from typing import Callable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from starlette.responses import Response

from openarchief.search import Settings, status

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class ArchiveFigures:
    """A collector: what the archive holds, read from the status ingest saved, at scrape time."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def collect(self):
        found = status.load(self.settings)
        yield GaugeMetricFamily("openarchief_documents", "Documents in the archive.", value=found.documents)
        yield GaugeMetricFamily("openarchief_pages", "Pages of the documents in the archive.", value=found.pages)
        yield GaugeMetricFamily("openarchief_withdrawn_documents", "Documents withdrawn.", value=len(found.withdrawn))
        yield GaugeMetricFamily(
            "openarchief_pages_needing_ocr", "Pages without a text layer.", value=found.needs_ocr_pages
        )
        failed = GaugeMetricFamily("openarchief_failed_files", "Files that failed, by reason.", labels=["reason"])
        for reason, count in sorted(found.failures.items()):
            failed.add_metric([reason], count)
        yield failed


class SearchCacheFigures:
    """A collector: the search cache's hits and misses per level (search/_cache.py), read at scrape time from
    `stats()` (None while the index is not opened yet: zeros)."""

    LEVELS = ("answers", "facets")

    def __init__(self, stats: Callable[[], dict | None]):
        self.stats = stats

    def collect(self):
        found = self.stats() or {level: {"hits": 0, "misses": 0, "entries": 0} for level in self.LEVELS}
        families = {
            "hits": CounterMetricFamily(
                "openarchief_search_cache_hits", "Searches answered from the search cache.", labels=["level"]
            ),
            "misses": CounterMetricFamily(
                "openarchief_search_cache_misses", "Searches the engine had to answer.", labels=["level"]
            ),
            "entries": GaugeMetricFamily(
                "openarchief_search_cache_entries", "Answers the search cache keeps now.", labels=["level"]
            ),
        }
        for level in self.LEVELS:
            for figure, family in families.items():
                family.add_metric([level], found[level][figure])
        yield from families.values()


class Metrics:
    def __init__(self, settings: Settings, search_cache: Callable[[], dict | None] = lambda: None):
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "openarchief_http_requests",
            "HTTP requests answered.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "openarchief_http_request_duration_seconds",
            "Time to answer a request.",
            ["route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.engine_errors = Counter(
            "openarchief_engine_errors", "Requests the search engine failed (503).", ["kind"], registry=self.registry
        )
        self.registry.register(ArchiveFigures(settings))
        self.registry.register(SearchCacheFigures(search_cache))

    def engine_failed(self, message: str) -> None:
        timeout = "time budget" in message or "timed out" in message.lower() or "ConnectionTimeout" in message
        self.engine_errors.labels("timeout" if timeout else "unavailable").inc()

    def response(self) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


class RequestMetrics:
    """ASGI: counts and times every HTTP request under its route's template (not its path: /documenten/{doc_id}
    is one series, whatever the ids)."""

    def __init__(self, app, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, answered = time.monotonic(), {"status": 500}

        async def send_noting_status(message):
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or (
                "/static" if scope["path"].startswith("/static/") else "unmatched"
            )
            self.metrics.requests.labels(route, scope["method"], str(answered["status"])).inc()
            self.metrics.latency.labels(route).observe(time.monotonic() - started)
