"""Pharmacists review prescriptions from the staff bot: a new prescription arrives with Open /
Approve / Reject buttons; Open sends the file (or shows the e-prescription code); Reject asks
for the note the customer will read."""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.filters import Is
from bot.common.staff import RequireStaff
from bot.dispatcher.keyboards import RxReview
from core.context import AppContext
from core.i18n import Translate
from core.security import Principal
from models.enums import Role
from services import orders, prescriptions

STAFF = (Role.DISPATCHER, Role.MANAGER, Role.ADMIN)


class RejectNote(StatesGroup):
    note = State()


def review_buttons(order_id: int, t: Translate, *, with_open: bool = True) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if with_open:
        builder.button(
            text=t("📄 Open prescription"), callback_data=RxReview(order_id=order_id, action="open")
        )
    builder.button(
        text=t("✅ Approve"), callback_data=RxReview(order_id=order_id, action="approved")
    )
    builder.button(
        text=t("❌ Reject"), callback_data=RxReview(order_id=order_id, action="rejected")
    )
    if with_open:
        builder.adjust(1, 2)
    else:
        builder.adjust(2)
    return builder.as_markup()


async def open_prescription(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: RxReview,
    principal: Principal,
    ctx: AppContext,
    t: Translate,
) -> None:
    order_id = callback_data.order_id
    view = await prescriptions.latest(ctx, principal, order_id)
    order = await orders.get_order_for(principal, order_id)
    chat_id = callback.from_user.id
    caption = t("Prescription for order {number}", number=escape(order.number))
    if view.kind == "code":
        await bot.send_message(
            chat_id,
            caption
            + "\n"
            + t("E-prescription code: {code}", code=f"<code>{escape(view.code)}</code>"),
            reply_markup=review_buttons(order_id, t, with_open=False),
        )
    else:
        data, content_type = await prescriptions.read_file(ctx, principal, order_id)
        extension = {"image/jpeg": "jpg", "image/png": "png"}.get(content_type, "pdf")
        await bot.send_document(
            chat_id,
            BufferedInputFile(data, filename=f"prescription-{order.number}.{extension}"),
            caption=caption,
            reply_markup=review_buttons(order_id, t, with_open=False),
        )
    await callback.answer()


async def approve(
    callback: CallbackQuery,
    callback_data: RxReview,
    principal: Principal,
    ctx: AppContext,
    t: Translate,
) -> None:
    await prescriptions.review(ctx, principal, callback_data.order_id, decision="approved")
    await callback.answer(t("Prescription approved"))


async def ask_note(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: RxReview,
    principal: Principal,
    state: FSMContext,
    t: Translate,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    await state.set_state(RejectNote.note)
    await state.update_data(order_id=order.id)
    await bot.send_message(
        callback.from_user.id,
        t(
            "Why is the prescription for {number} rejected? The customer will read it.",
            number=escape(order.number),
        ),
    )
    await callback.answer()


async def reject_with_note(
    message: Message, principal: Principal, state: FSMContext, ctx: AppContext, t: Translate
) -> None:
    order_id = int((await state.get_data())["order_id"])
    await state.clear()
    await prescriptions.review(
        ctx, principal, order_id, decision="rejected", note=message.text or ""
    )
    await message.answer(t("Prescription rejected; the customer was told why."))


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.middleware(RequireStaff(STAFF))
    built.message.middleware(RequireStaff(STAFF))
    built.callback_query.register(open_prescription, RxReview.filter(F.action == "open"))
    built.callback_query.register(approve, RxReview.filter(F.action == "approved"))
    built.callback_query.register(ask_note, RxReview.filter(F.action == "rejected"))
    built.message.register(reject_with_note, StateFilter(RejectNote.note), Is(F.text))
    return built
