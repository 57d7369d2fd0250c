"""For operators, not linked from the public pages: is the process up, can it answer searches."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from openarchief.search import EngineUnavailable

router = APIRouter(include_in_schema=False)


@router.get("/health/live")
async def live() -> dict:
    """The process answers (never waits on the engine)."""
    return {"status": "ok"}


@router.get("/metrics")
async def metrics(request: Request):
    """Prometheus text format: requests, latency, engine errors, the archive's figures."""
    return request.app.state.metrics.response()


@router.get("/health/ready")
def ready(request: Request):
    """The engine answers within the request's time budget: 200 with the number of documents, else 503."""
    try:
        documents = request.app.state.oa.index.count()
    except EngineUnavailable as exc:
        request.app.state.metrics.engine_failed(str(exc))
        return JSONResponse(
            {"status": "unavailable", "detail": str(exc)}, status_code=503, headers={"Retry-After": "30"}
        )
    return {"status": "ok", "documents": documents}
