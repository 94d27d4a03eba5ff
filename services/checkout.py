"""Checkout: turn a cart into an order, all or nothing.

Prices, fees, discounts and totals are computed here from the database, never taken from the
client. Stock is deducted, the slot reserved, the promo and wallet used, the history written
and ORDER_CREATED emitted in one transaction; any failure leaves nothing behind but a
checkout-log row saying why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.context import AppContext
from core.db import fetch_all
from core.errors import DomainError, Forbidden, ValidationFailed
from core.observability import CHECKOUT_OUTCOMES
from models import CheckoutLog, Order, OrderItem, OrderStatusHistory, PromoCode, Store, User
from models.enums import (
    CheckoutStep,
    OrderStatus,
    PaymentMethod,
    PaymentState,
    PrescriptionState,
    Role,
    WalletTxKind,
)
from services import (
    cart,
    catalog,
    cold_chain,
    crypto_payments,
    delivery,
    inventory,
    plans,
    promos,
    quantity_limits,
    wallets,
)
from services.events import EventKind, emit
from services.orders import order_payload
from services.stores import get_store


@dataclass(frozen=True)
class AddressInput:
    text: str | None = None
    lat: float | None = None
    lng: float | None = None
    details: str = ""


@dataclass(frozen=True)
class CheckoutRequest:
    store_id: int
    items: list[tuple[int, int]]
    address: AddressInput
    payment_method: PaymentMethod
    slot_id: int | None = None
    promo_code: str | None = None
    wallet_cents: int = 0
    note: str = ""
    crypto_asset: str | None = None

    def fingerprint(self) -> str:
        """What makes two requests "the same" for an idempotency key."""
        body = {
            "store_id": self.store_id,
            "items": sorted(cart.merge_lines(self.items)),
            "address": self.address.__dict__,
            "payment_method": self.payment_method.value,
            "slot_id": self.slot_id,
            "promo_code": (self.promo_code or "").strip().upper(),
            "wallet_cents": self.wallet_cents,
            "note": self.note,
            "crypto_asset": self.crypto_asset,
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Totals:
    subtotal_cents: int
    delivery_fee_cents: int
    discount_cents: int
    wallet_cents: int
    total_cents: int


def compute_totals(
    subtotal: int,
    fee: int,
    discount: int,
    wallet_wanted: int,
    balance: int,
    *,
    wallet_limit_percent: int = 100,
) -> Totals:
    """The order's money: the wallet pays what was asked, at most the balance and at most
    the plan's share of what is due (rounded down)."""
    due = subtotal + fee - discount
    cap = max(0, due) * max(0, min(100, wallet_limit_percent)) // 100
    wallet_used = max(0, min(wallet_wanted, balance, cap))
    return Totals(subtotal, fee, discount, wallet_used, due - wallet_used)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _log_row(
    store_id: int,
    user_id: int,
    step: CheckoutStep,
    *,
    success: bool = True,
    reason: str = "",
    order: Order | None = None,
    **data: Any,
) -> CheckoutLog:
    return CheckoutLog(
        store_id=store_id,
        user_id=user_id,
        step=step,
        success=success,
        reason=reason[:200],
        order=order,
        data=data,
    )


async def _write_log(rows: list[CheckoutLog]) -> None:
    """The funnel steps of one checkout, in the order they passed: one INSERT."""
    if rows:
        await CheckoutLog.bulk_create(rows)


_SEEN_SQL = "SELECT id, request_hash FROM orders WHERE customer_id = $1 AND idempotency_key = $2"


async def _existing(user_id: int, key: str, fingerprint: str) -> Order | None:
    # Asked before every order and nearly always answered "none": two columns, no model.
    seen = await fetch_all(_SEEN_SQL, user_id, key)
    if not seen:
        return None
    order_id, request_hash = seen[0]["id"], seen[0]["request_hash"]
    if request_hash != fingerprint:
        raise ValidationFailed(
            "this Idempotency-Key was used for a different order",
            code="idempotency_key_reused",
            fields={"Idempotency-Key": "already used with another body"},
        )
    return await Order.get(id=order_id)


# One round trip, inside the transaction: the update takes the store row's lock and answers.
_NEXT_SEQ_SQL = "UPDATE stores SET order_seq = order_seq + 1 WHERE id = $1 RETURNING order_seq"


async def _next_number(store: Store) -> str:
    """The store's next human order number; the update takes the store row's lock."""
    rows = await fetch_all(_NEXT_SEQ_SQL, store.id)
    seq = int(rows[0]["order_seq"])
    prefix = (store.slug[:1] or "A").upper()
    return f"{prefix}-{seq:06d}"


