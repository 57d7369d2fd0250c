"""A time budget for the engine calls made on behalf of one web request: past it, a call is not made (or is cut
short) and the visitor gets the 503 page instead of a page that never comes.

The web sets it per request (`time_budget`); an engine asks `remaining()` before each call. Outside a budget
(ingest, the command line) calls wait as long as their own timeouts allow.
"""

from __future__ import annotations

import contextlib
import time
from contextvars import ContextVar
from typing import Iterator

_deadline: ContextVar[float | None] = ContextVar("openarchief_deadline", default=None)


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


@contextlib.contextmanager
def lifted() -> Iterator[None]:
    """No budget inside: for writes that wait their own timeouts even when a web request makes them."""
    token = _deadline.set(None)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left in the current budget (0 or less: used up), or None outside one."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()
