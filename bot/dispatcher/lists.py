"""/orders: open orders by status; /drivers: drivers on shift with their last location."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.common.staff import RequireStaff
from bot.common.texts import status_name
from core.i18n import Translate, money, when
from core.security import Principal
from models import Store
from models.enums import Role
from models.transitions import OPEN_STATUSES
from services import orders

STAFF = (Role.DISPATCHER, Role.MANAGER, Role.ADMIN)


async def open_orders(message: Message, principal: Principal, t: Translate, locale: str) -> None:
    lines: list[str] = []
    for store_id in principal.store_ids:
        rows = await orders.list_store_orders(principal, store_id, limit=100)
        for status in OPEN_STATUSES:
            mine = [o for o in rows if o.status is status]
            if mine:
                lines.append(f"<b>{status_name(status, t)}</b> ({len(mine)})")
                lines += [
                    f"  {o.number} · {money(o.total_cents, o.currency, locale)}" for o in mine
                ]
    await message.answer("\n".join(lines) or t("No open orders."))


async def drivers(message: Message, principal: Principal, t: Translate, locale: str) -> None:
    lines: list[str] = []
    for store_id in principal.store_ids:
        store = await Store.get(id=store_id)
        for load in await orders.list_store_drivers(principal, store_id, on_shift_only=True):
            d = load.driver
            where = (
                t(
                    "last seen {time} at {lat:.4f}, {lng:.4f}",
                    time=when(d.last_location_at, store.timezone, locale),
                    lat=d.last_lat,
                    lng=d.last_lng,
                )
                if d.last_location_at and d.last_lat is not None and d.last_lng is not None
                else t("no location yet")
            )
            lines.append(
                t(
                    "{name}: {count} in hand, {where}",
                    name=load.name,
                    count=load.active_orders,
                    where=where,
                )
            )
    await message.answer("\n".join(lines) or t("No driver is on shift."))


def router() -> Router:
    built = Router(name=__name__)
    built.message.middleware(RequireStaff(STAFF))
    built.message.register(open_orders, Command("orders"))
    built.message.register(drivers, Command("drivers"))
    return built
