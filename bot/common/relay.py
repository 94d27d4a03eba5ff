"""The chat relay in the customer and driver bots: "Message the driver/customer" asks for one
text, which services.relay keeps on the order and forwards through the other person's bot."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.filters import Is
from core.i18n import Translate
from core.security import Principal
from models import OutboxMessage
from services import relay


class RelayTo(CallbackData, prefix="rl"):
    order_id: int


class Relay(StatesGroup):
    text = State()


def relayed(title: str, row: OutboxMessage) -> str:
    """The relayed message as the other person reads it (HTML-escaped: it is someone's text)."""
    return f"<b>{escape(title)}</b>\n{escape(str(row.payload['text']))}"


def reply_button(order_id: int, t: Translate) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("↩ Reply"), callback_data=RelayTo(order_id=order_id))
    return builder.as_markup()


def router(prompt: str) -> Router:
    """`prompt`: what the bot asks for (a text marked for translation)."""

    async def ask(
        callback: CallbackQuery, callback_data: RelayTo, state: FSMContext, t: Translate
    ) -> None:
        await state.set_state(Relay.text)
        await state.update_data(relay_order_id=callback_data.order_id)
        if callback.message is not None:
            await callback.message.answer(t(prompt))
        await callback.answer()

    async def forward(
        message: Message, state: FSMContext, principal: Principal, t: Translate
    ) -> None:
        order_id = int((await state.get_data())["relay_order_id"])
        await state.set_state(None)
        await relay.send(order_id, principal, message.text or "")
        await message.answer(t("Sent. The reply will come here."))

    built = Router(name=f"{__name__}:{prompt}")
    built.callback_query.register(ask, RelayTo.filter())
    built.message.register(forward, StateFilter(Relay.text), Is(F.text))
    return built
