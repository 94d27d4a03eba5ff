"""GET /metrics (Prometheus text format), and the label a request is counted under."""

from __future__ import annotations

import secrets

from aiohttp import web
from aiohttp.web_urldispatcher import MatchInfoError

from api.http import doc
from api.keys import CTX
from core.errors import Unauthorized
from core.observability import CONTENT_TYPE, outbox_families, render_metrics
from services.monitoring import outbox_backlog

routes = web.RouteTableDef()


def route_label(request: web.Request) -> str:
    """The route template (`/api/v1/orders/{order_id}`), never the raw path: label values stay
    few whatever clients ask for."""
    match_info = request.match_info
    resource = match_info.route.resource
    if resource is None or type(match_info) is MatchInfoError:  # not isinstance: an ABC
        return "unmatched"
    return resource.canonical


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