@dataclass(frozen=True)
class Placed:
    """What placing answered. A new order comes with the rows written with it (its items and
    its first status), so the caller can show it without reading it back; a replayed one
    (`created=False`) without."""

    order: Order
    created: bool
    items: list[OrderItem] | None = None
    history: list[OrderStatusHistory] | None = None


async def place_order(
    ctx: AppContext,
    *,
    user_id: int,
    request: CheckoutRequest,
    idempotency_key: str | None,
    locale: str = "en",
) -> tuple[Order, bool]:
    """`place()` for callers that need only (order, created)."""
    placed = await place(
        ctx, user_id=user_id, request=request, idempotency_key=idempotency_key, locale=locale
    )
    return placed.order, placed.created


async def place(
    ctx: AppContext,
    *,
    user_id: int,
    request: CheckoutRequest,
    idempotency_key: str | None,
    locale: str = "en",
) -> Placed:
    """Place the order. Replaying an idempotency key with the same request returns the first
    order (created=False); with another request it is a 422.

    Raises InsufficientStock (409, every short line), zone_unavailable, below_minimum,
    age_verification_required, slot_full, promo_* errors, insufficient_funds.
    """
    fingerprint = request.fingerprint()
    if idempotency_key:
        existing = await _existing(user_id, idempotency_key, fingerprint)
        if existing is not None:
            return Placed(existing, False)
    store = await get_store(request.store_id)
    # The funnel steps passed, written with the order (or after the failure) in one INSERT.
    steps: list[CheckoutLog] = []
    try:
        placed = await _place(
            ctx, store, user_id, request, idempotency_key, fingerprint, locale, steps
        )
    except IntegrityError:
        await _write_log(steps)
        # The same key raced in twice: the other request created the order.
        if idempotency_key:
            existing = await _existing(user_id, idempotency_key, fingerprint)
            if existing is not None:
                return Placed(existing, False)
        raise
    except DomainError as exc:
        CHECKOUT_OUTCOMES.labels(exc.code).inc()
        steps.append(
            _log_row(
                store.id,
                user_id,
                CheckoutStep.FAILED,
                success=False,
                reason=exc.code,
                message=exc.message,
            )
        )
        await _write_log(steps)
        raise
    except Exception:
        await _write_log(steps)
        raise
    CHECKOUT_OUTCOMES.labels("placed").inc()
    await catalog.stock_sold(ctx.cache, store.id)
    ctx.outbox.wake()
    return placed


@dataclass(frozen=True)
class Quoted:
    """Everything checkout computes before it writes: lines, place, promo, money."""

    priced: cart.CartView
    where: delivery.Quote
    promo: PromoCode | None
    discount: int
    totals: Totals
    # An "as soon as possible" order while the store is closed: delivered from its opening.
    deliver_after: datetime | None
    balance_cents: int = 0


Step = Callable[..., Awaitable[None]]


async def _no_log(step: CheckoutStep, **data: Any) -> None:
    return None


