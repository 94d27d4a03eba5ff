"""The catalog: the products table, a product's page (price, stock adjustments, activation, its
inventory log), CSV import (errors shown by line) and export, through services.catalog_admin
and services.catalog_csv as the JSON API does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from aiohttp import web

from api.schemas.admin import PriceIn, RestockIn
from core.errors import DomainError, ValidationFailed
from core.permissions import Permission as P
from core.security import Principal
from models import ProductVariant
from services import backoffice, catalog_admin, catalog_csv, listing, media, product_history
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_errors,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    settings_of,
    store_of,
    viewer_of,
)
from webapp.console.tables import Action, Column, Table, table_view

routes = web.RouteTableDef()
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _name(variant: ProductVariant) -> str:
    names = variant.product.name or {}
    base = names.get("en") or next(iter(names.values()), "")
    extra = (variant.name or {}).get("en", "")
    return f"{base} — {extra}" if extra else str(base)


PRODUCTS = Table(
    name="products",
    title="Catalog",
    source=lambda viewer: backoffice.variants_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("sku", "price_cents", "id"),
        default_sort="sku",
        search_fields=("sku", "product__search_text"),
        filters=(listing.active_filter(),),
        related=("product",),
    ),
    columns=(
        Column(
            "SKU",
            lambda v, c: v.sku,
            sort="sku",
            link=lambda v, viewer: f"{PREFIX}/stores/{v.store_id}/products/{v.id}",
        ),
        Column("Product", lambda v, c: _name(v)),
        Column("Price", lambda v, c: c.money(v.price_cents), sort="price_cents"),
        Column("Age restricted", lambda v, c: "yes" if v.product.age_restricted else "no"),
        Column("Active", lambda v, c: "yes" if v.is_active else "no"),
    ),
    empty="No products yet. Import the catalog as CSV with “Import CSV”.",
    actions=(
        Action("Import CSV", lambda v: f"{PREFIX}/stores/{v.store_id}/products/import"),
        Action("Export CSV", lambda v: f"{PREFIX}/stores/{v.store_id}/products/export"),
    ),
)


@routes.get("/stores/{store_id}/products")
@page(P.MANAGE_CATALOG)
async def products_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, PRODUCTS)


@routes.get("/stores/{store_id}/products/import")
@page(P.MANAGE_CATALOG)
async def import_page(request: web.Request) -> web.StreamResponse:
    return render(request, "console/catalog/import.html", {"columns": catalog_csv_columns()})


def catalog_csv_columns() -> str:
    return ",".join(catalog_csv.REQUIRED) + " (optional: " + ",".join(catalog_csv.OPTIONAL) + ")"


@routes.post("/stores/{store_id}/products/import")
@page(P.MANAGE_CATALOG)
async def import_products(request: web.Request) -> web.StreamResponse:
    store, viewer = store_of(request), viewer_of(request)
    form = await request.post()
    upload = form.get("file")
    dry_run = form.get("dry_run") == "yes"
    context: dict[str, object] = {"columns": catalog_csv_columns(), "dry_run": dry_run}
    raw = getattr(upload, "file", None)
    if raw is None:
        context["errors"] = {"file": "choose a CSV file"}
        return render(request, "console/catalog/import.html", context, status=422)
    data = raw.read(MAX_UPLOAD_BYTES + 1)
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValidationFailed("too large", fields={"file": "at most 20 MB"})
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationFailed("not UTF-8", fields={"file": "save the file as UTF-8"}) from None
        result = await catalog_csv.import_csv(
            ctx_of(request).cache, viewer.principal, store, text, dry_run=dry_run
        )
    except ValidationFailed as exc:
        context["errors"] = exc.fields or {"file": exc.message}
        return render(request, "console/catalog/import.html", context, status=422)
    context["result"] = result
    status = 422 if result.errors else 200
    return render(request, "console/catalog/import.html", context, status=status)


@routes.get("/stores/{store_id}/products/export")
@page(P.MANAGE_CATALOG)
async def export_products(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    return web.Response(
        text=await catalog_csv.export_csv(store),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{store.slug}-products.csv"'},
    )


async def _variant_page(
    request: web.Request,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> web.Response:
    store = store_of(request)
    variant, stock, log = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    context = {
        "variant": variant,
        "name": _name(variant),
        "stock": stock,
        "log": log,
        "history": await product_history.product_history(store, variant.product_id),
        "images": media.image_urls(variant.product.image_key),
        # The forms post here plus their action, also when this page answers a POST.
        "product_path": f"{PREFIX}/stores/{store.id}/products/{variant.id}",
        "errors": errors or {},
        "notice": notice,
    }
    return render(request, "console/catalog/variant.html", context, status=status)


@routes.get("/stores/{store_id}/products/{variant_id}")
@page(P.MANAGE_CATALOG)
async def variant_page(request: web.Request) -> web.StreamResponse:
    return await _variant_page(request)


async def _change_variant(
    request: web.Request,
    change: Callable[[Any, Principal, int, int], Awaitable[Any]],
    notice: str,
) -> web.Response:
    """Apply one catalog_admin change to the path's variant; the page again either way."""
    try:
        await change(
            ctx_of(request).cache,
            viewer_of(request).principal,
            store_of(request).id,
            path_int(request, "variant_id"),
        )
    except DomainError as exc:
        return await _variant_page(request, errors=form_errors(exc), status=exc.status)
    return await _variant_page(request, notice=notice)


