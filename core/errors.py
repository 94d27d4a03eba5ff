"""One error hierarchy for the domain, mapped to HTTP in api.errors and to bot replies in
bot.common.errors. Services raise these; nobody raises bare HTTP errors from a service."""

from __future__ import annotations

import math
from typing import Any


class DomainError(Exception):
    """Base for every expected failure. `code` is stable and machine-readable."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.fields = fields
        self.extra = extra or {}


class ValidationFailed(DomainError):
    status = 422
    code = "validation_error"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"


class PreconditionRequired(DomainError):
    """A header the operation cannot do without (Idempotency-Key)."""

    status = 428
    code = "precondition_required"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Gone(DomainError):
    """Something that existed and has ended for good (a tracking link after delivery)."""

    status = 410
    code = "gone"


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"

    def __init__(
        self, retry_after: float, message: str = "too many requests", *, code: str | None = None
    ) -> None:
        # The wait is also in the body so that a page can say how long, not only Retry-After.
        super().__init__(message, code=code, extra={"retry_after": max(1, math.ceil(retry_after))})
        self.retry_after = retry_after


class Unavailable(DomainError):
    status = 503
    code = "unavailable"
