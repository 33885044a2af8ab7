"""What every response and every request body passes through: security headers and a UTF-8 body check.

Both are plain ASGI middleware (no per-request task or thread), so the event list stays cheap.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from trucewatch.config import Settings

Scope = dict[str, Any]

#: The dashboard loads only its own files; the API docs pages load Swagger UI / ReDoc from their CDN.
_DOCS_PATHS = ("/docs", "/redoc")
_DOCS_CDN = "https://cdn.jsdelivr.net"
#: Largest request body accepted by default (the article text limit is 5,000,000 characters); the app
#: passes the setting ``api_max_body_bytes``.
MAX_BODY_BYTES: int = Settings.api_max_body_bytes
NOT_UTF8 = "the request body is not valid UTF-8: send JSON encoded as UTF-8"


def tile_source(tile_url: str | None) -> str:
    """The CSP source that allows an online tile layer ("https://{s}.tile.example.org/..." ->
    "https://*.tile.example.org"); empty without one."""
    if not tile_url:
        return ""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https"):
        return ""
    labels = parts.netloc.rsplit("@", 1)[-1].split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    if not all(labels) or any("{" in label or "}" in label for label in labels):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{'.'.join(labels)}"


def policy(tile_url: str | None = None, *, docs: bool = False) -> str:
    """The Content-Security-Policy: own files only (plus the tile server's images, and the docs' CDN)."""
    img = " ".join(x for x in ("'self'", "data:", tile_source(tile_url)) if x)
    if docs:
        script = f"'self' {_DOCS_CDN} 'unsafe-inline'"
        style = f"'self' {_DOCS_CDN} 'unsafe-inline'"
        img += " https://fastapi.tiangolo.com"
    else:
        script = "'self'"
        style = "'self' 'unsafe-inline'"  # Leaflet positions its panes with inline styles
    return (
        f"default-src 'self'; script-src {script}; style-src {style}; img-src {img}; connect-src 'self'; "
        "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class SecurityHeaders:
    """Adds CSP, ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy`` to every response."""

    def __init__(self, app: Any, tile_url: str | None = None) -> None:
        self.app = app
        common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        self.page = [(b"content-security-policy", policy(tile_url).encode()), *common]
        self.docs = [(b"content-security-policy", policy(tile_url, docs=True).encode()), *common]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs if scope.get("path", "").startswith(_DOCS_PATHS) else self.page

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Utf8Body:
    """Reads a request body once and answers 400 when it is not UTF-8 (413 when too large) before the
    application parses it; a good body is passed on unchanged."""

    def __init__(self, app: Any, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _error(send, 413, f"request body larger than {self.max_bytes:,} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            await _error(send, 400, NOT_UTF8)
            return
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _error(send: Any, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())],
    })
    await send({"type": "http.response.body", "body": payload})
