"""Creating and finding people."""

from __future__ import annotations

import re
import secrets
from typing import Any

from core import changes
from core.db import insert_unless_exists
from core.errors import Conflict, ValidationFailed
from core.settings import LOCALES
from core.untrusted import strip_controls
from models import User
from models.enums import Role

PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")  # ASCII digits: \d would take ١ and １
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,}$")


def normalize_phone(raw: str) -> str:
    """E.164 ("+34600111222"); raises ValidationFailed naming `phone`."""
    phone = re.sub(r"[\s\-().]", "", raw or "")
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if not PHONE.match(phone):
        raise ValidationFailed(
            "a phone number in international format, like +34600111222",
            code="invalid_phone",
            fields={"phone": "not an international number"},
        )
    return phone


def normalize_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    if not EMAIL.match(email):
        raise ValidationFailed(
            "not an e-mail address", code="invalid_email", fields={"email": "invalid"}
        )
    return email


def pick_locale(language_code: str | None, default: str = "en") -> str:
    code = (language_code or "").lower().split("-")[0]
    return code if code in LOCALES else default


async def referrer(code: str | None) -> User | None:
    code = strip_controls(code or "").strip().upper()[:16]
    if not code:
        return None
    return await User.get_or_none(referral_code=code)


UNIQUE_IDENTITIES = ("tg_id", "phone", "email", "google_sub")


async def create_customer(*, key: str, referral: str | None = None, **fields: Any) -> User:
    """A new customer with a fresh affiliate code; `referral` is the code they came with.

    `key` names the unique field that identifies the person (tg_id, phone, email, google_sub).
    The row is inserted with ON CONFLICT DO NOTHING, so when a concurrent request (a double
    tap, two Mini App calls at once) created the same person first, that account is answered
    instead of a unique-key failure. Raises Conflict naming the field when another unique
    field (a phone, an e-mail) belongs to someone else."""
    referred_by = await referrer(referral)
    for _ in range(5):
        code = secrets.token_hex(4).upper()
        await insert_unless_exists(
            User(role=Role.CUSTOMER, referral_code=code, referred_by=referred_by, **fields)
        )
        user = await User.get_or_none(**{key: fields[key]})
        if user is not None:
            return user
        if await User.exists(referral_code=code):
            continue  # the random affiliate code was taken: draw another
        for name in UNIQUE_IDENTITIES:
            if fields.get(name) is not None and await User.exists(**{name: fields[name]}):
                raise Conflict(
                    f"this {name.replace('_', ' ')} belongs to another account",
                    code=f"{name}_taken",
                    fields={name: "taken"},
                )
        raise Conflict("this account could not be created", code="account_conflict")
    raise RuntimeError("could not allocate a referral code")


async def record_referral(user: User, code: str) -> bool:
    """Remember who referred `user` (once, never themselves). True when recorded."""
    if user.referred_by_id is not None:
        return False
    friend = await referrer(code)
    if friend is None or friend.id == user.id:
        return False
    recorded = bool(
        await User.filter(id=user.id, referred_by_id__isnull=True).update(referred_by_id=friend.id)
    )
    if recorded:
        changes.changed("user")
    return recorded
