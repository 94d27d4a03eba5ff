"""Sending the prescription for an order from chat: a photo, a PDF or an e-prescription
code; or dropping the prescription items instead."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.customer.keyboards import OrderAct
from core.context import AppContext
from core.errors import ValidationFailed
from core.i18n import Translate
from core.security import Principal
from services import orders, prescriptions


class RxUpload(StatesGroup):
    file = State()


async def ask_file(
    callback: CallbackQuery,
    callback_data: OrderAct,
    principal: Principal,
    state: FSMContext,
    t: Translate,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    await state.set_state(RxUpload.file)
    await state.update_data(order_id=order.id)
    if callback.message is not None:
        await callback.message.answer(
            t(
                "Send a photo or a PDF of the prescription for {number}, or type the "
                "e-prescription code.",
                number=order.number,
            )
        )
    await callback.answer()


async def received(
    message: Message,
    bot: Bot,
    principal: Principal,
    state: FSMContext,
    ctx: AppContext,
    t: Translate,
) -> None:
    order_id = int((await state.get_data())["order_id"])
    item = message.photo[-1] if message.photo else message.document
    if item is not None:
        if (item.file_size or 0) > prescriptions.MAX_FILE_BYTES:
            raise ValidationFailed("the file is larger than 10 MB", code="prescription_too_large")
        downloaded = await bot.download(item.file_id)
        data = downloaded.read() if downloaded is not None else b""
        await prescriptions.submit_file(ctx, principal, order_id, data)
    elif message.text:
        await prescriptions.submit_code(ctx, principal, order_id, message.text)
    else:
        await message.answer(t("Send a photo (JPEG or PNG) or a PDF of the prescription."))
        return
    await state.clear()
    await message.answer(t("Thank you! A pharmacist will check the prescription."))


async def remove_items(
    callback: CallbackQuery,
    callback_data: OrderAct,
    principal: Principal,
    ctx: AppContext,
    t: Translate,
) -> None:
    await prescriptions.remove_rx_lines(ctx, principal, callback_data.order_id)
    await callback.answer(t("The prescription items were removed."), show_alert=True)


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(ask_file, OrderAct.filter(F.action == "rx"))
    built.callback_query.register(remove_items, OrderAct.filter(F.action == "rx_remove"))
    built.message.register(received, StateFilter(RxUpload.file))
    return built
