from __future__ import annotations

from aiohttp import web

from api.http import doc
from api.keys import CTX
from core.degrade import degraded_since
from core.metrics import COUNTERS

routes = web.RouteTableDef()


@routes.get("/healthz")
@doc(
    "Database and Redis state: 200 (status ok, or degraded while Redis is away), 503 while "
    "the database is down",
    tags=["ops"],
    errors={503: "the database is unreachable"},
)
async def healthz(request: web.Request) -> web.Response:
    state = await request.config_dict[CTX].health()
    healthy = all(v in ("ok", "disabled") for v in state.values())
    fallbacks = sorted(degraded_since)
    # Without Redis the process still serves (on its fallbacks): degraded, yet ready.
    # Without the database it cannot: 503 takes it out of a load balancer's rotation.
    return web.json_response(
        {
            "status": "ok" if healthy and not fallbacks else "degraded",
            **state,
            "fallbacks": fallbacks,
            "bots": dict(COUNTERS),
        },
        status=503 if state["database"] != "ok" else 200,
    )
