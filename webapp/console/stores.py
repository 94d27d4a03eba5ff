"""Stores, their delivery zones and weekly slot rules: the forms render the JSON API's
schemas (api/schemas/setup.py) and call services.store_setup, as the API does."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from aiohttp import web

from api.keys import SETTINGS
from api.schemas.setup import SlotRuleIn, SlotRulesIn, StoreIn, ZoneIn
from core.errors import DomainError, ValidationFailed
from core.permissions import Permission as P
from models import Store
from services import backoffice, listing, store_setup
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_errors,
    form_page,
    form_values,
    page,
    parse_form,
    redirect,
    render,
    schema_form,
    store_of,
    validate,
)
from webapp.console.tables import Action, Column, Table, table_view

routes = web.RouteTableDef()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BLANK_RULE_ROWS = 3

STORE_FORM = schema_form(
    StoreIn,
    optional=("lat", "lng"),  # looked up from the address when both are empty
    labels={
        "lat": "Latitude",
        "lng": "Longitude",
        "default_locale": "Language",
        "opening_hours": "Opening hours (JSON)",
        "default_tax_rate": "Default VAT %",
        "prescription_review_minutes": "Prescription review limit (minutes)",
        "cold_chain_max_slot_minutes": "Longest slot for cold-chain goods (minutes)",
        "auto_dispatch": "Auto-dispatch ready orders",
        "offer_timeout_seconds": "Time a driver has to accept an offer (seconds)",
        "proof_photo_required": "Proof-of-delivery photo required before “Delivered”",
    },
    help={
        "lat": "leave latitude and longitude empty to look them up from the address",
        "timezone": "an IANA zone, e.g. Europe/Madrid",
        "currency": "ISO code, e.g. EUR",
        "default_tax_rate": "invoices use it for products without a VAT rate of their own",
        "opening_hours": '{"mon": [["09:00", "21:00"]], ...}',
        "slug": "lower-case letters, digits and dashes",
        "auto_dispatch": "offer each ready order to the best driver on shift, one at a time",
    },
)
ZONE_FORM = schema_form(
    ZoneIn,
    labels={
        "polygon": "Polygon (GeoJSON, [lng, lat])",
        "fee_cents": "Delivery fee (cents)",
        "min_order_cents": "Minimum order (cents)",
        "eta_minutes": "ETA (minutes)",
    },
    help={"polygon": "draw on the map, or paste a GeoJSON Polygon"},
)

STORES = Table(
    name="stores",
    title="Stores",
    source=lambda viewer: backoffice.stores_query(viewer.principal),
    listing=listing.Listing(
        sortable=("name", "slug", "created_at"),
        default_sort="name",
        search_fields=("name", "slug", "address_text"),
        filters=(listing.active_filter(),),
    ),
    columns=(
        Column(
            "Name", lambda s, c: s.name, sort="name", link=lambda s, v: f"{PREFIX}/stores/{s.id}"
        ),
        Column("Slug", lambda s, c: s.slug, sort="slug"),
        Column("Address", lambda s, c: s.address_text),
        Column("Timezone", lambda s, c: s.timezone),
        Column("Currency", lambda s, c: s.currency),
        Column("Active", lambda s, c: "yes" if s.is_active else "no"),
    ),
    empty="No store yet. Create the first one with “New store”.",
    actions=(
        Action("New store", lambda v: f"{PREFIX}/stores/new", lambda v: v.can(P.MANAGE_STORES)),
    ),
)


async def _store_body(request: web.Request) -> StoreIn:
    """The store form as StoreIn; with no coordinates they are looked up from the address."""
    values = form_values(StoreIn, await request.post())
    locale = str(values.get("default_locale", "en"))
    located: ValidationFailed | None = None
    try:
        await store_setup.fill_coordinates(ctx_of(request).geocoder, values, locale)
    except ValidationFailed as exc:
        located = exc
    try:
        body = validate(StoreIn, values)
    except ValidationFailed as exc:  # every problem at once, the address's included
        fields = {**((located.fields or {}) if located else {}), **(exc.fields or {})}
        raise ValidationFailed(exc.message, fields=fields) from None
    if located is not None:
        raise located
    return body


def store_values(store: Store) -> dict[str, Any]:
    return {
        "slug": store.slug,
        "name": store.name,
        "address": store.address_text,
        "lat": store.lat,
        "lng": store.lng,
        "timezone": store.timezone,
        "currency": store.currency,
        "default_locale": store.default_locale,
        "phone": store.phone,
        "legal_age": store.legal_age,
        "opening_hours": json.dumps(store.opening_hours or {}),
        "default_tax_rate": f"{Decimal(store.default_tax_rate).normalize():f}",
        "prescription_review_minutes": store.prescription_review_minutes,
        "cold_chain_max_slot_minutes": store.cold_chain_max_slot_minutes,
        "auto_dispatch": store.auto_dispatch,
        "offer_timeout_seconds": store.offer_timeout_seconds,
        "proof_photo_required": store.proof_photo_required,
    }


@routes.get("/stores")
@page()
async def stores_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, STORES)


@routes.get("/stores/new")
@page(P.MANAGE_STORES)
async def new_store_page(request: web.Request) -> web.StreamResponse:
    defaults = {
        "default_locale": "en",
        "legal_age": 18,
        "opening_hours": "{}",
        "prescription_review_minutes": 24 * 60,
        "cold_chain_max_slot_minutes": 120,
        "offer_timeout_seconds": 60,
    }
    return form_page(
        request, heading="New store", submit="Create store", fields=STORE_FORM, values=defaults
    )


@routes.post("/stores/new")
@page(P.MANAGE_STORES)
async def create_store(request: web.Request) -> web.StreamResponse:
    try:
        body = await _store_body(request)
        store = await store_setup.create_store(body.model_values())
    except DomainError as exc:  # ValidationFailed, Conflict slug_taken
        return await _store_form_again(request, exc, creating=True)
    raise redirect(f"{PREFIX}/stores/{store.id}?created=1")


async def _store_form_again(
    request: web.Request, exc: DomainError, *, creating: bool
) -> web.Response:
    form = await request.post()
    heading = "New store" if creating else f"Edit {store_of(request).name}"
    return form_page(
        request,
        heading=heading,
        submit="Create store" if creating else "Save",
        fields=STORE_FORM,
        values=form,
        error=exc,
    )


@routes.get("/stores/{store_id}")
@page(P.VIEW_STORE_ORDERS)
async def show_store(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    return render(
        request,
        "console/stores/show.html",
        {
            "zones": await backoffice.zones(store.id),
            "rules": await backoffice.slot_rules(store.id),
            "weekdays": WEEKDAYS,
        },
    )


@routes.get("/stores/{store_id}/edit")
@page(P.MANAGE_STORES)
async def edit_store_page(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    return form_page(
        request,
        heading=f"Edit {store.name}",
        submit="Save",
        fields=STORE_FORM,
        values=store_values(store),
    )


@routes.post("/stores/{store_id}/edit")
@page(P.MANAGE_STORES)
async def edit_store(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await _store_body(request)
        await store_setup.update_store(store, body.model_values())
    except DomainError as exc:  # ValidationFailed, Conflict slug_taken
        return await _store_form_again(request, exc, creating=False)
    raise redirect(f"{PREFIX}/stores/{store.id}?saved=1")


@routes.post("/stores/{store_id}/active")
@page(P.MANAGE_STORES)
async def set_active(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    form = await request.post()
    await store_setup.set_store_active(store, form.get("active") == "yes")
    raise redirect(f"{PREFIX}/stores/{store.id}")


# --- zones -------------------------------------------------------------------------------


async def _zones_page(
    request: web.Request,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    store = store_of(request)
    zones = await backoffice.zones(store.id)
    return render(
        request,
        "console/stores/zones.html",
        {
            "zones": zones,
            "fields": ZONE_FORM,
            "values": values or {},
            "errors": errors or {},
            "zones_json": json.dumps([z.polygon for z in zones]),
            "tile_url": request.config_dict[SETTINGS].map_tile_url,
        },
        status=status,
    )


@routes.get("/stores/{store_id}/zones")
@page(P.MANAGE_DELIVERY)
async def zones_page(request: web.Request) -> web.StreamResponse:
    return await _zones_page(request, values={"fee_cents": 0, "min_order_cents": 0})


@routes.post("/stores/{store_id}/zones")
@page(P.MANAGE_DELIVERY)
async def add_zone(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await parse_form(request, ZoneIn)
        await store_setup.add_zone(store, body.model_dump())
    except ValidationFailed as exc:
        form = await request.post()
        return await _zones_page(
            request, values=dict(form), errors=form_errors(exc), status=exc.status
        )
    raise redirect(f"{PREFIX}/stores/{store.id}/zones?added=1")


# --- slot rules --------------------------------------------------------------------------


def _rule_rows(form: Any) -> list[dict[str, Any]]:
    rows = []
    for i in range(7 * 48):
        row = {k: form.get(f"rules.{i}.{k}", "") for k in SlotRuleIn.model_fields}
        if all(v == "" for v in row.values()):
            if f"rules.{i}.weekday" not in form:
                break
            continue
        rows.append(row)
    return rows


@routes.get("/stores/{store_id}/slot-rules")
@page(P.MANAGE_DELIVERY)
async def slot_rules_page(request: web.Request) -> web.StreamResponse:
    rules = await backoffice.slot_rules(store_of(request).id)
    rows = [
        {
            "weekday": r.weekday,
            "start": r.start,
            "end": r.end,
            "length_minutes": r.length_minutes,
            "capacity": r.capacity,
        }
        for r in rules
    ]
    return _slots_render(request, rows)


def _slots_render(
    request: web.Request,
    rows: list[dict[str, Any]],
    errors: dict[str, str] | None = None,
    status: int = 200,
    created: int | None = None,
) -> web.Response:
    blank = {"weekday": "", "start": "", "end": "", "length_minutes": "", "capacity": ""}
    rows = [*rows, *([blank] * BLANK_RULE_ROWS)]
    return render(
        request,
        "console/stores/slots.html",
        {"rows": rows, "weekdays": WEEKDAYS, "errors": errors or {}, "created": created},
        status=status,
    )


@routes.post("/stores/{store_id}/slot-rules")
@page(P.MANAGE_DELIVERY)
async def save_slot_rules(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    form = await request.post()
    rows = _rule_rows(form)
    try:
        items = [
            form_values(
                SlotRuleIn, {f"rules.{i}.{k}": v for k, v in row.items()}, prefix=f"rules.{i}."
            )
            for i, row in enumerate(rows)
        ]
        body = validate(SlotRulesIn, items, prefix="rules.")
        created = await store_setup.set_slot_rules(store, store_setup.rules_from(body.root))
    except ValidationFailed as exc:
        # The service names rows "0.start"; the form names them "rules.0.start".
        errors = {(f"rules.{k}" if k[:1].isdigit() else k): v for k, v in form_errors(exc).items()}
        return _slots_render(request, rows, errors, exc.status)
    kept = [r.model_dump() for r in body.root]
    return _slots_render(request, kept, created=created)
