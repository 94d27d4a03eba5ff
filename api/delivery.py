"""Delivery: time slots and an address quote (zone, fee, minimum, ETA)."""

from __future__ import annotations

from aiohttp import web

from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.locale import request_locale
from api.schemas.orders import QuoteIn, QuoteOut, SlotList, SlotOut
from models.enums import TransportType
from services import delivery
from services.stores import get_store

routes = web.RouteTableDef()


@routes.get("/api/v1/stores/{store_id}/slots")
@doc(
    "The next bookable delivery slots with remaining capacity", tags=["delivery"], response=SlotList
)
async def slots(request: web.Request) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    items = [
        SlotOut(
            id=s.id,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=s.capacity,
            remaining=s.capacity - s.reserved,
        )
        for s in await delivery.bookable_slots(store.id)
    ]
    return dump(SlotList(items=items, timezone=store.timezone))


@routes.post("/api/v1/stores/{store_id}/delivery/quote")
@doc(
    "Check an address: its zone, fee, minimum order, ETA and when an as-soon-as-possible "
    "order comes (now, or from the store's next opening)",
    tags=["delivery"],
    body=QuoteIn,
    response=QuoteOut,
    errors={422: "zone_unavailable or address_not_found"},
)
async def quote(request: web.Request) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    body = await parse_body(request, QuoteIn)
    ctx = request.config_dict[CTX]
    found = await delivery.quote(
        store,
        text=body.address.text,
        lat=body.address.lat,
        lng=body.address.lng,
        geocoder=ctx.geocoder,
        settings=ctx.settings,
        transport=TransportType(body.transport),
        locale=request_locale(request, store.default_locale),
    )
    return dump(
        QuoteOut(
            zone_id=found.zone.id,
            zone_name=found.zone.name,
            fee_cents=found.zone.fee_cents,
            min_order_cents=found.zone.min_order_cents,
            lat=found.lat,
            lng=found.lng,
            distance_km=found.distance_km,
            eta_minutes=found.eta_minutes,
            address_text=found.address_text,
            open_now=found.asap.open_now,
            asap_from=found.asap.starts_at,
        )
    )