async def quote_order(
    ctx: AppContext,
    store: Store,
    user_id: int,
    request: CheckoutRequest,
    locale: str,
    step: Step = _no_log,
    *,
    strict: bool = True,
) -> Quoted:
    """Check and price an order without writing it: items, limits, slot, age, address and
    zone minimum, promo, wallet. `step` is told each funnel step as it passes.
    `strict=False` (a live summary while the customer is still filling in the form) prices
    without refusing for the two things the form fixes later: the zone's minimum (the
    summary says how much is missing) and the date of birth for 18+ items."""
    if not request.items:
        raise ValidationFailed("the order has no items", fields={"items": "at least one item"})
    priced = await cart.price_lines(
        store.id, request.items, locale=locale, fallback=store.default_locale
    )
    await step(
        CheckoutStep.CART_PRICED, subtotal_cents=priced.subtotal_cents, lines=len(priced.lines)
    )
    over = [line for line in priced.lines if line.problem == "over_limit"]
    if over:
        raise ValidationFailed(
            "some items are over the per-order limit",
            code="over_limit",
            fields={
                "items": ", ".join(
                    f"variant {line.variant_id}: at most {line.max_per_order}" for line in over
                )
            },
        )
    if request.slot_id is not None:
        slot = await delivery.check_slot(store.id, request.slot_id)
        if priced.cold_chain:
            cold_chain.check_slot_length(store, slot)
    if priced.age_restricted and strict:
        _check_age(await User.get(id=user_id), store)
    where = await delivery.quote(
        store,
        text=request.address.text,
        lat=request.address.lat,
        lng=request.address.lng,
        geocoder=ctx.geocoder,
        settings=ctx.settings,
        locale=locale,
    )
    zone = where.zone
    if priced.subtotal_cents < zone.min_order_cents and strict:
        raise ValidationFailed(
            "the order is below this address's minimum (min_order_cents)",
            code="below_minimum",
            fields={"items": "subtotal below the zone's minimum"},
            extra={"min_order_cents": zone.min_order_cents, "currency": store.currency},
        )
    await step(
        CheckoutStep.ADDRESS_CHECKED,
        zone_id=zone.id,
        fee_cents=zone.fee_cents,
        eta_minutes=where.eta_minutes,
    )
    deliver_after = None
    if request.slot_id is not None:
        await step(CheckoutStep.SLOT_CHOSEN, slot_id=request.slot_id)
    elif not where.asap.open_now:
        if where.asap.starts_at is None:
            raise ValidationFailed(
                "the store is closed for the coming days: choose a delivery time",
                code="store_closed",
                fields={"slot_id": "required while the store is closed"},
            )
        deliver_after = where.asap.starts_at
    promo, discount = None, 0
    if request.promo_code:
        promo = await promos.check_promo(
            store.id, request.promo_code, user_id, priced.subtotal_cents
        )
        discount = promos.discount_for(promo, priced.subtotal_cents)
    balance = await wallets.balance(user_id, store.id) if request.wallet_cents or not strict else 0
    if request.wallet_cents > balance:
        raise ValidationFailed(
            "the wallet balance is too low",
            code="insufficient_funds",
            fields={"wallet_cents": f"balance is {balance}"},
        )
    # The customer's plan: free delivery over its threshold, and the wallet's share.
    terms = await plans.terms_for(user_id, store)
    fee = terms.delivery_fee(zone.fee_cents, priced.subtotal_cents - discount)
    totals = compute_totals(
        priced.subtotal_cents,
        fee,
        discount,
        request.wallet_cents,
        balance,
        wallet_limit_percent=terms.wallet_limit_percent,
    )
    await step(
        CheckoutStep.PAYMENT_CHOSEN,
        payment_method=request.payment_method.value,
        total_cents=totals.total_cents,
    )
    return Quoted(priced, where, promo, discount, totals, deliver_after, balance)


