"""Carts: a server-side cart per customer and store, and pricing of a client-held cart.

Prices always come from the server; quantities are checked against stock and the product's
per-order limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.db import insert_unless_exists, upsert
from core.errors import NotFound, ValidationFailed
from models import Cart, CartItem, Product, ProductVariant
from services.catalog import stock_by_variant
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


async def price_lines(
    store_id: int, items: list[tuple[int, int]], *, locale: str, fallback: str
) -> CartView:
    """Price (variant_id, quantity) lines with current prices and stock. Unknown or inactive
    variants raise NotFound naming them; stock and limit problems are reported per line."""
    items = merge_lines(items)
    if len(items) > MAX_LINES:
        raise ValidationFailed("too many different items", fields={"items": f"at most {MAX_LINES}"})
    ids = [variant_id for variant_id, _ in items]
    # Variants with their products in one query (a join), then stock: two round trips.
    variants = {
        v.id: v
        for v in await ProductVariant.filter(
            store_id=store_id, id__in=ids, is_active=True
        ).select_related("product")
    }
    missing = [i for i in ids if i not in variants]
    if missing:
        raise NotFound(
            "some items are not sold here",
            code="unknown_variant",
            fields={"items": f"unknown variant ids {missing}"},
            extra={"variant_ids": missing},
        )
    products: dict[int, Product] = {
        v.product_id: v.product for v in variants.values() if v.product.is_active
    }
    stock = await stock_by_variant(store_id, ids)
    view = CartView(store_id=store_id)
    for variant_id, quantity in items:
        variant = variants[variant_id]
        product = products.get(variant.product_id)
        if product is None:
            raise NotFound(
                "some items are not sold here",
                code="unknown_variant",
                fields={"items": f"unknown variant ids [{variant_id}]"},
            )
        available = stock.get(variant_id, 0)
        problem = None
        if quantity > available:
            problem = "insufficient_stock"
        elif product.max_per_order is not None and quantity > product.max_per_order:
            problem = "over_limit"
        view.lines.append(
            CartLine(
                variant_id=variant_id,
                product_id=product.id,
                name=pick(product.name, locale, fallback),
                variant_name=pick(variant.name, locale, fallback),
                sku=variant.sku,
                quantity=quantity,
                unit_price_cents=variant.price_cents,
                line_total_cents=variant.price_cents * quantity,
                stock=max(available, 0),
                age_restricted=product.age_restricted,
                max_per_order=product.max_per_order,
                problem=problem,
                prescription_required=product.prescription_required,
                cold_chain=product.cold_chain,
            )
        )
    return view


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
    return await price_lines(
        store_id, await cart_items(user_id, store_id), locale=locale, fallback=fallback
    )


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
    limit (nothing changes then); a result of 0 or less removes the line."""
    if not -MAX_QUANTITY <= quantity <= MAX_QUANTITY:
        raise ValidationFailed(
            "invalid quantity", fields={"quantity": f"-{MAX_QUANTITY} to {MAX_QUANTITY}"}
        )
    if not await ProductVariant.exists(store_id=store_id, id=variant_id, is_active=True):
        raise NotFound(
            "some items are not sold here",
            code="unknown_variant",
            fields={"items": f"unknown variant ids [{variant_id}]"},
            extra={"variant_ids": [variant_id]},
        )
    cart = await _cart(user_id, store_id)
    async with in_transaction():
        # The zero row makes the line exist whoever inserted it; the UPDATE then locks it on
        # PostgreSQL (SQLite runs one write transaction at a time), so increments serialise.
        await insert_unless_exists(CartItem(cart_id=cart.id, variant_id=variant_id, quantity=0))
        await CartItem.filter(cart_id=cart.id, variant_id=variant_id).update(
            quantity=F("quantity") + quantity
        )
        rows = (
            await CartItem.filter(cart_id=cart.id)
            .order_by("id")
            .values_list("variant_id", "quantity")
        )
        items = [(int(v), int(q)) for v, q in rows]
        wanted = dict(items).get(variant_id, 0)
        if wanted <= 0:
            await CartItem.filter(cart_id=cart.id, variant_id=variant_id).delete()
            items = [(v, q) for v, q in items if v != variant_id]
        elif wanted > MAX_QUANTITY:
            raise ValidationFailed("invalid quantity", fields={"quantity": f"0 to {MAX_QUANTITY}"})
        # The whole cart priced once: it checks the changed line and is the answer.
        view = await price_lines(store_id, items, locale=locale, fallback=fallback)
        for line in view.lines:
            if line.variant_id == variant_id:
                _refuse_problem(line)
        await Cart.filter(id=cart.id).update(store_id=store_id)  # touch updated_at
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


async def clear(user_id: int, store_id: int) -> None:
    cart = await Cart.get_or_none(user_id=user_id, store_id=store_id)
    if cart is not None:
        await CartItem.filter(cart=cart).delete()


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
