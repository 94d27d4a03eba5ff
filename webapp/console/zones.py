"""Editing a store's delivery zone (the zones page in stores.py adds them): redraw its polygon
on the map or as GeoJSON, change its fee, minimum and ETA, stop or resume it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from api.schemas.setup import ZoneIn
from core.errors import DomainError
from core.permissions import Permission as P
from models import DeliveryZone
from services import backoffice, store_setup
from webapp.console.base import (
    PREFIX,
    form_errors,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    settings_of,
    store_of,
)
from webapp.console.stores import ZONE_FORM

routes = web.RouteTableDef()


def zone_values(zone: DeliveryZone) -> dict[str, Any]:
    return {
        "name": zone.name,
        "polygon": json.dumps(zone.polygon),
        "fee_cents": zone.fee_cents,
        "min_order_cents": zone.min_order_cents,
        "eta_minutes": zone.eta_minutes if zone.eta_minutes is not None else "",
    }


async def _zone_page(
    request: web.Request,
    zone: DeliveryZone,
    values: Mapping[str, Any],
    error: DomainError | None = None,
) -> web.Response:
    others = [z.polygon for z in await backoffice.zones(zone.store_id) if z.id != zone.id]
    context = {
        "zone": zone,
        "fields": ZONE_FORM,
        "values": dict(values),
        "errors": form_errors(error) if error else {},
        "zones_json": json.dumps(others),
        "tile_url": settings_of(request).map_tile_url,
    }
    status = error.status if error else 200
    return render(request, "console/stores/zone.html", context, status=status)


@routes.get("/stores/{store_id}/zones/{zone_id}")
@page(P.MANAGE_DELIVERY)
async def zone_page(request: web.Request) -> web.StreamResponse:
    zone = await store_setup.get_zone(store_of(request).id, path_int(request, "zone_id"))
    return await _zone_page(request, zone, zone_values(zone))


@routes.post("/stores/{store_id}/zones/{zone_id}")
@page(P.MANAGE_DELIVERY)
async def update_zone(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    zone = await store_setup.get_zone(store.id, path_int(request, "zone_id"))
    try:
        body = await parse_form(request, ZoneIn)
        await store_setup.update_zone(store, zone.id, body.model_dump())
    except DomainError as exc:  # ValidationFailed naming the field
        return await _zone_page(request, zone, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/zones?saved=1")


@routes.post("/stores/{store_id}/zones/{zone_id}/active")
@page(P.MANAGE_DELIVERY)
async def set_zone_active(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    active = (await request.post()).get("active") == "yes"
    await store_setup.set_zone_active(store.id, path_int(request, "zone_id"), active)
    raise redirect(f"{PREFIX}/stores/{store.id}/zones")
