"""Editing a store's category tree (names in en/ru/es, the parent (never itself or one of its
own descendants), the position among siblings, activation) and a product's names,
descriptions and category. Every change retires the store's cached catalog pages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.cache import Cache
from core.errors import Conflict, NotFound, ValidationFailed
from core.security import Principal
from models import Brand, Category, Product, ProductAuditLog
from services import catalog, catalog_admin
from services.catalog_csv import slugify


@dataclass(frozen=True)
class TreeRow:
    category: Category
    depth: int
    products: int


async def category_tree(store_id: int) -> list[TreeRow]:
    """Every category of the store (inactive ones too), parents before their children,
    siblings by position; with how many products each holds directly."""
    rows = await Category.filter(store_id=store_id).order_by("position", "id")
    counted = (
        await Product.filter(store_id=store_id, category_id__isnull=False)
        .annotate(n=Count("id"))
        .group_by("category_id")
        .values_list("category_id", "n")
    )
    counts = {int(c): int(n) for c, n in counted}
    children: dict[int | None, list[Category]] = {}
    known = {c.id for c in rows}
    for category in rows:
        parent = category.parent_id if category.parent_id in known else None
        children.setdefault(parent, []).append(category)
    result: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for category in children.get(parent, []):
            result.append(TreeRow(category, depth, counts.get(category.id, 0)))
            walk(category.id, depth + 1)

    walk(None, 0)
    return result


async def get_category(store_id: int, category_id: int) -> Category:
    category = await Category.get_or_none(id=category_id, store_id=store_id)
    if category is None:
        raise NotFound("no such category", fields={"category_id": "unknown id"})
    return category


async def _descendants(store_id: int, category_id: int) -> set[int]:
    rows = await Category.filter(store_id=store_id).values_list("id", "parent_id")
    children: dict[int, list[int]] = {}
    for cid, parent in rows:
        if parent is not None:
            children.setdefault(int(parent), []).append(int(cid))
    found: set[int] = set()
    stack = [category_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def _names(values: dict[str, Any]) -> dict[str, str]:
    return {locale: values[f"name_{locale}"].strip() for locale in ("en", "ru", "es")}


async def save_category(
    cache: Cache, store_id: int, category_id: int | None, values: dict[str, Any]
) -> Category:
    """Create (category_id None) or change a category of the store from CategoryIn's fields.
    A new category's slug comes from its English name. Raises NotFound, ValidationFailed
    naming parent_id (another store's, itself or its own descendant), Conflict
    category_taken naming name_en."""
    parent_id = values.get("parent_id")
    async with in_transaction():
        if parent_id is not None:
            if not await Category.exists(id=parent_id, store_id=store_id):
                raise ValidationFailed(
                    "no such parent", fields={"parent_id": "a category of this store"}
                )
            if category_id is not None and parent_id in await _descendants(store_id, category_id):
                raise ValidationFailed(
                    "a category cannot sit inside itself",
                    fields={"parent_id": "not this category or one inside it"},
                )
        fields = {
            "name": _names(values),
            "parent_id": parent_id,
            "position": values.get("position", 0),
            "is_active": values.get("is_active", True),
        }
        try:
            if category_id is None:
                category = await Category.create(
                    store_id=store_id, slug=slugify(values["name_en"]), **fields
                )
            else:
                category = await get_category(store_id, category_id)
                category.update_from_dict(fields)
                await category.save(update_fields=list(fields))
        except IntegrityError:
            raise Conflict(
                "a category with this name exists",
                code="category_taken",
                fields={"name_en": "another category has this name"},
            ) from None
    await catalog.invalidate(cache, store_id)
    return category


LOCALES = ("en", "ru", "es")


def product_text_values(product: Product) -> dict[str, Any]:
    """A product's names, descriptions and category as ProductTextsIn's fields."""
    names, texts = product.name or {}, product.description or {}
    values: dict[str, Any] = {f"name_{loc}": names.get(loc) or "" for loc in LOCALES}
    values.update({f"description_{loc}": texts.get(loc) or "" for loc in LOCALES})
    values["category_id"] = product.category_id
    values["brand_id"] = product.brand_id
    values["age_restricted"] = product.age_restricted
    values["max_per_order"] = product.max_per_order
    values["tax_rate"] = None if product.tax_rate is None else Decimal(product.tax_rate)
    return values


async def update_product_texts(
    cache: Cache, principal: Principal, store_id: int, product_id: int, values: dict[str, Any]
) -> Product:
    """Set a product's names and descriptions in en/ru/es (an empty one falls back to English
    for readers), its category, age restriction, per-order limit and VAT rate (None: the
    store's default), audited like every catalog change. Raises NotFound,
    ValidationFailed naming category_id (not a category of this store), Forbidden."""
    category_id = values.get("category_id")
    if category_id is not None and not await Category.exists(id=category_id, store_id=store_id):
        raise ValidationFailed(
            "no such category", fields={"category_id": "a category of this store"}
        )
    brand_id = values.get("brand_id")
    if brand_id is not None and not await Brand.exists(id=brand_id, store_id=store_id):
        raise ValidationFailed("no such brand", fields={"brand_id": "a brand of this store"})
    changes: dict[str, Any] = {
        "brand_id": brand_id,
        "name": {loc: values[f"name_{loc}"].strip() for loc in LOCALES},
        "description": {loc: values[f"description_{loc}"].strip() for loc in LOCALES},
        "category_id": category_id,
        "age_restricted": bool(values.get("age_restricted", False)),
        "max_per_order": values.get("max_per_order"),
    }
    async with in_transaction():
        product = await catalog_admin.update_product(
            cache, principal, store_id, product_id, changes
        )
        rate = values.get("tax_rate")
        before = None if product.tax_rate is None else Decimal(product.tax_rate)
        if rate != before:
            # The audit log is JSON: the rate goes in as text ("21.00"), as people read it.
            await Product.filter(id=product.id).update(tax_rate=rate)
            await ProductAuditLog.create(
                store_id=store_id,
                product_id=product.id,
                actor_id=principal.user_id,
                action="update",
                changes={"tax_rate": {"from": _rate(before), "to": _rate(rate)}},
            )
            product.tax_rate = rate
    await catalog.invalidate(cache, store_id)
    return product


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def brands_query(store_id: int) -> QuerySet[Brand]:
    return Brand.filter(store_id=store_id)


async def get_brand(store_id: int, brand_id: int) -> Brand:
    brand = await Brand.get_or_none(id=brand_id, store_id=store_id)
    if brand is None:
        raise NotFound("no such brand", fields={"brand_id": "unknown id"})
    return brand


async def all_brands(store_id: int) -> list[Brand]:
    return await Brand.filter(store_id=store_id).order_by("name", "id")


async def save_brand(cache: Cache, store_id: int, brand_id: int | None, name: str) -> Brand:
    """Create (brand_id None; its slug from the name) or rename a brand of the store. Raises
    NotFound, Conflict brand_taken naming `name`."""
    name = name.strip()
    try:
        if brand_id is None:
            brand = await Brand.create(store_id=store_id, slug=slugify(name), name=name)
        else:
            brand = await get_brand(store_id, brand_id)
            brand.name = name
            await brand.save(update_fields=["name"])
    except IntegrityError:
        raise Conflict(
            "a brand with this name exists",
            code="brand_taken",
            fields={"name": "another brand has this name"},
        ) from None
    await catalog.invalidate(cache, store_id)
    return brand
