"""`/docs`: Swagger UI for /openapi.json, only when `settings.docs` is on (default off).

Its scripts, styles and icon come from the installed `fastapi-offline` package and
are served by the platform itself: the page makes no request to any other host (the
stock FastAPI page loads them from a public CDN).
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_URL = "/docs-static"


def install(app: FastAPI) -> None:
    """Serve Swagger UI at /docs with its files under /docs-static."""
    static = files("fastapi_offline") / "static"
    app.mount(STATIC_URL, StaticFiles(directory=str(static)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
            # Swagger UI would otherwise send the schema to swagger.io's validator.
            swagger_ui_parameters={"validatorUrl": None},
        )
