"""Changing the catalog: products, prices, stock. Every change is audited and retires the
store's cached catalog pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from core.cache import Cache
from core.errors import Forbidden, NotFound
from core.permissions import Permission, has_permission
from core.security import Principal
from models import Product, ProductAuditLog, ProductVariant
from models.enums import InventoryReason
from services import catalog, inventory, media
from services.orders import check_store_staff


def _check_editor(principal: Principal, store_id: int) -> None:
    check_store_staff(principal, store_id)
    if not has_permission(principal.role, Permission.MANAGE_CATALOG):
        raise Forbidden("your role does not change the catalog")


async def update_product(
    cache: Cache, principal: Principal, store_id: int, product_id: int, changes: dict[str, Any]
) -> Product:
    """Apply `changes` (name/description translations, is_active, age_restricted,
    max_per_order, image_url) to a product of the store."""
    _check_editor(principal, store_id)
    async with in_transaction():
        product = await Product.filter(id=product_id, store_id=store_id).select_for_update().first()
        if product is None:
            raise NotFound("no such product", fields={"product_id": "unknown id"})
        before = {k: getattr(product, k) for k in changes}
        for key, value in changes.items():
            if key in ("name", "description"):
                value = {**getattr(product, key), **value}
            setattr(product, key, value)
        product.search_text = " ".join(
            str(v).lower() for v in [*product.name.values(), *product.description.values()] if v
        )
        await product.save()
        await ProductAuditLog.create(
            store_id=store_id,
            product=product,
            actor_id=principal.user_id,
            action="update",
            changes={k: {"from": before[k], "to": getattr(product, k)} for k in changes},
        )
    await catalog.invalidate(cache, store_id)
    return product


async def set_product_image(
    cache: Cache,
    principal: Principal,
    store_id: int,
    product_id: int,
    data: bytes,
    *,
    media_dir: Path,
    max_bytes: int,
) -> Product:
    """Store an uploaded picture (services.media) and make it the product's image; audited.
    Raises Forbidden for another store's product, NotFound for an unknown one, and the
    media errors (413/415/422 naming `file`) for a file that is not a usable picture."""
    _check_editor(principal, store_id)
    if not await Product.exists(id=product_id, store_id=store_id):
        raise NotFound("no such product", fields={"product_id": "unknown id"})
    stored = await media.store_image(media_dir, data, max_bytes=max_bytes)
    return await update_product(cache, principal, store_id, product_id, {"image_key": stored.key})


async def remove_product_image(
    cache: Cache, principal: Principal, store_id: int, product_id: int
) -> Product:
    """The product shows no uploaded picture any more (the files stay: content-addressed
    files may be shared by other rows)."""
    return await update_product(cache, principal, store_id, product_id, {"image_key": ""})


async def _variant(store_id: int, variant_id: int) -> ProductVariant:
    variant = await ProductVariant.get_or_none(id=variant_id, store_id=store_id)
    if variant is None:
        raise NotFound("no such variant", fields={"variant_id": "unknown id"})
    return variant


async def set_price(
    cache: Cache, principal: Principal, store_id: int, variant_id: int, price_cents: int
) -> ProductVariant:
    _check_editor(principal, store_id)
    async with in_transaction():
        variant = await _variant(store_id, variant_id)
        before = variant.price_cents
        variant.price_cents = price_cents
        await variant.save(update_fields=["price_cents"])
        await ProductAuditLog.create(
            store_id=store_id,
            product_id=variant.product_id,
            actor_id=principal.user_id,
            action="price",
            changes={"variant_id": variant.id, "from": before, "to": price_cents},
        )
    await catalog.invalidate(cache, store_id)
    return variant


async def restock(
    cache: Cache, principal: Principal, store_id: int, variant_id: int, quantity: int
) -> int:
    """Add `quantity` units (negative for a write-off); returns the new stock."""
    _check_editor(principal, store_id)
    async with in_transaction():
        await _variant(store_id, variant_id)
        if quantity >= 0:
            await inventory.restore(
                store_id,
                [(variant_id, quantity)],
                order_id=None,
                actor_id=principal.user_id,
                reason=InventoryReason.RESTOCK,
            )
        else:
            await inventory.deduct(
                store_id, [(variant_id, -quantity)], order_id=None, actor_id=principal.user_id
            )
        stock = (await catalog.stock_by_variant(store_id, [variant_id]))[variant_id]
    await catalog.invalidate(cache, store_id)
    return stock
