"""Security headers on every response (pages, API, static files and error pages)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_PATH = "/api/v1/docs"
SWAGGER_CDN = "https://cdn.jsdelivr.net"

# Server-rendered pages: our own scripts and styles only, no inline code, no framing.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The API docs page loads Swagger UI from its CDN; its start-up script is still our own file.
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' {SWAGGER_CDN}; style-src 'self' {SWAGGER_CDN}; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def security_headers(path: str, *, hsts: bool) -> dict[str, str]:
    """The headers every response to ``path`` carries."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Content-Security-Policy": DOCS_CSP if path == DOCS_PATH else PAGE_CSP,
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "browsing-topics=(), interest-cohort=()",
    }
    if hsts:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (no response buffering) that sets :func:`security_headers`."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope["path"], hsts=self.hsts)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
