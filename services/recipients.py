"""Who hears about what: the people an order event must reach, with their chat and locale."""

from __future__ import annotations

from dataclasses import dataclass

from core.db import fetch_all
from models import AlertRecipient, Driver, Employee, User
from models.enums import Role

DISPATCH_ROLES = (Role.DISPATCHER, Role.MANAGER)


@dataclass(frozen=True)
class ChatRecipient:
    user_id: int
    chat_id: int
    locale: str


def _chat(user: User) -> ChatRecipient | None:
    return ChatRecipient(user.id, user.tg_id, user.locale) if user.tg_id else None


async def customer(user_id: int) -> ChatRecipient | None:
    user = await User.get_or_none(id=user_id, is_active=True)
    return _chat(user) if user else None


# Asked for every new order: the staff and their chats in one round trip.
_DISPATCHERS_SQL = """
SELECT u.id, u.tg_id, u.locale FROM users u
WHERE u.is_active AND u.tg_id IS NOT NULL AND u.id IN (
    SELECT e.user_id FROM employees e
    WHERE e.store_id = $1 AND e.is_active AND e.role IN ($2, $3)
)
ORDER BY u.id
"""


async def dispatchers(store_id: int) -> list[ChatRecipient]:
    """Every active dispatcher and manager of the store who linked Telegram."""
    rows = await fetch_all(_DISPATCHERS_SQL, store_id, *(r.value for r in DISPATCH_ROLES))
    return [ChatRecipient(int(r["id"]), int(r["tg_id"]), r["locale"]) for r in rows if r["tg_id"]]


async def driver(driver_id: int | None) -> ChatRecipient | None:
    if driver_id is None:
        return None
    found = await Driver.get_or_none(id=driver_id).prefetch_related("user")
    return _chat(found.user) if found else None


async def alert_recipients(store_id: int, kind: str) -> list[AlertRecipient]:
    rows = await AlertRecipient.filter(store_id=store_id, is_active=True)
    return [r for r in rows if not r.kinds or kind in r.kinds]


async def driver_pushover_key(driver_id: int | None) -> str:
    if driver_id is None:
        return ""
    found = await Driver.get_or_none(id=driver_id)
    return found.pushover_user_key if found else ""


async def pharmacists(store_id: int) -> list[ChatRecipient]:
    """Active employees of the store who were made pharmacists and linked Telegram."""
    user_ids = await Employee.filter(
        store_id=store_id, is_active=True, is_pharmacist=True
    ).values_list("user_id", flat=True)
    users = await User.filter(id__in=list(user_ids), is_active=True, tg_id__isnull=False).order_by(
        "id"
    )
    return [r for r in (_chat(u) for u in users) if r]
