"""The store's fleet (services.fleet): vehicles (add, take out of service, give a driver one)
and the drivers' shifts with the cash each still holds."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from api.schemas.fleet import DriverVehicleIn, VehicleIn
from core.errors import DomainError
from core.permissions import Permission as P
from models import DriverShift
from services import fleet, listing
from webapp.console.base import (
    PREFIX,
    form_page,
    form_values,
    page,
    parse_form,
    path_int,
    redirect,
    schema_form,
    store_of,
    validate,
)
from webapp.console.drivers import cash_page
from webapp.console.tables import Action, Cell, Column, Table, active_toggle, table_view

routes = web.RouteTableDef()
TRANSPORTS = (("car", "car"), ("bike", "bike"), ("foot", "foot"))
VEHICLE_FORM = schema_form(
    VehicleIn, labels={"plate": "Number plate", "has_cooler": "Has a cooler (cold-chain goods)"}
)

VEHICLES = Table(
    name="vehicles",
    title="Vehicles",
    source=lambda viewer: fleet.vehicles_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("plate", "id"),
        default_sort="plate",
        search_fields=("plate", "description"),
        filters=(
            listing.Filter("transport", "Transport", "transport", TRANSPORTS),
            listing.active_filter("out of service"),
        ),
    ),
    columns=(
        Column("Plate", lambda v, c: v.plate or "—", sort="plate"),
        Column("Transport", lambda v, c: v.transport.value),
        Column("Description", lambda v, c: v.description),
        Column("Cooler", lambda v, c: "yes" if v.has_cooler else "no"),
        Column("In service", lambda v, c: "yes" if v.is_active else "no"),
    ),
    empty="No vehicle yet. Add the store's cars and bikes with “Add vehicle”, then give each "
    "driver one on the Drivers page.",
    actions=(Action("Add vehicle", lambda v: f"{PREFIX}/stores/{v.store_id}/vehicles/new"),),
    row_actions=(
        active_toggle(
            lambda r, v: f"{PREFIX}/stores/{v.store_id}/vehicles/{r.id}/active",
            "Out of service",
            "Back in service",
        ),
    ),
)


def _held(shift: DriverShift, cell: Cell) -> str:
    return cell.money(shift.cash_collected_cents - shift.cash_dropped_cents)


SHIFTS = Table(
    name="shifts",
    title="Driver shifts",
    source=lambda viewer: fleet.shifts_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("started_at", "cash_collected_cents"),
        default_sort="-started_at",
        search_fields=("driver__user__name",),
        filters=(
            listing.Filter(
                "state",
                "Shift",
                "ended_at__isnull",
                (("open", "open"), ("ended", "ended")),
                parse=lambda v: v == "open",
            ),
            listing.Filter("from", "From", "started_at__gte", kind="date"),
            listing.Filter("until", "Until", "started_at__lt", kind="date", day_end=True),
        ),
        related=("driver__user",),
    ),
    columns=(
        Column("Driver", lambda s, c: s.driver.user.name),
        Column("Started", lambda s, c: c.when(s.started_at), sort="started_at"),
        Column("Ended", lambda s, c: c.when(s.ended_at) if s.ended_at else "on shift"),
        Column(
            "Cash collected",
            lambda s, c: c.money(s.cash_collected_cents),
            sort="cash_collected_cents",
        ),
        Column("Handed in", lambda s, c: c.money(s.cash_dropped_cents)),
        Column("Cash held", _held),
    ),
    empty="No shift yet. Drivers start a shift in the driver bot; their cash shows here.",
    actions=(Action("Drivers and cash", lambda v: f"{PREFIX}/stores/{v.store_id}/drivers"),),
)


@routes.get("/stores/{store_id}/vehicles")
@page(P.MANAGE_STAFF)
async def vehicles_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, VEHICLES)


@routes.get("/stores/{store_id}/vehicles/new")
@page(P.MANAGE_STAFF)
async def new_vehicle_page(request: web.Request) -> web.StreamResponse:
    return _vehicle_form(request, {"transport": "car"})


def _vehicle_form(
    request: web.Request, values: Any, error: DomainError | None = None
) -> web.Response:
    return form_page(
        request,
        heading=f"New vehicle at {store_of(request).name}",
        submit="Add vehicle",
        fields=VEHICLE_FORM,
        values=values,
        error=error,
    )


@routes.post("/stores/{store_id}/vehicles/new")
@page(P.MANAGE_STAFF)
async def add_vehicle(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await parse_form(request, VehicleIn)
    except DomainError as exc:
        return _vehicle_form(request, await request.post(), exc)
    await fleet.add_vehicle(store.id, body.model_dump())
    raise redirect(f"{PREFIX}/stores/{store.id}/vehicles")


@routes.post("/stores/{store_id}/vehicles/{vehicle_id}/active")
@page(P.MANAGE_STAFF)
async def set_vehicle_active(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    active = (await request.post()).get("active") == "yes"
    await fleet.set_vehicle_active(store.id, path_int(request, "vehicle_id"), active)
    raise redirect(f"{PREFIX}/stores/{store.id}/vehicles")


@routes.get("/stores/{store_id}/shifts")
@page(P.VIEW_STORE_ORDERS)
async def shifts_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, SHIFTS)


@routes.post("/stores/{store_id}/drivers/vehicle")
@page(P.MANAGE_STAFF)
async def assign_vehicle(request: web.Request) -> web.StreamResponse:
    """From the Drivers page: the driver's vehicle (an empty choice: none). Errors come back on
    that page, naming the field."""
    store = store_of(request)
    try:
        body = validate(DriverVehicleIn, form_values(DriverVehicleIn, await request.post()))
        await fleet.assign_vehicle(store.id, body.driver_id, body.vehicle_id)
    except DomainError as exc:
        return await cash_page(request, errors=dict(exc.fields or {"form": exc.message}),
                               status=exc.status)  # fmt: skip
    raise redirect(f"{PREFIX}/stores/{store.id}/drivers")
