"""Carts: a server-side cart per customer and store, and pricing of a client-held cart.

Prices always come from the server; quantities are checked against stock and the product's
per-order limit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.db import fetch_all, insert_unless_exists, upsert
from core.errors import NotFound, ValidationFailed
from models import Cart, CartItem, ProductVariant
from services.i18n_text import pick

MAX_LINES = 100
MAX_QUANTITY = 999


@dataclass(frozen=True)
class CartLine:
    variant_id: int
    product_id: int
    name: str
    variant_name: str
    sku: str
    quantity: int
    unit_price_cents: int
    line_total_cents: int
    stock: int
    age_restricted: bool
    max_per_order: int | None
    problem: str | None = None
    prescription_required: bool = False
    cold_chain: bool = False
    # What the unit costs the store, and whether the product has a per-period limit: known
    # when priced for checkout (price_lines), 0 / False from the bot's cart view.
    cost_cents: int = 0
    period_limited: bool = False


@dataclass
class CartView:
    store_id: int
    lines: list[CartLine] = field(default_factory=list)

    @property
    def subtotal_cents(self) -> int:
        return sum(line.line_total_cents for line in self.lines)

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)

    @property
    def age_restricted(self) -> bool:
        return any(line.age_restricted for line in self.lines)

    @property
    def prescription_required(self) -> bool:
        return any(line.prescription_required for line in self.lines)

    @property
    def cold_chain(self) -> bool:
        return any(line.cold_chain for line in self.lines)


def merge_lines(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sum the quantities of repeated variants, keeping first-seen order."""
    merged: dict[int, int] = {}
    for variant_id, quantity in items:
        merged[variant_id] = merged.get(variant_id, 0) + quantity
    return list(merged.items())


@dataclass(frozen=True)
class _Priced:
    """What pricing needs of one variant: the variant, its product and its stock."""

    product_id: int
    product_active: bool
    name: Any
    variant_name: Any
    sku: str
    price_cents: int
    age_restricted: bool
    max_per_order: int | None
    prescription_required: bool
    cold_chain: bool
    stock: int
    cost_cents: int = 0
    period_limited: bool = False


def _view(
    store_id: int,
    items: list[tuple[int, int]],
    priced: dict[int, _Priced],
    *,
    locale: str,
    fallback: str,
) -> CartView:
    """The priced cart: unknown or inactive variants raise NotFound naming them; stock and
    limit problems are reported per line."""
    missing = [variant_id for variant_id, _ in items if variant_id not in priced]
    if missing:
        raise NotFound(
            "some items are not sold here",
            code="unknown_variant",
            fields={"items": f"unknown variant ids {missing}"},
            extra={"variant_ids": missing},
        )
    view = CartView(store_id=store_id)
    for variant_id, quantity in items:
        row = priced[variant_id]
        if not row.product_active:
            raise NotFound(
                "some items are not sold here",
                code="unknown_variant",
                fields={"items": f"unknown variant ids [{variant_id}]"},
            )
        available = row.stock
        problem = None
        if quantity > available:
            problem = "insufficient_stock"
        elif row.max_per_order is not None and quantity > row.max_per_order:
            problem = "over_limit"
        view.lines.append(
            CartLine(
                variant_id=variant_id,
                product_id=row.product_id,
                name=pick(row.name, locale, fallback),
                variant_name=pick(row.variant_name, locale, fallback),
                sku=row.sku,
                quantity=quantity,
                unit_price_cents=row.price_cents,
                line_total_cents=row.price_cents * quantity,
                stock=max(available, 0),
                age_restricted=row.age_restricted,
                max_per_order=row.max_per_order,
                problem=problem,
                prescription_required=row.prescription_required,
                cold_chain=row.cold_chain,
                cost_cents=row.cost_cents,
                period_limited=row.period_limited,
            )
        )
    return view


async def price_lines(
    store_id: int, items: list[tuple[int, int]], *, locale: str, fallback: str
) -> CartView:
    """Price (variant_id, quantity) lines with current prices and stock. Unknown or inactive
    variants raise NotFound naming them; stock and limit problems are reported per line."""
    items = merge_lines(items)
    if len(items) > MAX_LINES:
        raise ValidationFailed("too many different items", fields={"items": f"at most {MAX_LINES}"})
    ids = [variant_id for variant_id, _ in items]
    # Variants with their products and stock in one hand-written statement: checkout runs it
    # on every order, and building the join with the ORM cost more than running it.
    marks = ",".join(f"${n}" for n in range(2, len(ids) + 2))
    rows = await fetch_all(_PRICE_SQL.format(ids=marks), store_id, *ids)
    priced = {int(r["id"]): _priced_row(r) for r in rows}
    return _view(store_id, items, priced, locale=locale, fallback=fallback)


