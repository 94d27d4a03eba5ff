"""/api/openapi.json: an OpenAPI 3.1 document built from the routes' @doc descriptions."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from api.http import Doc

routes = web.RouteTableDef()

_PARAM = re.compile(r"{(\w+)}")


def _schema(model: type[BaseModel], components: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        components[name] = definition
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _inline(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema, self-contained (no $ref), without pydantic's titles and
    its `null` branch (a query string has no null)."""
    schema = {k: v for k, v in schema.items() if k not in ("title", "default")}
    if "$ref" in schema:
        schema = _inline({**defs[schema.pop("$ref").rsplit("/", 1)[-1]], **schema}, defs)
    options = [_inline(o, defs) for o in schema.pop("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        schema.update(options[0])
    elif options:
        schema["anyOf"] = options
    return schema


def _common_errors(info: Doc, has_params: bool) -> dict[int, str]:
    """What any operation can answer besides its own errors (api.errors maps them all)."""
    errors = {
        400: "the request could not be read (bad request line or headers)",
        429: "rate_limited (Retry-After says when to try again)",
        503: "unavailable: a dependency is down; try again",
    }
    if has_params:
        errors[404] = "not_found: no such id (ids are ASCII digits)"
    if info.query is not None or info.body is not None or has_params:
        errors[422] = "validation_error: the fields named in `error.fields`"
    if info.body is not None:
        errors[400] = "invalid_json / the request could not be read"
        errors[413] = "payload_too_large"
        errors[415] = "unsupported_media_type: send application/json"
    if info.auth:
        errors[401] = "not_authenticated / invalid_token / token_expired"
        errors[403] = "forbidden: your role or store may not do this"
    return errors


def build_openapi(app: web.Application) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    components: dict[str, Any] = {}
    for route in app.router.routes():
        info = getattr(route.handler, "__openapi__", None)
        path = route.resource.canonical if route.resource is not None else None
        if info is None or path is None:
            continue
        op: dict[str, Any] = {"summary": info.summary, "tags": info.tags, "responses": {}}
        # Path ids are documented as strings: anything that is not one answers 404.
        params = [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in _PARAM.findall(path)
        ]
        if info.query is not None:
            query_schema = info.query.model_json_schema(by_alias=True)
            defs, properties = query_schema.get("$defs", {}), query_schema.get("properties", {})
            for name, field in info.query.model_fields.items():
                alias = field.alias or name
                params.append(
                    {
                        "name": alias,
                        "in": "query",
                        "required": field.is_required(),
                        "schema": _inline(properties.get(alias, {}), defs),
                    }
                )
        if params:
            op["parameters"] = params
        if info.body is not None:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(info.body, components)}},
            }
        if info.upload is not None:
            op["requestBody"] = {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": [info.upload],
                            "properties": {info.upload: {"type": "string", "format": "binary"}},
                        }
                    }
                },
            }
        ok: dict[str, Any] = {"description": "OK"}
        if info.response is not None:
            ok["content"] = {"application/json": {"schema": _schema(info.response, components)}}
        op["responses"][str(info.status)] = ok
        for status, text in {**_common_errors(info, bool(params)), **info.errors}.items():
            op["responses"][str(status)] = {
                "description": text,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        if info.auth:
            op["security"] = [{"bearer": []}]
        paths.setdefault(path, {})[route.method.lower()] = op
    components["Error"] = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Pharmacy Delivery API", "version": "1"},
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@routes.get("/api/openapi.json")
async def openapi_document(request: web.Request) -> web.Response:
    return web.json_response(build_openapi(request.app))
