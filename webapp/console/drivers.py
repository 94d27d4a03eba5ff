"""Drivers of a store, their vehicle and the cash each holds; a manager records a hand-in
(services.cash) or gives a driver a vehicle (webapp/console/fleet.py posts from here)."""

from __future__ import annotations

from aiohttp import web

from api.schemas.orders import AssignIn
from core.errors import DomainError
from core.permissions import Permission as P
from services import cash, fleet
from webapp.console.base import (
    form_errors,
    form_values,
    page,
    render,
    store_money,
    store_of,
    validate,
    viewer_of,
)
from webapp.console.tables import csv_response

routes = web.RouteTableDef()


async def cash_page(
    request: web.Request, *, notice: str = "", errors: dict[str, str] | None = None,
    status: int = 200,
) -> web.Response:  # fmt: skip
    viewer = viewer_of(request)
    balances = await cash.driver_balances(viewer.principal, store_of(request).id)
    vehicles = await fleet.active_vehicles(store_of(request).id)
    context = {
        "balances": balances,
        "vehicles": vehicles,
        "notice": notice,
        "errors": errors or {},
    }
    return render(request, "console/drivers/cash.html", context, status=status)


@routes.get("/stores/{store_id}/drivers")
@page(P.VIEW_STORE_ORDERS)
async def drivers_page(request: web.Request) -> web.StreamResponse:
    if request.query.get("format") == "csv":
        return await _cash_csv(request)
    return await cash_page(request)


async def _cash_csv(request: web.Request) -> web.Response:
    store = store_of(request)
    balances = await cash.driver_balances(viewer_of(request).principal, store.id)
    plates = {v.id: v.plate or v.transport.value for v in await fleet.active_vehicles(store.id)}
    fmt = store_money(store)
    return csv_response(
        "drivers",
        ["Driver", "Transport", "Vehicle", "Status", "On shift", "Cash held"],
        (
            [
                b.name,
                b.driver.transport.value,
                plates.get(b.driver.vehicle_id or 0, ""),
                b.driver.status.value,
                "yes" if b.on_shift else "no",
                fmt(b.balance_cents),
            ]
            for b in balances
        ),
    )


@routes.post("/stores/{store_id}/drivers/cash")
@page(P.MANAGE_STAFF)
async def hand_in(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    try:
        # The same driver reference the staff API's assignment takes.
        body = validate(AssignIn, form_values(AssignIn, await request.post()))
        amount = await cash.hand_in_cash(viewer.principal, store_of(request).id, body.driver_id)
    except DomainError as exc:
        return await cash_page(request, errors=form_errors(exc), status=exc.status)
    return await cash_page(
        request, notice=f"Recorded {store_money(viewer.store)(amount)} handed in."
    )
