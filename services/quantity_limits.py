"""Per-customer quantity rules over a rolling period ("at most 2 packs per 7 days").

The per-order limit (`Product.max_per_order`) is checked while pricing; this one needs the
customer's earlier orders, so checkout calls it inside its transaction, after taking the
customer's row lock, so two concurrent orders cannot both slip under the limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.clock import utcnow
from core.errors import Conflict
from models import Order, OrderItem, Product, User
from models.enums import OrderStatus


@dataclass(frozen=True)
class Wanted:
    product_id: int
    name: str
    quantity: int


def allowed_again_at(
    earlier: list[tuple[datetime, int]], limit: int, days: int, wanted: int
) -> datetime | None:
    """When `wanted` more units fit under `limit` per `days`, given the earlier
    (ordered_at, units) in the window; None when they fit now (or never can)."""
    held = sum(units for _, units in earlier)
    excess = held + wanted - limit
    if excess <= 0 or wanted > limit:
        return None
    freed = 0
    for ordered_at, units in sorted(earlier):
        freed += units
        if freed >= excess:
            return ordered_at + timedelta(days=days)
    return None


async def lock_customer(user_id: int) -> None:
    """Serialise this customer's checkouts (PostgreSQL row lock; SQLite transactions are
    serialised anyway). Call inside the checkout transaction."""
    await User.filter(id=user_id).select_for_update().only("id").first()


async def check_period_limits(store_id: int, user_id: int, lines: Iterable[Wanted]) -> None:
    """Raise Conflict `period_limit` (409, naming the product and `allowed_from`) when an
    order of `lines` would take the customer over a product's per-period limit. Cancelled
    orders do not count. Call inside the checkout transaction after lock_customer()."""
    wanted: dict[int, Wanted] = {}
    for line in lines:
        seen = wanted.get(line.product_id)
        total = line.quantity + (seen.quantity if seen else 0)
        wanted[line.product_id] = Wanted(line.product_id, line.name, total)
    limited = await Product.filter(
        id__in=list(wanted),
        period_limit_quantity__isnull=False,
        period_limit_days__isnull=False,
    ).only("id", "period_limit_quantity", "period_limit_days")
    now = utcnow()
    for product in limited:
        limit, days = product.period_limit_quantity, product.period_limit_days
        if limit is None or days is None:
            continue
        line = wanted[product.id]
        rows = (
            await OrderItem.filter(
                product_id=product.id,
                order__customer_id=user_id,
                order__store_id=store_id,
                order__created_at__gte=now - timedelta(days=days),
            )
            .exclude(order__status=OrderStatus.CANCELLED)
            .values("quantity", "order_id")
        )
        if sum(r["quantity"] for r in rows) + line.quantity <= limit:
            continue
        placed = dict(
            await Order.filter(id__in={r["order_id"] for r in rows}).values_list("id", "created_at")
        )
        earlier = [(placed[r["order_id"]], r["quantity"]) for r in rows]
        when = allowed_again_at(earlier, limit, days, line.quantity)
        raise Conflict(
            f"{line.name}: at most {limit} per {days} days",
            code="period_limit",
            fields={"items": f"product {product.id}: at most {limit} per {days} days"},
            extra={
                "product_id": product.id,
                "product": line.name,
                "limit": limit,
                "period_days": days,
                "allowed_again_at": when.isoformat() if when else None,
                "allowed_from": when.strftime("%Y-%m-%d %H:%M UTC") if when else "—",
            },
        )
