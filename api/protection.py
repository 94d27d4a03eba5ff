"""Security headers on every response and CORS for an allow-list of origins."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from api.keys import SETTINGS
from core import untrusted
from core.errors import ValidationFailed

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


Headers = tuple[tuple[str, str], ...]
_EVERYWHERE: Headers = (
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)
_API: Headers = (*_EVERYWHERE, ("Content-Security-Policy", API_CSP))
_MINI_APP: Headers = (
    *_EVERYWHERE,
    # Telegram's web clients show Mini Apps in a frame; nobody else may.
    ("Content-Security-Policy", f"{PAGE_CSP}; frame-ancestors 'self' {TELEGRAM_FRAMERS}"),
)
_PAGE: Headers = (
    *_EVERYWHERE,
    ("Content-Security-Policy", PAGE_CSP + "; frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
)


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every response, errors and websockets included. A header the
    handler set is kept, except that admin pages are never framed."""
    headers = response.headers
    path = request.path
    if path.startswith(("/api/", "/healthz", "/webhook/", "/ws")):
        defaults = _API
    elif path.startswith("/admin"):
        headers["X-Frame-Options"] = "DENY"
        defaults = _PAGE
    elif _is_mini_app(path):
        defaults = _MINI_APP
    else:
        defaults = _PAGE
    for name, value in defaults:
        headers.setdefault(name, value)


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """CORS for the API, only for the origins in CORS_ORIGINS (never "*")."""
    origin = request.headers.get("Origin")
    if origin is None or not request.path.startswith("/api/"):
        return await handler(request)
    allowed = origin in request.config_dict[SETTINGS].cors_origins
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
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
    response = await handler(request)
    if allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


@web.middleware
async def clean_query(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every /api query parameter and the Idempotency-Key header: no control characters
    (422 naming the parameter), whatever the handler does with them later."""
    if request.path.startswith("/api/"):
        try:
            for key, value in request.query.items():
                untrusted.check_text(key, key)
                untrusted.check_text(value, key)
            idempotency_key = request.headers.get("Idempotency-Key")
            if idempotency_key:
                untrusted.check_text(idempotency_key, "Idempotency-Key")
        except untrusted.UntrustedInput as exc:
            raise ValidationFailed(exc.message, fields={exc.field: exc.message}) from None
    return await handler(request)
