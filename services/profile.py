"""The customer's own profile facts that checkout depends on."""

from __future__ import annotations

from datetime import date

from core.clock import utcnow
from core.errors import NotFound, ValidationFailed
from models import User
from services.checkout import age_on


async def declare_date_of_birth(user_id: int, born: date) -> User:
    """Record the customer's date of birth. Age-restricted orders are still flagged for an
    ID check at handover, where the driver confirms it against a document."""
    today = utcnow().date()
    if born > today or age_on(born, today) > 120:
        raise ValidationFailed(
            "not a plausible date of birth", fields={"date_of_birth": "implausible"}
        )
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    await User.filter(id=user_id).update(date_of_birth=born, age_verified=True)
    await user.refresh_from_db()
    return user


async def set_locale(user_id: int, locale: str) -> None:
    if locale not in ("en", "ru", "es"):
        raise ValidationFailed("unknown language", fields={"locale": "en, ru or es"})
    await User.filter(id=user_id).update(locale=locale)
