"""Promo codes: validation, discount, redemption under concurrency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Conflict, NotFound, ValidationFailed
from models import Order, PromoCode, PromoRedemption, Store
from models.enums import PromoKind


def _invalid(message: str, code: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, fields={"promo_code": message})


def discount_for(promo: PromoCode, subtotal_cents: int) -> int:
    """Integer cents off `subtotal_cents` (percent rounds down; never more than the subtotal)."""
    if promo.kind == PromoKind.PERCENT:
        return min(subtotal_cents, subtotal_cents * promo.value // 100)
    return min(subtotal_cents, promo.value)


async def check_promo(store_id: int, code: str, user_id: int, subtotal_cents: int) -> PromoCode:
    """The usable promo for this customer and subtotal; raises ValidationFailed with a code."""
    promo = await PromoCode.get_or_none(
        store_id=store_id, code=code.strip().upper(), is_active=True
    )
    if promo is None:
        raise _invalid("unknown promo code", "promo_invalid")
    now = utcnow()
    if promo.starts_at and promo.starts_at > now:
        raise _invalid("this promo code is not active yet", "promo_not_started")
    if promo.expires_at and promo.expires_at <= now:
        raise _invalid("this promo code has expired", "promo_expired")
    if subtotal_cents < promo.min_order_cents:
        raise _invalid("the order is below this promo code's minimum", "promo_min_order")
    if promo.max_uses is not None and promo.used_count >= promo.max_uses:
        raise _invalid("this promo code has been used up", "promo_exhausted")
    if promo.max_uses_per_customer is not None:
        used = await PromoRedemption.filter(promo_id=promo.id, user_id=user_id).count()
        if used >= promo.max_uses_per_customer:
            raise _invalid("you have already used this promo code", "promo_already_used")
    return promo


async def redeem(promo: PromoCode, *, user_id: int, order: Order, discount_cents: int) -> None:
    """Count a use. Call inside the order's transaction; the promo row is locked first so
    concurrent checkouts cannot both take the last use (total or per customer)."""
    locked = await PromoCode.filter(id=promo.id).select_for_update().get()
    if locked.max_uses_per_customer is not None:
        used = await PromoRedemption.filter(promo_id=promo.id, user_id=user_id).count()
        if used >= locked.max_uses_per_customer:
            raise Conflict(
                "you have already used this promo code",
                code="promo_already_used",
                fields={"promo_code": "already used"},
            )
    taken = (
        await PromoCode.filter(id=promo.id)
        .filter(used_count__lt=locked.max_uses if locked.max_uses is not None else 2**31 - 1)
        .update(used_count=F("used_count") + 1)
    )
    if not taken:
        raise Conflict(
            "this promo code has been used up",
            code="promo_exhausted",
            fields={"promo_code": "used up"},
        )
    await PromoRedemption.create(
        store_id=order.store_id,
        promo_id=promo.id,
        user_id=user_id,
        order=order,
        discount_cents=discount_cents,
    )


async def release(order: Order) -> None:
    """Give a cancelled order's promo use back."""
    redemptions = await PromoRedemption.filter(order_id=order.id)
    for redemption in redemptions:
        await PromoCode.filter(id=redemption.promo_id, used_count__gt=0).update(
            used_count=F("used_count") - 1
        )
        await redemption.delete()