_PRICE_SQL = """
SELECT v.id, v.sku, v.name AS variant_name, v.price_cents, v.cost_cents,
       p.id AS product_id, p.is_active AS product_active, p.name, p.age_restricted,
       p.max_per_order, p.prescription_required, p.cold_chain, p.period_limit_quantity,
       p.period_limit_days, i.quantity AS stock
FROM product_variants v
JOIN products p ON p.id = v.product_id
LEFT JOIN inventory i ON i.variant_id = v.id AND i.store_id = $1
WHERE v.store_id = $1 AND v.is_active AND v.id IN ({ids})
"""


# The whole server cart with prices, products and stock in one statement (the bot's "Add"
# and cart view run it on every tap). Variants not sold here come back with no variant row.
_CART_SQL = """
SELECT ci.variant_id, ci.quantity, v.id AS known, v.sku, v.name AS variant_name,
       v.price_cents, p.id AS product_id, p.is_active AS product_active, p.name,
       p.age_restricted, p.max_per_order, p.prescription_required, p.cold_chain,
       i.quantity AS stock
FROM cart_items ci
LEFT JOIN product_variants v ON v.id = ci.variant_id AND v.store_id = $2 AND v.is_active
LEFT JOIN products p ON p.id = v.product_id
LEFT JOIN inventory i ON i.variant_id = ci.variant_id AND i.store_id = $2
WHERE ci.cart_id = $1
ORDER BY ci.id
"""
_CART_ID_SQL = """
INSERT INTO carts (user_id, store_id, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id, store_id) DO UPDATE SET updated_at = excluded.updated_at
RETURNING id
"""
# Adds to the line (creating it) only when the variant is sold here: no row back otherwise.
_ADD_SQL = """
INSERT INTO cart_items (cart_id, variant_id, quantity)
SELECT CAST($1 AS INTEGER), v.id, CAST($3 AS INTEGER) FROM product_variants v
WHERE v.id = $2 AND v.store_id = $4 AND v.is_active
ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = cart_items.quantity + excluded.quantity
RETURNING quantity
"""


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _priced_row(r: dict[str, Any]) -> _Priced:
    """A row of _PRICE_SQL or _CART_SQL (the cart's has no cost or period-limit columns)."""
    return _Priced(
        product_id=int(r["product_id"]),
        product_active=bool(r["product_active"]),
        name=_json(r["name"]),
        variant_name=_json(r["variant_name"]),
        sku=r["sku"],
        price_cents=int(r["price_cents"]),
        age_restricted=bool(r["age_restricted"]),
        max_per_order=r["max_per_order"],
        prescription_required=bool(r["prescription_required"]),
        cold_chain=bool(r["cold_chain"]),
        stock=int(r["stock"] or 0),
        cost_cents=int(r.get("cost_cents") or 0),
        period_limited=(
            r.get("period_limit_quantity") is not None and r.get("period_limit_days") is not None
        ),
    )


async def _priced_cart(
    cart_id: int, store_id: int, *, locale: str, fallback: str, conn: Any = None
) -> CartView:
    rows = await fetch_all(_CART_SQL, cart_id, store_id, conn=conn)
    if len(rows) > MAX_LINES:
        raise ValidationFailed("too many different items", fields={"items": f"at most {MAX_LINES}"})
    items = [(int(r["variant_id"]), int(r["quantity"])) for r in rows]
    priced = {int(r["variant_id"]): _priced_row(r) for r in rows if r["known"] is not None}
    return _view(store_id, items, priced, locale=locale, fallback=fallback)


def _refuse_problem(line: CartLine) -> None:
    if line.problem == "insufficient_stock":
        raise ValidationFailed(
            f"only {line.stock} in stock",
            code="insufficient_stock",
            fields={"quantity": f"at most {line.stock} available"},
        )
    if line.problem == "over_limit":
        raise ValidationFailed(
            f"at most {line.max_per_order} per order",
            code="over_limit",
            fields={"quantity": f"at most {line.max_per_order} per order"},
        )


async def _cart(user_id: int, store_id: int) -> Cart:
    await insert_unless_exists(Cart(user_id=user_id, store_id=store_id))
    return await Cart.get(user_id=user_id, store_id=store_id)


async def cart_items(user_id: int, store_id: int) -> list[tuple[int, int]]:
    rows = (
        await CartItem.filter(cart__user_id=user_id, cart__store_id=store_id)
        .order_by("id")
        .values_list("variant_id", "quantity")
    )
    return [(int(v), int(q)) for v, q in rows]


async def view_cart(user_id: int, store_id: int, *, locale: str, fallback: str) -> CartView:
    """The customer's cart in the store, priced (empty when they have none). Raises NotFound
    unknown_variant when a line's variant is no longer sold."""
    cart_id = await Cart.filter(user_id=user_id, store_id=store_id).values_list("id", flat=True)
    if not cart_id:
        return CartView(store_id=store_id)
    return await _priced_cart(int(cart_id[0]), store_id, locale=locale, fallback=fallback)  # type: ignore[call-overload]


