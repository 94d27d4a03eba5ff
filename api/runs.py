"""Delivery runs: a dispatcher gives one driver several ready orders as one trip."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.schemas.runs import RunIn, RunOut
from models.enums import Role
from services import runs

routes = web.RouteTableDef()
STAFF = (Role.ADMIN, Role.MANAGER, Role.DISPATCHER)


@routes.post("/api/v1/staff/runs")
@doc(
    "Give an on-shift driver 2–20 ready orders of their store as one run: stops in "
    "nearest-neighbour order from the store, an ETA each (orders without coordinates last, "
    "without an ETA); all or none",
    tags=["staff"],
    body=RunIn,
    response=RunOut,
    auth=True,
    errors={
        403: "forbidden",
        404: "driver_id unknown, run_order_not_found (not this store's orders)",
        409: "order_taken (another run or dispatcher has an order), order_changed",
        422: "run_size, run_duplicate, order_not_ready, driver_offline, cold-chain checks",
    },
)
async def create_run(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF)
    body = await parse_body(request, RunIn)
    view = await runs.assign_run_for_driver(
        principal=principal,
        driver_id=body.driver_id,
        order_ids=body.order_ids,
        settings=request.config_dict[CTX].settings,
    )
    return dump(RunOut.of(view), status=201)


@routes.get("/api/v1/staff/runs/{run_id}")
@doc(
    "A run with its stops in route order and their ETAs (its store's staff, its driver)",
    tags=["staff"],
    response=RunOut,
    auth=True,
    errors={404: "run_not_found"},
)
async def get_run(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF, Role.DRIVER)
    return dump(RunOut.of(await runs.get_run(principal, path_id(request, "run_id"))))
