from __future__ import annotations

from aiohttp import web

from api.http import doc
from api.keys import CTX
from core.metrics import COUNTERS

routes = web.RouteTableDef()


@routes.get("/healthz")
@doc("Database and Redis state; 503 when one is down", tags=["ops"])
async def healthz(request: web.Request) -> web.Response:
    state = await request.config_dict[CTX].health()
    healthy = all(v in ("ok", "disabled") for v in state.values())
    return web.json_response(
        {"status": "ok" if healthy else "degraded", **state, "bots": dict(COUNTERS)},
        status=200 if healthy else 503,
    )
