"""/wallet: the customer's balance in the store they shop in, and the last movements;
/invite: their referral link."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.customer.shopping import current_store
from core.context import AppContext
from core.i18n import Translate, money, when
from core.security import Principal
from models import User
from services import loyalty

SHOWN = 5


async def wallet(
    message: Message, state: FSMContext, principal: Principal, t: Translate, locale: str
) -> None:
    store = await current_store(state)
    found = await loyalty.statement(principal.user_id, store)
    lines = [t("Your balance: {amount}", amount=money(found.balance_cents, found.currency, locale))]
    for row in found.transactions[:SHOWN]:
        lines.append(
            f"{when(row.created_at, store.timezone, locale)} · "
            f"{money(row.amount_cents, found.currency, locale)} · {escape(row.reference)}"
        )
    if not found.transactions:
        lines.append(t("No movements yet: cashback from delivered orders appears here."))
    await message.answer("\n".join(lines))


async def invite(message: Message, ctx: AppContext, principal: Principal, t: Translate) -> None:
    user = await User.get(id=principal.user_id)
    found = await loyalty.referral(ctx.settings, user)
    await message.answer(
        t(
            "Invite friends with your link: {link}\nFriends invited: {count}",
            link=found.link,
            count=found.invited,
        )
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(wallet, Command("wallet"))
    built.message.register(invite, Command("invite"))
    return built
