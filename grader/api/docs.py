"""The documentation pages' policy: Swagger UI and ReDoc may load only what the service serves.

The pages' scripts and styles are the ones `fastapi_offline` bundles and the service serves
under /static-offline-docs, so they work on a closed network. ReDoc's sidebar still links an
image on its maker's CDN; the Content-Security-Policy keeps the browser from requesting it
(the image hides itself when it fails to load).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

PAGES = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})

# Inline script and style: both pages start from an inline <script>; ReDoc writes its styles
# inline; it runs its search in a worker made from a blob.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
    )
)

CallNext = Callable[[Request], Awaitable[Response]]


def install(app: FastAPI) -> None:
    """Send the policy with each documentation page."""

    @app.middleware("http")
    async def keep_docs_local(request: Request, call_next: CallNext) -> Response:
        response = await call_next(request)
        if request.url.path in PAGES:
            response.headers["Content-Security-Policy"] = POLICY
        return response