def _promo_fields(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    """The row's fields for a promo as PromoIn gives it: the code upper-case, the dates whole
    days in the store's timezone. Raises ValidationFailed naming the field."""
    values = dict(values)
    if values["kind"] == PromoKind.PERCENT.value and values["value"] > 100:
        raise ValidationFailed("too much", fields={"value": "a percentage from 1 to 100"})
    zone = ZoneInfo(store.timezone)
    starts_on, expires_on = values.pop("starts_on", None), values.pop("expires_on", None)
    if starts_on and expires_on and expires_on < starts_on:
        raise ValidationFailed("ends before it starts", fields={"expires_on": "after starts_on"})
    starts = datetime.combine(starts_on, time.min, zone).astimezone(UTC) if starts_on else None
    expires = (
        datetime.combine(expires_on + timedelta(days=1), time.min, zone).astimezone(UTC)
        if expires_on
        else None
    )
    return {**values, "code": values["code"].upper(), "kind": PromoKind(values["kind"]),
            "starts_at": starts, "expires_at": expires}  # fmt: skip


async def create_promo(store: Store, values: dict[str, Any]) -> PromoCode:
    """A new active promo code of the store (codes are kept upper-case; the dates are whole
    days in the store's timezone). Raises ValidationFailed naming the field, Conflict
    promo_taken."""
    fields = _promo_fields(store, values)
    try:
        return await PromoCode.create(**fields, store_id=store.id)
    except IntegrityError:
        raise Conflict("this code exists", code="promo_taken", fields={"code": "taken"}) from None


async def get_promo(store_id: int, promo_id: int) -> PromoCode:
    """A promo code of the store; raises NotFound."""
    promo = await PromoCode.get_or_none(id=promo_id, store_id=store_id)
    if promo is None:
        raise NotFound("no such promo code", fields={"promo_id": "unknown id"})
    return promo


def promo_form_values(store: Store, promo: PromoCode) -> dict[str, Any]:
    """A promo code as PromoIn's fields (the dates as the store's local days), to edit it."""
    zone = ZoneInfo(store.timezone)
    last_day = (
        (promo.expires_at.astimezone(zone) - timedelta(days=1)).date() if promo.expires_at else None
    )
    return {
        "code": promo.code,
        "kind": promo.kind.value,
        "value": promo.value,
        "min_order_cents": promo.min_order_cents,
        "starts_on": promo.starts_at.astimezone(zone).date() if promo.starts_at else None,
        "expires_on": last_day,
        "max_uses": promo.max_uses,
        "max_uses_per_customer": promo.max_uses_per_customer,
    }


async def update_promo(store: Store, promo_id: int, values: dict[str, Any]) -> PromoCode:
    """Rewrite a promo code of the store with PromoIn's fields (its use count and pause state
    are kept; a total limit below the uses so far just stops further uses). Raises NotFound,
    ValidationFailed naming the field, Conflict promo_taken."""
    fields = _promo_fields(store, values)
    async with in_transaction():
        promo = await PromoCode.filter(id=promo_id, store_id=store.id).select_for_update().first()
        if promo is None:
            raise NotFound("no such promo code", fields={"promo_id": "unknown id"})
        promo.update_from_dict(fields)
        try:
            await promo.save(update_fields=list(fields))
        except IntegrityError:
            raise Conflict(
                "this code exists", code="promo_taken", fields={"code": "taken"}
            ) from None
    return promo


@dataclass(frozen=True)
class PromoUsage:
    uses: int
    customers: int
    discount_cents: int


def redemptions_query(store_id: int, promo_id: int) -> QuerySet[PromoRedemption]:
    """Every use of the promo code in the store (who, which order, how much off)."""
    return PromoRedemption.filter(store_id=store_id, promo_id=promo_id)


async def promo_usage(store_id: int, promo_id: int) -> PromoUsage:
    """The promo code's uses so far: how many, by how many customers, the discount total."""
    rows = await redemptions_query(store_id, promo_id).values_list("user_id", "discount_cents")
    return PromoUsage(
        uses=len(rows),
        customers=len({user for user, _ in rows}),
        discount_cents=sum(int(cents) for _, cents in rows),
    )


async def set_promo_active(store_id: int, promo_id: int, active: bool) -> PromoCode:
    """Pause or resume a promo code of the store; raises NotFound."""
    promo = await PromoCode.get_or_none(id=promo_id, store_id=store_id)
    if promo is None:
        raise NotFound("no such promo code", fields={"promo_id": "unknown id"})
    promo.is_active = active
    await promo.save(update_fields=["is_active"])
    return promo
