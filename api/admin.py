"""The admin API under /api/v1/admin."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_permission
from api.http import doc, dump, parse_body, path_id, read_upload
from api.keys import CTX, SETTINGS
from api.schemas.admin import (
    PriceIn,
    ProductImageOut,
    ProductPatch,
    RestockIn,
    StaffList,
    StaffOut,
    StockOut,
)
from api.schemas.catalog import ImageOut
from api.schemas.stores import StoreList, StoreOut
from core.permissions import Permission
from models import Product
from services import catalog, catalog_admin, media, staff_links, stores

routes = web.RouteTableDef()


@routes.get("/api/v1/admin/stores")
@doc("Every store (admins)", tags=["admin"], response=StoreList, auth=True)
async def admin_stores(request: web.Request) -> web.Response:
    require_permission(request, Permission.MANAGE_STORES)
    return dump(StoreList(items=[StoreOut.of(s) for s in await stores.list_stores()]))


@routes.patch("/api/v1/admin/stores/{store_id}/products/{product_id}")
@doc(
    "Change a product (audited; the catalog cache is refreshed)",
    tags=["admin"],
    body=ProductPatch,
    auth=True,
)
async def patch_product(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_CATALOG)
    store_id, product_id = path_id(request, "store_id"), path_id(request, "product_id")
    body = await parse_body(request, ProductPatch)
    changes = body.model_dump(exclude_unset=True)
    for key in ("name", "description"):
        if key in changes:
            changes[key] = {k: v for k, v in changes[key].items() if v is not None}
    ctx = request.config_dict[CTX]
    product = await catalog_admin.update_product(
        ctx.cache, principal, store_id, product_id, changes
    )
    store = await stores.get_store(store_id)
    found = (
        await catalog.get_product(
            ctx.cache,
            store.id,
            product.id,
            locale=store.default_locale,
            fallback=store.default_locale,
        )
        if product.is_active
        else None
    )
    return web.json_response({"id": product.id, "is_active": product.is_active, "product": found})


def _image_out(product: Product) -> web.Response:
    return dump(
        ProductImageOut(
            product_id=product.id,
            images=[ImageOut.model_validate(i) for i in media.image_urls(product.image_key)],
        )
    )


@routes.post("/api/v1/admin/stores/{store_id}/products/{product_id}/image")
@doc(
    "Upload the product's picture (multipart/form-data, field `file`: JPEG, PNG, WebP or GIF); "
    "it is checked, stripped of metadata and resized; the answer lists the widths",
    tags=["admin"],
    upload="file",
    response=ProductImageOut,
    auth=True,
    errors={
        413: "payload_too_large: the file is over MEDIA_MAX_UPLOAD_BYTES",
        415: "unsupported_media_type / not_an_image: the field `file` is not a picture",
        422: "validation_error / image_damaged / image_too_large: `file`",
    },
)
async def upload_product_image(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_CATALOG)
    store_id, product_id = path_id(request, "store_id"), path_id(request, "product_id")
    settings = request.config_dict[SETTINGS]
    data = await read_upload(request, "file", settings.media_max_upload_bytes)
    product = await catalog_admin.set_product_image(
        request.config_dict[CTX].cache,
        principal,
        store_id,
        product_id,
        data,
        media_dir=settings.media_path(),
        max_bytes=settings.media_max_upload_bytes,
    )
    return _image_out(product)


@routes.delete("/api/v1/admin/stores/{store_id}/products/{product_id}/image")
@doc("Remove the product's uploaded picture", tags=["admin"], response=ProductImageOut, auth=True)
async def remove_product_image(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_CATALOG)
    store_id, product_id = path_id(request, "store_id"), path_id(request, "product_id")
    product = await catalog_admin.remove_product_image(
        request.config_dict[CTX].cache, principal, store_id, product_id
    )
    return _image_out(product)


@routes.put("/api/v1/admin/stores/{store_id}/variants/{variant_id}/price")
@doc("Set a variant's price", tags=["admin"], body=PriceIn, auth=True)
async def set_price(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_CATALOG)
    store_id, variant_id = path_id(request, "store_id"), path_id(request, "variant_id")
    body = await parse_body(request, PriceIn)
    variant = await catalog_admin.set_price(
        request.config_dict[CTX].cache, principal, store_id, variant_id, body.price_cents
    )
    return web.json_response({"variant_id": variant.id, "price_cents": variant.price_cents})


@routes.post("/api/v1/admin/stores/{store_id}/variants/{variant_id}/stock")
@doc(
    "Add stock (negative: write off); logged",
    tags=["admin"],
    body=RestockIn,
    response=StockOut,
    auth=True,
)
async def restock(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_CATALOG)
    store_id, variant_id = path_id(request, "store_id"), path_id(request, "variant_id")
    body = await parse_body(request, RestockIn)
    stock = await catalog_admin.restock(
        request.config_dict[CTX].cache, principal, store_id, variant_id, body.quantity
    )
    return dump(StockOut(variant_id=variant_id, stock=stock))


@routes.get("/api/v1/admin/stores/{store_id}/staff")
@doc(
    "The store's staff with their user ids and whether each linked Telegram",
    tags=["admin"],
    response=StaffList,
    auth=True,
)
async def store_staff(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_STAFF)
    members = await staff_links.list_store_staff(principal, path_id(request, "store_id"))
    return dump(
        StaffList(
            items=[
                StaffOut(
                    user_id=m.user_id,
                    name=m.name,
                    role=m.role.value,
                    telegram_linked=m.telegram_linked,
                    driver_id=m.driver_id,
                )
                for m in members
            ]
        )
    )


@routes.post("/api/v1/admin/staff/{user_id}/link-code")
@doc(
    "A one-time code that links a staff member's Telegram account (/start link-CODE)",
    tags=["admin"],
    status=201,
    auth=True,
)
async def staff_link_code(request: web.Request) -> web.Response:
    principal = require_permission(request, Permission.MANAGE_STAFF)
    code = await staff_links.create_link_code(principal, path_id(request, "user_id"))
    return web.json_response(
        {
            "code": code,
            "start": f"/start link-{code}",
            "expires_in": int(staff_links.CODE_TTL.total_seconds()),
        },
        status=201,
    )
