"""Parsing at the edge: JSON bodies, query strings and path ids into pydantic models, with
4xx errors that name the field. Plus an OpenAPI description attached to each handler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from pydantic import BaseModel, ValidationError

from api.errors import validation_fields
from core import untrusted
from core.errors import NotFound, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from core.untrusted import UntrustedInput

M = TypeVar("M", bound=BaseModel)
H = TypeVar("H", bound=Callable[..., Any])


def refused(exc: UntrustedInput) -> ValidationFailed:
    return ValidationFailed(exc.message, code=exc.code, fields={exc.field: exc.message})


async def parse_body(
    request: web.Request, model: type[M], *, max_depth: int = untrusted.MAX_DEPTH
) -> M:
    """The request's JSON body as `model`: 415 unless it is sent as application/json, 422 for
    malformed, too deep or control-character JSON and for bad fields, each naming the field."""
    raw = await request.read()
    if not raw:
        raise ValidationFailed("a JSON body is required", fields={"body": "required"})
    if request.content_type != "application/json":
        raise UnsupportedMediaType(
            "send the body as application/json",
            fields={"Content-Type": "must be application/json"},
        )
    try:
        data = untrusted.loads(raw, max_depth=max_depth)
    except UntrustedInput as exc:
        raise refused(exc) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("invalid input", fields=validation_fields(exc)) from None


# Multipart framing (boundaries, part headers) on top of the file itself.
_MULTIPART_OVERHEAD = 64 * 1024


async def read_upload(request: web.Request, field: str, max_bytes: int) -> bytes:
    """The bytes of the file sent in multipart/form-data field `field`: 415 for another
    content type, 413 beyond `max_bytes`, 422 naming the field when it is missing or empty.
    Streams the body, so the app-wide JSON body limit does not apply to uploads."""
    if request.content_type != "multipart/form-data":
        raise UnsupportedMediaType(
            "send the file as multipart/form-data",
            fields={"Content-Type": "must be multipart/form-data"},
        )
    too_large = PayloadTooLarge(
        "the file is too large", fields={field: f"at most {max_bytes // 1024} KB"}
    )
    if (request.content_length or 0) > max_bytes + _MULTIPART_OVERHEAD:
        raise too_large
    try:
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name != field:
                continue
            data = bytearray()
            while chunk := await part.read_chunk(64 * 1024):
                data += chunk
                if len(data) > max_bytes:
                    raise too_large
            if data:
                return bytes(data)
    except (ValueError, AssertionError, RuntimeError, UnicodeDecodeError, HttpProcessingError):
        # HttpProcessingError: a part's headers are not headers (InvalidHeader).
        raise ValidationFailed("the form could not be read", fields={"body": "malformed"}) from None
    raise ValidationFailed(f"send the file in the field {field!r}", fields={field: "required"})


def parse_query(request: web.Request, model: type[M]) -> M:
    """The query string as `model` (repeated keys become lists where the model says so).
    Control characters were already refused for every /api request (api.protection)."""
    data: dict[str, Any] = {}
    for key in request.query.keys():
        values = request.query.getall(key)
        data[key] = values if len(values) > 1 else values[0]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("invalid query", fields=validation_fields(exc)) from None


def path_id(request: web.Request, name: str) -> int:
    """A positive integer id (ASCII digits, in the column's range) from the path; anything
    else is simply not found."""
    value = untrusted.parse_id(request.match_info.get(name, ""), untrusted.MAX_ROW_ID)
    if value is None:
        raise NotFound(f"no such {name.removesuffix('_id')}", fields={name: "unknown id"})
    return value


def dump(model: BaseModel | list[BaseModel], status: int = 200) -> web.Response:
    if isinstance(model, list):
        body = "[" + ",".join(m.model_dump_json() for m in model) + "]"
    else:
        body = model.model_dump_json()
    return web.Response(text=body, status=status, content_type="application/json")


@dataclass
class Doc:
    summary: str
    tags: list[str] = field(default_factory=list)
    body: type[BaseModel] | None = None
    # A multipart/form-data upload: the name of its file field.
    upload: str | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    auth: bool = False
    errors: dict[int, str] = field(default_factory=dict)


def doc(summary: str, **kwargs: Any) -> Callable[[H], H]:
    """Describe a handler for /api/openapi.json."""

    def attach(handler: H) -> H:
        setattr(handler, "__openapi__", Doc(summary=summary, **kwargs))  # noqa: B010
        return handler

    return attach
