"""Setting a pharmacy up through the admin API: stores, delivery zones, slot rules, the
catalog as CSV and employees. The console calls the same services."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_permission
from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.schemas.setup import (
    EmployeeIn,
    EmployeeOut,
    ImportOut,
    SlotRulesIn,
    SlotRulesOut,
    StoreIn,
    ZoneIn,
)
from api.schemas.stores import StoreOut, ZoneOut
from core.errors import NotFound, UnsupportedMediaType, ValidationFailed
from core.permissions import Permission
from core.security import Principal
from models import Store
from models.enums import Role
from services import catalog_csv, employees, store_setup

routes = web.RouteTableDef()


async def own_store(request: web.Request, permission: Permission) -> tuple[Principal, Store]:
    """The path's store, if the caller holds `permission` and works there (else 403/404)."""
    principal = require_permission(request, permission)
    store_id = path_id(request, "store_id")
    store = await Store.get_or_none(id=store_id)
    if store is None or not principal.can_access_store(store_id):
        raise NotFound("no such store", fields={"store_id": "unknown id"})
    return principal, store


@routes.post("/api/v1/admin/stores")
@doc(
    "Create a store (admins)",
    tags=["admin"],
    body=StoreIn,
    response=StoreOut,
    status=201,
    auth=True,
    errors={409: "slug_taken"},
)
async def create_store(request: web.Request) -> web.Response:
    require_permission(request, Permission.MANAGE_STORES)
    body = await parse_body(request, StoreIn)
    store = await store_setup.create_store(body.model_values())
    return dump(StoreOut.of(store), status=201)


@routes.post("/api/v1/admin/stores/{store_id}/zones")
@doc(
    "Add a delivery zone (a GeoJSON Polygon of [lng, lat] points)",
    tags=["admin"],
    body=ZoneIn,
    response=ZoneOut,
    status=201,
    auth=True,
)
async def add_zone(request: web.Request) -> web.Response:
    _, store = await own_store(request, Permission.MANAGE_DELIVERY)
    body = await parse_body(request, ZoneIn)
    zone = await store_setup.add_zone(store, body.model_dump())
    return dump(ZoneOut.of(zone), status=201)


@routes.put("/api/v1/admin/stores/{store_id}/slot-rules")
@doc(
    "Replace the weekly slot rules; slots for 14 days are generated at once",
    tags=["admin"],
    body=SlotRulesIn,
    response=SlotRulesOut,
    auth=True,
)
async def put_slot_rules(request: web.Request) -> web.Response:
    _, store = await own_store(request, Permission.MANAGE_DELIVERY)
    body = await parse_body(request, SlotRulesIn)
    created = await store_setup.set_slot_rules(store, store_setup.rules_from(body.root))
    return dump(SlotRulesOut(rules=body.root, slots_created=created))


@routes.post("/api/v1/admin/stores/{store_id}/products/import")
@doc(
    "Import the catalog from CSV (text/csv; ?dry_run=true checks only); all rows or none",
    tags=["admin"],
    response=ImportOut,
    auth=True,
    errors={415: "send text/csv", 422: "errors: [{line, field, message}]"},
)
async def import_products(request: web.Request) -> web.Response:
    principal, store = await own_store(request, Permission.MANAGE_CATALOG)
    if request.content_type != "text/csv":
        raise UnsupportedMediaType(
            "send the file as text/csv", fields={"Content-Type": "must be text/csv"}
        )
    raw = await request.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("the file is not UTF-8", fields={"body": "not UTF-8"}) from None
    dry_run = request.query.get("dry_run", "").lower() in ("1", "true", "yes")
    result = await catalog_csv.import_csv(
        request.config_dict[CTX].cache, principal, store, text, dry_run=dry_run
    )
    if result.errors:
        raise ValidationFailed(
            f"{len(result.errors)} problem(s); nothing was imported",
            code="invalid_csv",
            fields={f"line {e['line']}: {e['field']}": e["message"] for e in result.errors[:50]},
            extra={"errors": result.errors},
        )
    return dump(
        ImportOut(
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            dry_run=dry_run,
            errors=[],
        )
    )


@routes.get("/api/v1/admin/stores/{store_id}/products/export")
@doc("The catalog as CSV, in the import's columns", tags=["admin"], auth=True)
async def export_products(request: web.Request) -> web.Response:
    _, store = await own_store(request, Permission.MANAGE_CATALOG)
    return web.Response(
        text=await catalog_csv.export_csv(store),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{store.slug}-products.csv"'},
    )


@routes.post("/api/v1/admin/stores/{store_id}/employees")
@doc(
    "Employ a manager, dispatcher or driver; answers their Telegram link code",
    tags=["admin"],
    body=EmployeeIn,
    response=EmployeeOut,
    status=201,
    auth=True,
    errors={409: "email_taken"},
)
async def employ(request: web.Request) -> web.Response:
    principal, store = await own_store(request, Permission.MANAGE_STAFF)
    body = await parse_body(request, EmployeeIn)
    user, code = await employees.employ(
        request.config_dict[CTX],
        principal,
        store_id=store.id,
        email=body.email,
        name=body.name,
        role=Role(body.role),
        password=body.password,
    )
    return dump(
        EmployeeOut(
            id=user.id,
            email=user.email or "",
            role=user.role.value,
            store_id=store.id,
            link_code=code,
        ),
        status=201,
    )
