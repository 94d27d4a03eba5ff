"""One mapping from failures to JSON errors for everything under /api and /healthz:
`{"error": {"code", "message", "fields"?, ...}}`. Never a bare 500 page, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse
from pydantic import ValidationError

from api.locale import request_locale
from core.db import DATABASE_DOWN
from core.errors import DomainError, RateLimited
from services.error_texts import explain, explain_error

log = logging.getLogger(__name__)

JSON_PREFIXES = ("/api/", "/healthz", "/ws")


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    fields: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    if extra:
        body.update(extra)
    return web.json_response({"error": body}, status=status, headers=headers)


def validation_fields(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    """Pydantic errors as {"items.0.quantity": "Input should be greater than 0"}."""
    fields: dict[str, str] = {}
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        name = f"{prefix}.{loc}" if prefix and loc else (prefix or loc or "body")
        fields.setdefault(name, err["msg"])
    return fields


def domain_error_response(exc: DomainError, locale: str = "en") -> web.Response:
    """`text` is what a person reads, in `locale`; `message` is for developers."""
    headers = None
    if isinstance(exc, RateLimited):
        headers = {"Retry-After": str(max(1, round(exc.retry_after + 0.499)))}
    return error_response(
        exc.status,
        exc.code,
        exc.message,
        fields=exc.fields,
        extra={**exc.extra, "text": explain_error(exc, locale)},
        headers=headers,
    )


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def error_answer(request: web.Request, exc: Exception) -> web.StreamResponse:
    """What a handler's failure answers (called by `api.edge` for every request): under the
    JSON prefixes the JSON error shape, on pages a domain error as text a person reads. What
    it does not answer (redirects, ready-made JSON errors, a page's other failures) is raised
    again for aiohttp to answer."""
    if not request.path.startswith(JSON_PREFIXES):
        if isinstance(exc, DomainError):
            return web.Response(
                text=explain_error(exc, request_locale(request, "en")), status=exc.status
            )
        raise exc
    if isinstance(exc, DomainError):
        return domain_error_response(exc, request_locale(request, "en"))
    if isinstance(exc, ValidationError):
        return error_response(
            422,
            "validation_error",
            "invalid input",
            fields=validation_fields(exc),
            extra={"text": explain("validation_error", request_locale(request, "en"))},
        )
    if isinstance(exc, web.HTTPException):
        if exc.status < 400 or exc.content_type == "application/json":
            raise exc
        code = _HTTP_CODES.get(exc.status, "http_error")
        fields = {"body": "too large"} if exc.status == 413 else None
        return error_response(exc.status, code, exc.reason, fields=fields)
    if isinstance(exc, DATABASE_DOWN):
        log.warning("database unavailable on %s %s: %r", request.method, request.path, exc)
        return error_response(
            503,
            "database_unavailable",
            "the service is briefly unavailable; try again in a moment",
            headers={"Retry-After": "5"},
        )
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(500, "internal_error", "internal error")


_protocol_handle_error = RequestHandler.handle_error


def _json_protocol_error(
    self: RequestHandler,
    request: BaseRequest,
    status: int = 500,
    exc: BaseException | None = None,
    message: str | None = None,
) -> StreamResponse:
    """What aiohttp answers before any middleware runs (a request line over 8 KB, a bad
    header): the usual JSON error shape instead of its plain-text page."""
    plain = _protocol_handle_error(self, request, status, exc, message)
    if not 400 <= status < 500:
        return plain
    response = error_response(
        status, _HTTP_CODES.get(status, "http_error"), "the request could not be read"
    )
    response.force_close()
    return response


def use_json_protocol_errors() -> None:
    """Install the JSON answer for protocol-level errors (idempotent; see build_app)."""
    RequestHandler.handle_error = _json_protocol_error  # type: ignore[method-assign]