async def _place(
    ctx: AppContext,
    store: Store,
    user_id: int,
    request: CheckoutRequest,
    idempotency_key: str | None,
    fingerprint: str,
    locale: str,
    steps: list[CheckoutLog],
) -> Placed:
    """Write the order. `steps` collects the funnel steps passed; on success they are
    written in the order's transaction, and emptied."""

    async def log_step(step: CheckoutStep, **data: Any) -> None:
        steps.append(_log_row(store.id, user_id, step, **data))

    quoted = await quote_order(ctx, store, user_id, request, locale, log_step)
    priced, where, promo, discount, totals = (
        quoted.priced,
        quoted.where,
        quoted.promo,
        quoted.discount,
        quoted.totals,
    )
    zone = where.zone
    if totals.total_cents == 0:
        payment_state = PaymentState.PAID
    elif request.payment_method is PaymentMethod.CRYPTO:
        payment_state = PaymentState.AWAITING_PAYMENT
    else:
        payment_state = PaymentState.DUE_ON_DELIVERY
    invoice = None
    if payment_state is PaymentState.AWAITING_PAYMENT:
        # Priced before the transaction: it asks the rate provider.
        invoice = await crypto_payments.prepare(
            ctx, store, request.crypto_asset, totals.total_cents
        )

    cost = sum(line.cost_cents * line.quantity for line in priced.lines)

    async with in_transaction():
        if any(line.period_limited for line in priced.lines):
            # Only a per-period limit needs this customer's checkouts one at a time.
            await quantity_limits.lock_customer(user_id)
            await quantity_limits.check_period_limits(
                store.id,
                user_id,
                (
                    quantity_limits.Wanted(line.product_id, line.name, line.quantity)
                    for line in priced.lines
                ),
            )
        order = await Order.create(
            store=store,
            customer_id=user_id,
            number=await _next_number(store),
            status=OrderStatus.PENDING,
            payment_method=request.payment_method,
            payment_state=payment_state,
            currency=store.currency,
            subtotal_cents=totals.subtotal_cents,
            delivery_fee_cents=totals.delivery_fee_cents,
            discount_cents=totals.discount_cents,
            wallet_cents=totals.wallet_cents,
            total_cents=totals.total_cents,
            address_text=where.address_text[:500],
            address_details=request.address.details[:200],
            lat=where.lat,
            lng=where.lng,
            zone=zone,
            slot_id=request.slot_id,
            promo=promo,
            requires_id_check=priced.age_restricted,
            prescription_state=(
                PrescriptionState.REQUIRED
                if priced.prescription_required
                else PrescriptionState.NONE
            ),
            cold_chain=priced.cold_chain,
            eta_minutes=where.eta_minutes,
            deliver_after=quoted.deliver_after,
            note=request.note[:500],
            idempotency_key=idempotency_key,
            request_hash=fingerprint,
            cost_cents=cost,
        )
        items = [
            OrderItem(
                order=order,
                variant_id=line.variant_id,
                product_id=line.product_id,
                name=f"{line.name} · {line.variant_name}"[:300],
                sku=line.sku,
                quantity=line.quantity,
                price_cents=line.unit_price_cents,
                cost_cents=line.cost_cents,
                age_restricted=line.age_restricted,
                prescription_required=line.prescription_required,
                cold_chain=line.cold_chain,
            )
            for line in priced.lines
        ]
        await OrderItem.bulk_create(items)
        await inventory.deduct(
            store.id,
            [(line.variant_id, line.quantity) for line in priced.lines],
            order_id=order.id,
            actor_id=user_id,
        )
        if request.slot_id is not None:
            await delivery.reserve_slot(store.id, request.slot_id)
        if promo is not None:
            await promos.redeem(promo, user_id=user_id, order=order, discount_cents=discount)
        if totals.wallet_cents:
            await wallets.debit(
                user_id=user_id,
                store_id=store.id,
                amount_cents=totals.wallet_cents,
                kind=WalletTxKind.PAYMENT,
                order=order,
            )
        if invoice is not None:
            await crypto_payments.open_invoice(ctx, order, invoice)
        placed_status = await OrderStatusHistory.create(
            store=store,
            order=order,
            from_status=None,
            to_status=OrderStatus.PENDING,
            actor_id=user_id,
            actor_role=Role.CUSTOMER,
            reason="placed",
        )
        placed = _log_row(
            store.id, user_id, CheckoutStep.PLACED, order=order, total_cents=totals.total_cents
        )
        await _write_log([*steps, placed])
        await emit(
            EventKind.ORDER_CREATED,
            order_payload(
                order,
                status=OrderStatus.PENDING.value,
                total_cents=order.total_cents,
                currency=order.currency,
                payment_method=order.payment_method.value,
                requires_id_check=order.requires_id_check,
                slot_id=request.slot_id,
                deliver_after=(quoted.deliver_after.isoformat() if quoted.deliver_after else None),
                created_at=utcnow().isoformat(),
            ),
        )
        await cart.clear(user_id, store.id)
    steps.clear()  # written with the order
    return Placed(order, True, items, [placed_status])


def _check_age(customer: User, store: Store) -> None:
    """The self-declared date of birth gates age-restricted items; the driver still checks
    an ID at handover (that, not this, sets `age_verified`)."""
    born = customer.date_of_birth
    if born is None:
        raise Forbidden(
            "age-restricted items need your date of birth",
            code="age_verification_required",
            fields={"date_of_birth": "required for age-restricted items"},
        )
    if age_on(born, utcnow().date()) < store.legal_age:
        raise Forbidden(
            f"age-restricted items are sold from {store.legal_age} years",
            code="underage",
            extra={"legal_age": store.legal_age},
        )


@dataclass(frozen=True)
class Preview:
    totals: Totals
    zone_name: str
    eta_minutes: int
    address_text: str
    lat: float
    lng: float
    deliver_after: datetime | None
    min_order_cents: int = 0
    wallet_balance_cents: int = 0
    currency: str = ""

    @property
    def missing_for_minimum_cents(self) -> int:
        """How much more in items reaches the zone's minimum order (0 when reached)."""
        return max(0, self.min_order_cents - self.totals.subtotal_cents)


async def preview(
    ctx: AppContext,
    *,
    user_id: int,
    request: CheckoutRequest,
    locale: str = "en",
    strict: bool = True,
) -> Preview:
    """What the order would cost, without placing it (for a summary before confirming).
    Raises the same errors as place_order; with `strict=False` it answers below the minimum
    (see `missing_for_minimum_cents`) and before the date of birth is given."""
    store = await get_store(request.store_id)
    quoted = await quote_order(ctx, store, user_id, request, locale, strict=strict)
    where = quoted.where
    return Preview(
        quoted.totals,
        where.zone.name,
        where.eta_minutes,
        where.address_text,
        where.lat,
        where.lng,
        quoted.deliver_after,
        min_order_cents=where.zone.min_order_cents,
        wallet_balance_cents=quoted.balance_cents,
        currency=store.currency,
    )