async def set_quantity(
    user_id: int, store_id: int, variant_id: int, quantity: int, *, locale: str, fallback: str
) -> CartView:
    """Set a line's quantity (0 removes it). Refuses more than stock or the product's limit."""
    if not 0 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed("invalid quantity", fields={"quantity": f"0 to {MAX_QUANTITY}"})
    cart = await _cart(user_id, store_id)
    if quantity == 0:
        await CartItem.filter(cart=cart, variant_id=variant_id).delete()
        return await view_cart(user_id, store_id, locale=locale, fallback=fallback)
    line = (
        await price_lines(store_id, [(variant_id, quantity)], locale=locale, fallback=fallback)
    ).lines[0]
    _refuse_problem(line)
    await upsert(
        CartItem(cart_id=cart.id, variant_id=variant_id, quantity=quantity),
        on=("cart_id", "variant_id"),
        update=("quantity",),
    )
    await Cart.filter(id=cart.id).update(store_id=store_id)  # touch updated_at
    return await view_cart(user_id, store_id, locale=locale, fallback=fallback)


async def add(
    user_id: int, store_id: int, variant_id: int, quantity: int, *, locale: str, fallback: str
) -> CartView:
    """Add `quantity` (may be negative) to a line in one atomic step, so two taps at once add
    up instead of one overwriting the other. Refuses a result over stock or the product's
    limit (nothing changes then); a result of 0 or less removes the line. Raises NotFound
    unknown_variant for a variant not sold here, ValidationFailed insufficient_stock,
    over_limit or an invalid quantity."""
    if not -MAX_QUANTITY <= quantity <= MAX_QUANTITY:
        raise ValidationFailed(
            "invalid quantity", fields={"quantity": f"-{MAX_QUANTITY} to {MAX_QUANTITY}"}
        )
    # Three statements: the cart (created or touched), the line's atomic increment (upserts
    # on both databases; on PostgreSQL the rows stay locked until commit, so concurrent taps
    # serialise; SQLite runs one write transaction at a time), the whole cart priced.
    async with in_transaction() as conn:
        cart = await fetch_all(_CART_ID_SQL, user_id, store_id, utcnow(), conn=conn)
        cart_id = int(cart[0]["id"])
        added = await fetch_all(_ADD_SQL, cart_id, variant_id, quantity, store_id, conn=conn)
        if not added:
            raise NotFound(
                "some items are not sold here",
                code="unknown_variant",
                fields={"items": f"unknown variant ids [{variant_id}]"},
                extra={"variant_ids": [variant_id]},
            )
        wanted = int(added[0]["quantity"])
        if wanted <= 0:
            await CartItem.filter(cart_id=cart_id, variant_id=variant_id).delete()
        elif wanted > MAX_QUANTITY:
            raise ValidationFailed("invalid quantity", fields={"quantity": f"0 to {MAX_QUANTITY}"})
        # The whole cart priced once: it checks the changed line and is the answer.
        view = await _priced_cart(cart_id, store_id, locale=locale, fallback=fallback, conn=conn)
        for line in view.lines:
            if line.variant_id == variant_id:
                _refuse_problem(line)
    return view


async def merge_anonymous(
    user_id: int, store_id: int, items: list[tuple[int, int]], *, locale: str, fallback: str
) -> CartView:
    """Merge a client-held cart into the server cart at sign-in: quantities add up, capped by
    stock and the per-order limit (unknown variants are dropped)."""
    cart = await _cart(user_id, store_id)
    existing = dict(await cart_items(user_id, store_id))
    wanted = dict(existing)
    for variant_id, quantity in merge_lines(items):
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
    known = set(
        await ProductVariant.filter(
            store_id=store_id, id__in=list(wanted), is_active=True
        ).values_list("id", flat=True)
    )
    priced = await price_lines(
        store_id,
        [(v, q) for v, q in wanted.items() if v in known],
        locale=locale,
        fallback=fallback,
    )
    for line in priced.lines:
        cap = min(line.stock, line.max_per_order or MAX_QUANTITY, MAX_QUANTITY)
        quantity = min(line.quantity, cap)
        if quantity <= 0:
            await CartItem.filter(cart=cart, variant_id=line.variant_id).delete()
        else:
            await upsert(
                CartItem(cart_id=cart.id, variant_id=line.variant_id, quantity=quantity),
                on=("cart_id", "variant_id"),
                update=("quantity",),
            )
    return await view_cart(user_id, store_id, locale=locale, fallback=fallback)


_CLEAR_SQL = """
DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM carts WHERE user_id = $1 AND store_id = $2)
"""


async def clear(user_id: int, store_id: int) -> None:
    """Empty the customer's cart in the store (one statement: checkout runs it in its
    transaction)."""
    await fetch_all(_CLEAR_SQL, user_id, store_id)


async def replace(user_id: int, store_id: int, items: list[tuple[int, int]]) -> None:
    """Make the cart hold exactly these lines (used by reorder)."""
    cart = await _cart(user_id, store_id)
    await CartItem.filter(cart=cart).delete()
    for variant_id, quantity in merge_lines(items):
        await upsert(
            CartItem(cart_id=cart.id, variant_id=variant_id, quantity=quantity),
            on=("cart_id", "variant_id"),
            update=("quantity",),
        )