@routes.post("/stores/{store_id}/products/{variant_id}/price")
@page(P.MANAGE_CATALOG)
async def set_price(request: web.Request) -> web.StreamResponse:
    try:
        body = await parse_form(request, PriceIn)
    except DomainError as exc:
        return await _variant_page(request, errors=form_errors(exc), status=exc.status)
    return await _change_variant(
        request,
        partial(catalog_admin.set_price, price_cents=body.price_cents),
        "The price was changed.",
    )


@routes.post("/stores/{store_id}/products/{variant_id}/stock")
@page(P.MANAGE_CATALOG)
async def adjust_stock(request: web.Request) -> web.StreamResponse:
    try:
        body = await parse_form(request, RestockIn)
    except DomainError as exc:
        return await _variant_page(request, errors=form_errors(exc), status=exc.status)
    return await _change_variant(
        request, partial(catalog_admin.restock, quantity=body.quantity), "The stock was adjusted."
    )


@routes.post("/stores/{store_id}/products/{variant_id}/image")
@page(P.MANAGE_CATALOG)
async def upload_image(request: web.Request) -> web.StreamResponse:
    """The product's picture from the page's file field, through the same service as the API."""
    store, settings = store_of(request), settings_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    upload = (await request.post()).get("file")
    raw = getattr(upload, "file", None)
    if raw is None:
        return await _variant_page(request, errors={"file": "choose a picture"}, status=422)
    try:
        await catalog_admin.set_product_image(
            ctx_of(request).cache,
            viewer_of(request).principal,
            store.id,
            variant.product_id,
            raw.read(settings.media_max_upload_bytes + 1),
            media_dir=settings.media_path(),
            max_bytes=settings.media_max_upload_bytes,
        )
    except DomainError as exc:
        return await _variant_page(request, errors=form_errors(exc), status=exc.status)
    return await _variant_page(request, notice="The picture was saved.")


@routes.post("/stores/{store_id}/products/{variant_id}/image/remove")
@page(P.MANAGE_CATALOG)
async def remove_image(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    await catalog_admin.remove_product_image(
        ctx_of(request).cache, viewer_of(request).principal, store.id, variant.product_id
    )
    raise redirect(f"{PREFIX}/stores/{store.id}/products/{variant.id}")


@routes.post("/stores/{store_id}/products/{variant_id}/active")
@page(P.MANAGE_CATALOG)
async def set_product_active(request: web.Request) -> web.StreamResponse:
    store, viewer = store_of(request), viewer_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    active = (await request.post()).get("active") == "yes"
    await catalog_admin.update_product(
        ctx_of(request).cache, viewer.principal, store.id, variant.product_id, {"is_active": active}
    )
    raise redirect(f"{PREFIX}/stores/{store.id}/products/{variant.id}")
