"""GET /metrics (Prometheus text format) and the middleware that counts every request and gives
it a request id."""

from __future__ import annotations

import secrets
import time

from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError

from api.errors import error_answer
from api.http import doc
from api.keys import CTX, REQUEST_ID
from core.errors import Unauthorized
from core.observability import (
    CONTENT_TYPE,
    REQUEST_ID_HEADER,
    accept_request_id,
    count_http_request,
    outbox_families,
    render_metrics,
    request_id_var,
)
from services.monitoring import outbox_backlog

routes = web.RouteTableDef()


def _route_label(request: web.Request) -> str:
    """The route template (`/api/v1/orders/{order_id}`), never the raw path: label values stay
    few whatever clients ask for."""
    match_info = request.match_info
    resource = match_info.route.resource
    if resource is None or isinstance(match_info, MatchInfoError):
        return "unmatched"
    return resource.canonical


@web.middleware
async def observe(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The outermost step of every request: its id (the caller's when plain, else a new one,
    in the logs and echoed on the response), failures answered by `error_answer`, and its
    count and latency by route."""
    request_id = accept_request_id(request.headers.get(REQUEST_ID_HEADER))
    request[REQUEST_ID] = request_id
    token = request_id_var.set(request_id)
    started = time.perf_counter()
    status = 500
    try:
        try:
            response = await handler(request)
        except Exception as exc:  # each kind is answered, or raised again, there
            response = error_answer(request, exc)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        count_http_request(
            _route_label(request), request.method, status, time.perf_counter() - started
        )
        request_id_var.reset(token)


@routes.get("/metrics")
@doc(
    "Prometheus metrics (text format); with METRICS_TOKEN set, send it as a Bearer token",
    tags=["ops"],
    errors={401: "unauthorized: the metrics token is missing or wrong"},
)
async def metrics(request: web.Request) -> web.Response:
    token = request.config_dict[CTX].settings.metrics_token
    if token:
        sent = request.headers.get("Authorization", "")
        if not secrets.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            raise Unauthorized("send the metrics token as `Authorization: Bearer <token>`")
    body = render_metrics(outbox_families(await outbox_backlog()))
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})
