"""Promo codes: validation, discount, redemption under concurrency."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

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


async def create_promo(store: Store, values: dict[str, Any]) -> PromoCode:
    """A new active promo code of the store (codes are kept upper-case; the dates are whole
    days in the store's timezone). Raises ValidationFailed naming the field, Conflict
    promo_taken."""
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
    try:
        return await PromoCode.create(
            **{**values, "store_id": store.id, "code": values["code"].upper(),
               "kind": PromoKind(values["kind"]), "starts_at": starts, "expires_at": expires},
        )  # fmt: skip
    except IntegrityError:
        raise Conflict("this code exists", code="promo_taken", fields={"code": "taken"}) from None


async def set_promo_active(store_id: int, promo_id: int, active: bool) -> PromoCode:
    """Pause or resume a promo code of the store; raises NotFound."""
    promo = await PromoCode.get_or_none(id=promo_id, store_id=store_id)
    if promo is None:
        raise NotFound("no such promo code", fields={"promo_id": "unknown id"})
    promo.is_active = active
    await promo.save(update_fields=["is_active"])
    return promo
