from __future__ import annotations

import os

from aiohttp import web

from api.http import doc
from api.keys import CTX
from core.metrics import COUNTERS

routes = web.RouteTableDef()


@routes.get("/healthz")
@doc("Database and Redis state; 503 when one is down", tags=["ops"])
async def healthz(request: web.Request) -> web.Response:
    ctx = request.config_dict[CTX]
    state = await ctx.health()
    healthy = all(v in ("ok", "disabled") for v in state.values())
    # pid and the per-process counters tell the workers of `serve --workers N` apart.
    return web.json_response(
        {
            "status": "ok" if healthy else "degraded",
            **state,
            "pid": os.getpid(),
            "bots": dict(COUNTERS),
            "jobs": dict(ctx.scheduler.runs),
        },
        status=200 if healthy else 503,
    )
