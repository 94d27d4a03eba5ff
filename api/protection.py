"""Security headers, the request id and CORS (for an allow-list of origins) on every
response; the CORS preflight and the query checks before an /api handler (see api.edge)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import hdrs, web
from multidict import istr

from api.keys import REQUEST_ID
from core import untrusted
from core.errors import ValidationFailed
from core.observability import REQUEST_ID_HEADER
from core.settings import Settings

ResponseHook = Callable[[web.Request, web.StreamResponse], Awaitable[None]]

TELEGRAM_FRAMERS = "https://web.telegram.org https://*.telegram.org"
# Pages load only their own code (Telegram's Mini App script is a vendored copy).
PAGE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "connect-src 'self' ws: wss:",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, Accept-Language"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"


def _is_mini_app(path: str) -> bool:
    return path == "/" or path.startswith(("/app/", "/static/"))


# Names as istr: a plain str is case-folded again on every lookup, on every response.
CSP = istr("Content-Security-Policy")
X_FRAME_OPTIONS = istr("X-Frame-Options")
_REQUEST_ID = istr(REQUEST_ID_HEADER)
IDEMPOTENCY_KEY = istr("Idempotency-Key")
Headers = tuple[tuple[istr, str], ...]
_EVERYWHERE: Headers = (
    (istr("Strict-Transport-Security"), "max-age=31536000; includeSubDomains"),
    (istr("X-Content-Type-Options"), "nosniff"),
    (istr("Referrer-Policy"), "strict-origin-when-cross-origin"),
)
_API: Headers = (*_EVERYWHERE, (CSP, API_CSP))
_MINI_APP: Headers = (
    *_EVERYWHERE,
    # Telegram's web clients show Mini Apps in a frame; nobody else may.
    (CSP, f"{PAGE_CSP}; frame-ancestors 'self' {TELEGRAM_FRAMERS}"),
)
_PAGE: Headers = (
    *_EVERYWHERE,
    (CSP, PAGE_CSP + "; frame-ancestors 'none'"),
    (X_FRAME_OPTIONS, "DENY"),
)


def response_headers(settings: Settings) -> ResponseHook:
    """The one on_response_prepare hook: every response (errors and websocket handshakes
    included) gets the security headers (a header the handler set is kept, except that admin
    pages are never framed), the request id, and for an allowed origin on the API its CORS
    header, so error answers are readable cross-origin too."""
    origins = frozenset(settings.cors_origins)

    async def prepare(request: web.Request, response: web.StreamResponse) -> None:
        headers = response.headers
        path = request.path
        if path.startswith(("/api/", "/healthz", "/webhook/", "/ws")):
            defaults = _API
            origin = request.headers.get("Origin") if origins else None
            if origin in origins and path.startswith("/api/"):
                headers[hdrs.ACCESS_CONTROL_ALLOW_ORIGIN] = str(origin)
                vary = headers.get(hdrs.VARY)
                headers[hdrs.VARY] = f"{vary}, Origin" if vary else "Origin"
        elif path.startswith("/admin"):
            headers[X_FRAME_OPTIONS] = "DENY"
            defaults = _PAGE
        elif _is_mini_app(path):
            defaults = _MINI_APP
        else:
            defaults = _PAGE
        for name, value in defaults:
            headers.setdefault(name, value)
        try:  # not Request.get: a Python-level Mapping method, on every response
            headers[_REQUEST_ID] = request[REQUEST_ID]
        except KeyError:  # answered before the middleware (a malformed request)
            pass

    return prepare


def cors_preflight(request: web.Request, origins: frozenset[str]) -> web.Response | None:
    """The answer to an /api CORS preflight (only for the origins in CORS_ORIGINS, never
    "*"); None when the request is not one."""
    headers = request.headers
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in headers:
        return None
    origin = headers.get(hdrs.ORIGIN)
    return None if origin is None else _preflight(origin, origin in origins)


def check_query(request: web.Request) -> None:
    """Every query parameter and the Idempotency-Key header: no control characters (422
    naming the parameter), whatever the handler does with them later."""
    try:
        raw = request.rel_url.raw_query_string
        # Printable ASCII with nothing percent-encoded decodes to itself: nothing to find.
        if not (raw.isascii() and raw.isprintable() and "%" not in raw):
            for key, value in request.query.items():
                untrusted.check_text(key, key)
                untrusted.check_text(value, key)
        idempotency_key = request.headers.get(IDEMPOTENCY_KEY)
        if idempotency_key:
            untrusted.check_text(idempotency_key, "Idempotency-Key")
    except untrusted.UntrustedInput as exc:
        raise ValidationFailed(exc.message, fields={exc.field: exc.message}) from None


def _preflight(origin: str, allowed: bool) -> web.Response:
    if not allowed:
        return web.json_response(
            {"error": {"code": "cors_origin_denied", "message": "origin not allowed"}},
            status=403,
        )
    return web.Response(
        status=204,
        headers={
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ALLOWED_METHODS,
            "Access-Control-Allow-Headers": ALLOWED_HEADERS,
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        },
    )
