"""The category tree of a store (services.category_admin): every category indented under its
parent, a form per category (names en/ru/es, parent, position, active) and a new one; and a
product's names and descriptions in en/ru/es with its category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from api.schemas.catalog_edit import CategoryIn, ProductTextsIn
from core.errors import DomainError
from core.permissions import Permission as P
from models import Category
from services import backoffice, category_admin
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_errors,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    store_of,
    viewer_of,
)

routes = web.RouteTableDef()


def category_values(category: Category) -> dict[str, Any]:
    names = category.name or {}
    return {
        "name_en": names.get("en", ""),
        "name_ru": names.get("ru", ""),
        "name_es": names.get("es", ""),
        "parent_id": category.parent_id or "",
        "position": category.position,
        "is_active": category.is_active,
    }


async def _form(
    request: web.Request,
    category: Category | None,
    values: Mapping[str, Any],
    error: DomainError | None = None,
) -> web.Response:
    tree = await category_admin.category_tree(store_of(request).id)
    context = {
        "category": category,
        "tree": tree,
        "values": dict(values),
        "errors": form_errors(error) if error else {},
    }
    status = error.status if error else 200
    return render(request, "console/catalog/category.html", context, status=status)


@routes.get("/stores/{store_id}/categories")
@page(P.MANAGE_CATALOG)
async def tree_page(request: web.Request) -> web.StreamResponse:
    tree = await category_admin.category_tree(store_of(request).id)
    return render(request, "console/catalog/categories.html", {"tree": tree})


@routes.get("/stores/{store_id}/categories/new")
@page(P.MANAGE_CATALOG)
async def new_category_page(request: web.Request) -> web.StreamResponse:
    parent = request.query.get("parent", "")
    return await _form(request, None, {"parent_id": parent, "position": 0, "is_active": True})


async def _save(request: web.Request, category: Category | None) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await parse_form(request, CategoryIn)
        await category_admin.save_category(
            ctx_of(request).cache, store.id, category.id if category else None, body.model_dump()
        )
    except DomainError as exc:  # ValidationFailed, Conflict category_taken
        return await _form(request, category, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/categories")


@routes.post("/stores/{store_id}/categories/new")
@page(P.MANAGE_CATALOG)
async def create_category(request: web.Request) -> web.StreamResponse:
    return await _save(request, None)


@routes.get("/stores/{store_id}/categories/{category_id}")
@page(P.MANAGE_CATALOG)
async def category_page(request: web.Request) -> web.StreamResponse:
    category = await category_admin.get_category(
        store_of(request).id, path_int(request, "category_id")
    )
    return await _form(request, category, category_values(category))


@routes.post("/stores/{store_id}/categories/{category_id}")
@page(P.MANAGE_CATALOG)
async def update_category(request: web.Request) -> web.StreamResponse:
    category = await category_admin.get_category(
        store_of(request).id, path_int(request, "category_id")
    )
    return await _save(request, category)


async def _texts_form(
    request: web.Request, values: Mapping[str, Any], error: DomainError | None = None
) -> web.Response:
    store = store_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    context = {
        "variant": variant,
        "tree": await category_admin.category_tree(store.id),
        "brands": await category_admin.all_brands(store.id),
        "values": dict(values),
        "errors": form_errors(error) if error else {},
    }
    status = error.status if error else 200
    return render(request, "console/catalog/texts.html", context, status=status)


@routes.get("/stores/{store_id}/products/{variant_id}/texts")
@page(P.MANAGE_CATALOG)
async def product_texts_page(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    values = category_admin.product_text_values(variant.product)
    shown = {k: "" if v is None else v for k, v in values.items()}
    if values["tax_rate"] is not None:
        shown["tax_rate"] = f"{values['tax_rate'].normalize():f}"
    return await _texts_form(request, shown)


@routes.post("/stores/{store_id}/products/{variant_id}/texts")
@page(P.MANAGE_CATALOG)
async def save_product_texts(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    variant, _, _ = await backoffice.variant_file(store.id, path_int(request, "variant_id"))
    try:
        body = await parse_form(request, ProductTextsIn)
        await category_admin.update_product_texts(
            ctx_of(request).cache,
            viewer_of(request).principal,
            store.id,
            variant.product_id,
            body.model_dump(),
        )
    except DomainError as exc:  # ValidationFailed naming the field
        return await _texts_form(request, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/products/{variant.id}")
