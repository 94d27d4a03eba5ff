"""Back-in-stock alerts: a customer asks to be told when an out-of-stock variant returns;
the stock change that brings it back tells every waiting customer through the outbox, once."""

from __future__ import annotations

from core.clock import utcnow
from core.db import insert_unless_exists
from core.errors import Conflict, NotFound
from models import Inventory, ProductVariant, StockAlert
from services.events import EventKind, emit


async def _variant(store_id: int, variant_id: int) -> ProductVariant:
    variant = await ProductVariant.get_or_none(id=variant_id, store_id=store_id, is_active=True)
    if variant is None:
        raise NotFound("no such product in this store", fields={"variant_id": "not found"})
    return variant


async def subscribe(user_id: int, store_id: int, variant_id: int) -> None:
    """Wait for `variant_id` to be back. Conflict `in_stock` when it can be ordered now; asking
    twice keeps one alert (and re-arms one already sent)."""
    await _variant(store_id, variant_id)
    held = await Inventory.get_or_none(store_id=store_id, variant_id=variant_id)
    if held is not None and held.quantity > 0:
        raise Conflict("this product is in stock: order it now", code="in_stock")
    await insert_unless_exists(
        StockAlert(user_id=user_id, store_id=store_id, variant_id=variant_id)
    )
    await StockAlert.filter(user_id=user_id, store_id=store_id, variant_id=variant_id).update(
        notified_at=None
    )


async def unsubscribe(user_id: int, store_id: int, variant_id: int) -> None:
    await StockAlert.filter(user_id=user_id, store_id=store_id, variant_id=variant_id).delete()


async def waiting_variant_ids(user_id: int, store_id: int) -> list[int]:
    rows = await StockAlert.filter(user_id=user_id, store_id=store_id, notified_at__isnull=True)
    return sorted(row.variant_id for row in rows)


async def release(store_id: int, variant_ids: list[int]) -> int:
    """Tell everyone waiting for these variants that they are back. Call inside the
    transaction that restocked them: the alerts are marked sent by a conditional update, so a
    customer is told once even when two restocks race. Returns how many were told."""
    if not variant_ids:
        return 0
    pending = await StockAlert.filter(
        store_id=store_id, variant_id__in=variant_ids, notified_at__isnull=True
    ).order_by("id")
    if not pending:
        return 0
    variants = {v.id: v for v in await ProductVariant.filter(id__in=variant_ids)}
    told = 0
    now = utcnow()
    for alert in pending:
        claimed = await StockAlert.filter(id=alert.id, notified_at__isnull=True).update(
            notified_at=now
        )
        if not claimed:
            continue
        variant = variants[alert.variant_id]
        await emit(
            EventKind.BACK_IN_STOCK,
            {
                "store_id": store_id,
                "customer_id": alert.user_id,
                "variant_id": variant.id,
                "product_id": variant.product_id,
            },
        )
        told += 1
    return told
