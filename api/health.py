from __future__ import annotations

import os

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
    ctx = request.config_dict[CTX]
    state = await ctx.health()
    healthy = all(v in ("ok", "disabled") for v in state.values())
    fallbacks = sorted(degraded_since)
    # Without Redis the process still serves (on its fallbacks): degraded, yet ready.
    # Without the database it cannot: 503 takes it out of a load balancer's rotation.
    # pid and the per-process counters tell the workers of `serve --workers N` apart.
    return web.json_response(
        {
            "status": "ok" if healthy and not fallbacks else "degraded",
            **state,
            "fallbacks": fallbacks,
            "pid": os.getpid(),
            "bots": dict(COUNTERS),
            "jobs": dict(ctx.scheduler.runs),
        },
        status=503 if state["database"] != "ok" else 200,
    )
