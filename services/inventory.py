"""Stock: deducted and restored only by conditional updates, each change logged."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import F

from core.db import fetch_all, insert_unless_exists
from core.errors import Conflict
from models import Inventory, InventoryLog
from models.enums import InventoryReason
from services import stock_alerts


@dataclass(frozen=True)
class Shortage:
    variant_id: int
    requested: int
    available: int


class InsufficientStock(Conflict):
    code = "insufficient_stock"

    def __init__(self, shortages: list[Shortage]) -> None:
        super().__init__(
            "not enough stock for some items",
            extra={"items": [s.__dict__ for s in shortages]},
        )
        self.shortages = shortages


async def deduct(
    store_id: int,
    lines: list[tuple[int, int]],
    *,
    order_id: int | None,
    actor_id: int | None,
) -> None:
    """Take (variant_id, quantity) lines out of stock. Call inside a transaction: on any short
    line nothing is kept (InsufficientStock lists every short line with what is available)."""
    shortages: list[Shortage] = []
    logs: list[InventoryLog] = []
    for variant_id, quantity in lines:
        # The conditional update answers what is left: the log needs no second read.
        left = await fetch_all(_TAKE_SQL, quantity, store_id, variant_id)
        if not left:
            row = await Inventory.get_or_none(store_id=store_id, variant_id=variant_id)
            shortages.append(Shortage(variant_id, quantity, max(row.quantity if row else 0, 0)))
            continue
        logs.append(
            InventoryLog(
                store_id=store_id,
                variant_id=variant_id,
                order_id=order_id,
                actor_id=actor_id,
                delta=-quantity,
                resulting_quantity=int(left[0]["quantity"]),
                reason=InventoryReason.ORDER,
            )
        )
    if shortages:
        raise InsufficientStock(shortages)
    await InventoryLog.bulk_create(logs)


_TAKE_SQL = (
    "UPDATE inventory SET quantity = quantity - $1"
    " WHERE store_id = $2 AND variant_id = $3 AND quantity >= $1 RETURNING quantity"
)


async def restore(
    store_id: int,
    lines: list[tuple[int, int]],
    *,
    order_id: int | None,
    actor_id: int | None,
    reason: InventoryReason = InventoryReason.CANCEL,
) -> None:
    """Put (variant_id, quantity) lines back in stock, logged; a variant that comes back from
    none tells the customers waiting for it. Call inside a transaction."""
    for variant_id, quantity in lines:
        await insert_unless_exists(Inventory(store_id=store_id, variant_id=variant_id, quantity=0))
        await Inventory.filter(store_id=store_id, variant_id=variant_id).update(
            quantity=F("quantity") + quantity
        )
        after = await _log(store_id, variant_id, quantity, reason, order_id, actor_id)
        if quantity > 0 and after - quantity <= 0 < after:
            await stock_alerts.release(store_id, [variant_id])


async def _log(
    store_id: int,
    variant_id: int,
    delta: int,
    reason: InventoryReason,
    order_id: int | None,
    actor_id: int | None,
) -> int:
    """Log a change; returns the resulting quantity."""
    row = await Inventory.get(store_id=store_id, variant_id=variant_id)
    await InventoryLog.create(
        store_id=store_id,
        variant_id=variant_id,
        order_id=order_id,
        actor_id=actor_id,
        delta=delta,
        resulting_quantity=row.quantity,
        reason=reason,
    )
    return row.quantity
