"""The customer's own profile facts that checkout depends on."""

from __future__ import annotations

from datetime import date

from tortoise.transactions import in_transaction

from core import changes
from core.clock import utcnow
from core.errors import Forbidden, NotFound, ValidationFailed
from core.security import Principal
from models import Order, ProfileChange, User
from models.enums import Role
from services.checkout import age_on


def _check_plausible(born: date) -> None:
    today = utcnow().date()
    if born > today or age_on(born, today) > 120:
        raise ValidationFailed(
            "the date of birth must be a real date in the past",
            code="date_of_birth_implausible",
            fields={"date_of_birth": "a past date, at most 120 years ago"},
        )


async def declare_date_of_birth(user_id: int, born: date) -> User:
    """Record the customer's own date of birth. It only gates checkout of age-restricted
    items (the ID check at handover is what verifies age) and, once given, only staff may
    change it (`correct_date_of_birth`): repeating the same date is fine, another date raises
    Forbidden `date_of_birth_locked`."""
    _check_plausible(born)
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    if user.date_of_birth is not None and user.date_of_birth != born:
        raise Forbidden(
            "your date of birth is already recorded; ask the pharmacy to correct it",
            code="date_of_birth_locked",
            fields={"date_of_birth": "already recorded"},
        )
    await User.filter(id=user_id).update(date_of_birth=born)
    changes.changed("user")
    await user.refresh_from_db()
    return user


CORRECTORS = frozenset({Role.ADMIN, Role.MANAGER})


async def correct_date_of_birth(
    principal: Principal, user_id: int, born: date, *, reason: str
) -> User:
    """A manager (of a store the customer ordered from) or an admin corrects a customer's
    date of birth; the change is audited in `profile_changes` with who, old, new and why.
    Raises Forbidden, NotFound, ValidationFailed on the date or an empty reason."""
    if Role(principal.role) not in CORRECTORS:
        raise Forbidden("only a manager or an admin may correct a date of birth")
    if not reason.strip():
        raise ValidationFailed("say why the date changes", fields={"reason": "required"})
    _check_plausible(born)
    user = await User.get_or_none(id=user_id, role=Role.CUSTOMER)
    if user is None:
        raise NotFound("no such customer", fields={"user_id": "unknown id"})
    if principal.role != Role.ADMIN:
        orders = await Order.filter(customer_id=user_id).only("id", "store_id")
        if not any(principal.can_access_store(o.store_id) for o in orders):
            raise NotFound("no such customer", fields={"user_id": "unknown id"})
    async with in_transaction():
        old = user.date_of_birth
        await User.filter(id=user_id).update(date_of_birth=born)
        await ProfileChange.create(
            user_id=user_id,
            actor_id=principal.user_id,
            field="date_of_birth",
            old_value=old.isoformat() if old else "",
            new_value=born.isoformat(),
            reason=reason.strip()[:300],
        )
    changes.changed("user")
    await user.refresh_from_db()
    return user


async def set_locale(user_id: int, locale: str) -> None:
    if locale not in ("en", "ru", "es"):
        raise ValidationFailed("unknown language", fields={"locale": "en, ru or es"})
    await User.filter(id=user_id).update(locale=locale)
    changes.changed("user")
