"""The catalog as CSV: import (all rows or none, every bad row named by line and field) and
export in the same columns, so an export imported back changes nothing.

Columns: sku,product,variant,category,brand,price,stock,age_restricted,description and,
optionally, name_ru,name_es,description_ru,description_es,tax_rate,prescription_required,
cold_chain (a flag column left out or empty keeps the product's flag). One row per variant;
rows with the same product are one product (the first row gives its details)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.transactions import in_transaction

from core.cache import Cache
from core.security import Principal
from core.untrusted import CONTROL
from models import Brand, Category, Inventory, InventoryLog, Product, ProductVariant, Store
from models.enums import InventoryReason
from services import catalog, stock_alerts

REQUIRED = [
    "sku",
    "product",
    "variant",
    "category",
    "brand",
    "price",
    "stock",
    "age_restricted",
    "description",
]
OPTIONAL = [
    "name_ru",
    "name_es",
    "description_ru",
    "description_es",
    "tax_rate",
    "prescription_required",
    "cold_chain",
]
# Optional product flags: a missing or empty cell keeps what the product has.
FLAGS = ("prescription_required", "cold_chain")
COLUMNS = REQUIRED + OPTIONAL
TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
MAX_PRICE = Decimal("1000000")
MAX_STOCK = 10_000_000
MAX_ROWS = 100_000
PRODUCT_FIELDS = [
    "name",
    "description",
    "category_id",
    "brand_id",
    "age_restricted",
    *FLAGS,
    "tax_rate",
    "search_text",
    "is_active",
]
LIMITS = {
    "sku": 64,
    "product": 300,
    "variant": 300,
    "category": 200,
    "brand": 200,
    "description": 2000,
    "name_ru": 300,
    "name_es": 300,
    "description_ru": 2000,
    "description_es": 2000,
}


@dataclass
class Row:
    line: int
    sku: str
    product: str
    variant: str
    category: str
    brand: str
    price_cents: int
    stock: int
    age_restricted: bool
    description: str
    extra: dict[str, str] = field(default_factory=dict)
    tax_rate: Decimal | None = None
    flags: dict[str, bool] = field(default_factory=dict)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:56]
    return slug or "x-" + hashlib.sha1(text.encode()).hexdigest()[:10]


def _money(text: str) -> int:
    value = Decimal(text)
    if not value.is_finite() or value < 0 or value > MAX_PRICE or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError
    return int(value * 100)


def parse(text: str) -> tuple[list[Row], list[dict[str, Any]]]:
    """Rows, and an error per bad cell: {"line", "field", "message"} (the header is line 1)."""
    errors: list[dict[str, Any]] = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        for column in missing:
            errors.append({"line": 1, "field": column, "message": "missing column"})
        for column in unknown:
            errors.append({"line": 1, "field": column, "message": "unknown column"})
        return [], errors
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            errors.append({"line": line, "field": "sku", "message": f"at most {MAX_ROWS} rows"})
            break

        def bad(column: str, message: str, line: int = line) -> None:
            errors.append({"line": line, "field": column, "message": message})

        if None in record:
            bad("row", "more cells than columns")
            continue
        cells = {k: (v or "").strip() for k, v in record.items() if k is not None}
        ok = True
        for column, value in cells.items():
            if CONTROL.search(value):
                bad(column, "control characters are not allowed")
                ok = False
            elif column in LIMITS and len(value) > LIMITS[column]:
                bad(column, f"at most {LIMITS[column]} characters")
                ok = False
        for column in ("sku", "product"):
            if not cells[column]:
                bad(column, "required")
                ok = False
        if cells["sku"] in seen:
            bad("sku", f"repeats line {seen[cells['sku']]}")
            ok = False
        seen.setdefault(cells["sku"], line)
        try:
            price = _money(cells["price"])
        except (InvalidOperation, ValueError):
            bad("price", "a decimal like 12.99 (at most 2 decimals, 0 to 1000000)")
            ok = False
        stock_text = cells["stock"]
        if not (stock_text.isascii() and stock_text.isdigit() and int(stock_text) <= MAX_STOCK):
            bad("stock", f"a whole number from 0 to {MAX_STOCK}")
            ok = False
        flag = cells["age_restricted"].lower()
        if flag not in TRUE | FALSE:
            bad("age_restricted", "true/false, yes/no or 1/0")
            ok = False
        flags: dict[str, bool] = {}
        for column in FLAGS:
            value = cells.get(column, "").lower()
            if value in TRUE | FALSE:
                flags[column] = value in TRUE
            elif value:
                bad(column, "true/false, yes/no or 1/0 (or empty)")
                ok = False
        tax: Decimal | None = None
        if cells.get("tax_rate"):
            try:
                tax = Decimal(cells["tax_rate"])
                if not tax.is_finite() or not 0 <= tax <= 100:
                    raise ValueError
                tax = tax.quantize(Decimal("0.01"))
            except (InvalidOperation, ValueError):
                bad("tax_rate", "a percentage from 0 to 100, like 21 or 10.5")
                ok = False
        if ok:
            rows.append(
                Row(
                    line=line,
                    sku=cells["sku"],
                    product=cells["product"],
                    variant=cells["variant"],
                    category=cells["category"],
                    brand=cells["brand"],
                    price_cents=price,
                    stock=int(stock_text),
                    age_restricted=flag in TRUE,
                    description=cells["description"],
                    extra={k: cells.get(k, "") for k in OPTIONAL[:4] if k in cells},
                    tax_rate=tax,
                    flags=flags,
                )
            )
    return rows, errors


def _names(row: Row) -> tuple[dict[str, str], dict[str, str]]:
    name = {"en": row.product}
    description = {"en": row.description} if row.description else {}
    for locale in ("ru", "es"):
        if row.extra.get(f"name_{locale}"):
            name[locale] = row.extra[f"name_{locale}"]
        if row.extra.get(f"description_{locale}"):
            description[locale] = row.extra[f"description_{locale}"]
    return name, description


def _search_text(name: dict[str, str], description: dict[str, str]) -> str:
    return " ".join([*name.values(), *description.values()]).casefold()


async def _categories(store_id: int, rows: list[Row]) -> dict[str, int]:
    existing = await Category.filter(store_id=store_id)
    by_key: dict[str, int] = {}
    for c in existing:
        by_key.setdefault(str((c.name or {}).get("en", "")).casefold(), c.id)
        by_key.setdefault(c.slug, c.id)
    new: dict[str, Category] = {}
    for row in rows:
        if not row.category:
            continue
        key, slug = row.category.casefold(), slugify(row.category)
        if key not in by_key and slug not in by_key and slug not in new:
            new[slug] = Category(store_id=store_id, slug=slug, name={"en": row.category})
    if new:
        await Category.bulk_create(list(new.values()))
        for c in await Category.filter(store_id=store_id, slug__in=list(new)):
            by_key[c.slug] = c.id
    return {
        row.category: by_key.get(row.category.casefold()) or by_key[slugify(row.category)]
        for row in rows
        if row.category
    }


async def _brands(store_id: int, rows: list[Row]) -> dict[str, int]:
    by_key: dict[str, int] = {}
    for b in await Brand.filter(store_id=store_id):
        by_key.setdefault(b.name.casefold(), b.id)
        by_key.setdefault(b.slug, b.id)
    new: dict[str, Brand] = {}
    for row in rows:
        key, slug = row.brand.casefold(), slugify(row.brand)
        if row.brand and key not in by_key and slug not in by_key and slug not in new:
            new[slug] = Brand(store_id=store_id, slug=slug, name=row.brand)
    if new:
        await Brand.bulk_create(list(new.values()))
        for b in await Brand.filter(store_id=store_id, slug__in=list(new)):
            by_key[b.slug] = b.id
    return {
        row.brand: by_key.get(row.brand.casefold()) or by_key[slugify(row.brand)]
        for row in rows
        if row.brand
    }


async def import_csv(
    cache: Cache, principal: Principal, store: Store, text: str, *, dry_run: bool = False
) -> ImportResult:
    """Validate every row; with no error (and not a dry run) apply them all in one transaction.
    Counts are of variants: created, updated (something changed), unchanged."""
    rows, errors = parse(text)
    result = ImportResult(errors=errors)
    if errors:
        return result
    async with in_transaction():
        variants = {v.sku: v for v in await ProductVariant.filter(store_id=store.id)}
        products = {p.id: p for p in await Product.filter(store_id=store.id)}
        by_slug = {p.slug: p for p in products.values()}
        by_name = {str((p.name or {}).get("en", "")).casefold(): p for p in products.values()}
        stock = {i.variant_id: i for i in await Inventory.filter(store_id=store.id)}
        if dry_run:
            for row in rows:
                existing = variants.get(row.sku)
                result.created += existing is None
                result.updated += existing is not None
            return result
        category_ids = await _categories(store.id, rows)
        brand_ids = await _brands(store.id, rows)
        # Products: the existing product of a known SKU, else one with that name or slug.
        product_for: dict[str, Product] = {}
        new_products: dict[str, Product] = {}
        changed_products: set[int] = set()
        for row in rows:
            if row.product in product_for:
                continue
            known = variants.get(row.sku)
            product = (
                (products.get(known.product_id) if known is not None else None)
                or by_name.get(row.product.casefold())
                or by_slug.get(slugify(row.product))
            )
            name, description = _names(row)
            if product is not None:  # translations the file does not give are kept
                name = {**(product.name or {}), **name}
                description = {**(product.description or {}), **description}
            values: dict[str, Any] = {
                "name": name,
                "description": description,
                "category_id": category_ids.get(row.category),
                "brand_id": brand_ids.get(row.brand),
                "age_restricted": row.age_restricted,
                "tax_rate": row.tax_rate,
                "search_text": _search_text(name, description),
                "is_active": True,
                **row.flags,
            }
            if product is None:
                slug = slugify(row.product)
                while slug in by_slug or slug in new_products:
                    slug = f"{slug[:50]}-{hashlib.sha1(row.sku.encode()).hexdigest()[:5]}"
                product = Product(store_id=store.id, slug=slug, **values)
                new_products[slug] = product
            elif any(getattr(product, k) != v for k, v in values.items() if k != "search_text"):
                for key, value in values.items():
                    setattr(product, key, value)
                changed_products.add(product.id)
            product_for[row.product] = product
        if new_products:
            await Product.bulk_create(list(new_products.values()))
            for p in await Product.filter(store_id=store.id, slug__in=list(new_products)):
                new_products[p.slug].id = p.id
        if changed_products:
            await Product.bulk_update(
                [products[i] for i in changed_products], fields=PRODUCT_FIELDS
            )
        # Variants and stock; each row ends up created, changed or the same.
        outcome: dict[str, str] = {}
        new_variants: list[ProductVariant] = []
        changed_variants: list[ProductVariant] = []
        for position, row in enumerate(rows):
            product = product_for[row.product]
            variant = variants.get(row.sku)
            kept = dict(variant.name or {}) if variant is not None else {}
            values = {
                "product_id": product.id,
                "name": {**kept, "en": row.variant} if row.variant else kept,
                "price_cents": row.price_cents,
                "is_active": True,
            }
            if variant is None:
                new_variants.append(
                    ProductVariant(store_id=store.id, sku=row.sku, position=position, **values)
                )
                outcome[row.sku] = "created"
            elif any(getattr(variant, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(variant, key, value)
                changed_variants.append(variant)
                outcome[row.sku] = "changed"
            else:
                outcome[row.sku] = "changed" if product.id in changed_products else "same"
        if new_variants:
            await ProductVariant.bulk_create(new_variants)
            skus = [v.sku for v in new_variants]
            for v in await ProductVariant.filter(store_id=store.id, sku__in=skus):
                variants[v.sku] = v
        if changed_variants:
            await ProductVariant.bulk_update(
                changed_variants, fields=["product_id", "name", "price_cents", "is_active"]
            )
        new_stock: list[Inventory] = []
        changed_stock: list[Inventory] = []
        log: list[InventoryLog] = []
        for row in rows:
            variant = variants[row.sku]
            held = stock.get(variant.id)
            before = held.quantity if held is not None else 0
            if held is None:
                new_stock.append(
                    Inventory(store_id=store.id, variant_id=variant.id, quantity=row.stock)
                )
            elif held.quantity != row.stock:
                held.quantity = row.stock
                changed_stock.append(held)
            if row.stock != before:
                log.append(
                    InventoryLog(
                        store_id=store.id,
                        variant_id=variant.id,
                        actor_id=principal.user_id,
                        delta=row.stock - before,
                        resulting_quantity=row.stock,
                        reason=InventoryReason.ADJUSTMENT,
                    )
                )
                if outcome[row.sku] == "same":
                    outcome[row.sku] = "changed"
        result.created = sum(1 for o in outcome.values() if o == "created")
        result.updated = sum(1 for o in outcome.values() if o == "changed")
        result.unchanged = sum(1 for o in outcome.values() if o == "same")
        if new_stock:
            await Inventory.bulk_create(new_stock)
        if changed_stock:
            await Inventory.bulk_update(changed_stock, fields=["quantity"])
        if log:
            await InventoryLog.bulk_create(log)
        back = [
            e.variant_id for e in log if e.resulting_quantity > 0 >= e.resulting_quantity - e.delta
        ]
        await stock_alerts.release(store.id, back)
    await catalog.invalidate(cache, store.id)
    return result


def _decimal_price(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


async def export_csv(store: Store) -> str:
    """Every variant of the store in the import's columns, ordered by product and position."""
    categories = {c.id: c for c in await Category.filter(store_id=store.id)}
    brands = {b.id: b for b in await Brand.filter(store_id=store.id)}
    products = {p.id: p for p in await Product.filter(store_id=store.id)}
    stock = {i.variant_id: i.quantity for i in await Inventory.filter(store_id=store.id)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for v in await ProductVariant.filter(store_id=store.id).order_by(
        "product_id", "position", "id"
    ):
        p = products[v.product_id]
        category = categories.get(p.category_id) if p.category_id else None
        brand = brands.get(p.brand_id) if p.brand_id else None
        name, description = p.name or {}, p.description or {}
        writer.writerow(
            [
                v.sku,
                name.get("en", ""),
                (v.name or {}).get("en", ""),
                (category.name or {}).get("en", "") if category else "",
                brand.name if brand else "",
                _decimal_price(v.price_cents),
                stock.get(v.id, 0),
                "true" if p.age_restricted else "false",
                description.get("en", ""),
                name.get("ru", ""),
                name.get("es", ""),
                description.get("ru", ""),
                description.get("es", ""),
                "" if p.tax_rate is None else str(p.tax_rate),
                "true" if p.prescription_required else "false",
                "true" if p.cold_chain else "false",
            ]
        )
    return out.getvalue()
