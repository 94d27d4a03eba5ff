"""/api/openapi.json: an OpenAPI 3.1 document built from the routes' @doc descriptions."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web
from pydantic import BaseModel

routes = web.RouteTableDef()

_PARAM = re.compile(r"{(\w+)}")


def _schema(model: type[BaseModel], components: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        components[name] = definition
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def build_openapi(app: web.Application) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    components: dict[str, Any] = {}
    for route in app.router.routes():
        info = getattr(route.handler, "__openapi__", None)
        path = route.resource.canonical if route.resource is not None else None
        if info is None or path is None:
            continue
        op: dict[str, Any] = {"summary": info.summary, "tags": info.tags, "responses": {}}
        params = [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in _PARAM.findall(path)
        ]
        if info.query is not None:
            for name, field in info.query.model_fields.items():
                params.append(
                    {"name": field.alias or name, "in": "query", "required": field.is_required()}
                )
        if params:
            op["parameters"] = params
        if info.body is not None:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(info.body, components)}},
            }
        ok: dict[str, Any] = {"description": "OK"}
        if info.response is not None:
            ok["content"] = {"application/json": {"schema": _schema(info.response, components)}}
        op["responses"][str(info.status)] = ok
        for status, text in info.errors.items():
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
