"""The API documentation (Swagger UI) served from the app itself: no CDN, no inline script, so it keeps the
same Content-Security-Policy and the no-third-party-requests rule as every other page."""

from __future__ import annotations

from pathlib import Path

import swagger_ui
from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API – openarchief</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <main id="swagger-ui"><h1>openarchief API</h1><p>De documentatie van de API vraagt JavaScript; de
  specificatie zelf staat in <a href="/api/openapi.json">/api/openapi.json</a>.</p></main>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/api/docs", name="swagger_ui_html")
def api_docs() -> HTMLResponse:
    return HTMLResponse(_PAGE)


def mount(app: FastAPI) -> None:
    # swagger-ui-py ships Swagger UI 5 (OpenAPI 3.1, as FastAPI writes it) among its package files.
    assets = Path(swagger_ui.__file__).parent / "static"
    app.mount("/api/docs/assets", StaticFiles(directory=assets), name="api_assets")
    app.include_router(router)
