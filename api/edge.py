"""The one middleware every request passes through. One layer, not one per concern: each
layer costs every request a call and a coroutine.

In order: the request id (the caller's when plain, else a new one; in the logs and echoed on
the response); for /api, the CORS preflight, the query checks and the rate limits; the
handler; any failure answered by `error_answer` (the JSON error shape under /api); and the
request's count and latency by route.
"""

from __future__ import annotations

import time

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from api.errors import error_answer
from api.keys import REQUEST_ID
from api.metrics import route_label
from api.protection import check_query, cors_preflight
from api.ratelimit import ApiLimits
from core.context import AppContext
from core.observability import (
    REQUEST_ID_HEADER,
    accept_request_id,
    count_http_request,
    request_id_var,
)


def edge(ctx: AppContext) -> Middleware:
    origins = frozenset(ctx.settings.cors_origins)
    limits = ApiLimits(ctx)

    @web.middleware
    async def handle(request: web.Request, handler: Handler) -> web.StreamResponse:
        request_id = accept_request_id(request.headers.get(REQUEST_ID_HEADER))
        request[REQUEST_ID] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            try:
                if not request.path.startswith("/api/"):
                    response = await handler(request)
                elif (preflight := cors_preflight(request, origins)) is not None:
                    response = preflight
                else:
                    check_query(request)
                    await limits.count(request)
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
                route_label(request), request.method, status, time.perf_counter() - started
            )
            request_id_var.reset(token)

    return handle
