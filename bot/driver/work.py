"""The driver's day: shifts, deliveries (picked up, ID checked, proof photo, delivered with
cash) and live location."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.common.choosers import close_chooser, open_chooser
from bot.common.filters import Is
from bot.common.staff import RequireStaff
from bot.common.texts import delivery_card
from bot.driver.keyboards import (
    END_SHIFT,
    MY_DELIVERIES,
    START_SHIFT,
    Delivery,
    IdDoc,
    OfferAnswer,
    Refuse,
    delivery_actions,
    documents,
    refusals,
    skip_photo,
)
from core.context import AppContext
from core.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from core.i18n import Translate, money
from core.security import Principal
from models import Order
from models.enums import IdDocument, OrderStatus, PaymentMethod, Role
from services import auto_dispatch, cold_chain, drivers, orders, proof
from services.error_texts import explain_error

YEAR = re.compile(r"^\s*\d{4}\s*$")
# What services.media says about a file that is not a usable picture: the driver tries again.
PICTURE_PROBLEMS = frozenset(
    {"payload_too_large", "not_an_image", "image_damaged", "image_too_large"}
)


class Handover(StatesGroup):
    cash = State()
    birth_year = State()
    photo = State()


async def menu_choice(message: Message, principal: Principal, t: Translate, locale: str) -> None:
    text = message.text or ""
    if text == t(START_SHIFT) or text == "/shift_start":
        await drivers.start_shift(principal.user_id)
        await message.answer(t("Shift started. You will get deliveries here."))
    elif text == t(END_SHIFT) or text == "/shift_end":
        await drivers.end_shift(principal.user_id)
        await message.answer(t("Shift ended. Thank you!"))
    elif text == t(MY_DELIVERIES) or text == "/deliveries":
        mine = await orders.driver_orders(principal)
        if not mine:
            await message.answer(t("No deliveries right now."))
        for order in mine:
            await message.answer(
                await delivery_card(order, t, locale), reply_markup=delivery_actions(order, t)
            )


async def picked_up(
    callback: CallbackQuery, callback_data: Delivery, principal: Principal, t: Translate
) -> None:
    await orders.transition(callback_data.order_id, OrderStatus.PICKED_UP, principal)
    await callback.answer(t("Picked up"))


async def kept_cold(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Delivery,
    principal: Principal,
    t: Translate,
    locale: str,
) -> None:
    order = await cold_chain.confirm_kept_cold(callback_data.order_id, principal)
    if callback.message is not None:
        await bot.edit_message_text(
            await delivery_card(order, t, locale),
            chat_id=callback.message.chat.id,
            message_id=callback.message.message_id,
            reply_markup=delivery_actions(order, t),
        )
    await callback.answer(t("Kept cold: noted"))


async def ask_document(
    callback: CallbackQuery, bot: Bot, callback_data: Delivery, principal: Principal, t: Translate
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    text = t("Which document did the customer show for {number}?", number=order.number)
    await open_chooser(callback, bot, text, documents(order.id, t))


async def document_seen(
    callback: CallbackQuery, bot: Bot, callback_data: IdDoc, state: FSMContext, t: Translate
) -> None:
    await state.set_state(Handover.birth_year)
    await state.update_data(order_id=callback_data.order_id, document=callback_data.document)
    if callback.message is not None:
        await bot.edit_message_text(
            t("What year of birth does the document show? For example 1990."),
            chat_id=callback.message.chat.id,
            message_id=callback.message.message_id,
        )
    await callback.answer()


def parse_year(text: str) -> int:
    if not YEAR.match(text):
        raise ValidationFailed(
            "write the year as four digits", code="birth_year_format", fields={"birth_year": "YYYY"}
        )
    return int(text.strip())


async def birth_year(
    message: Message, principal: Principal, t: Translate, state: FSMContext
) -> None:
    year = parse_year(message.text or "")
    data = await state.get_data()
    await state.clear()  # an under-age year ends the check: the card offers the refusal
    await orders.record_id_check(
        int(data["order_id"]),
        principal,
        document_type=IdDocument(data["document"]),
        birth_year=year,
    )
    await message.answer(t("ID check recorded. You can hand the order over."))


async def ask_refusal(
    callback: CallbackQuery, bot: Bot, callback_data: Delivery, principal: Principal, t: Translate
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    text = t("Why can you not hand over {number}?", number=order.number)
    await open_chooser(callback, bot, text, refusals(order.id, t))


async def refuse(
    callback: CallbackQuery, bot: Bot, callback_data: Refuse, principal: Principal, t: Translate
) -> None:
    await orders.refuse_handover(callback_data.order_id, principal, reason=callback_data.reason)
    if callback.message is not None:
        await bot.delete_message(callback.message.chat.id, callback.message.message_id)
    await callback.answer(
        t("Marked as returning. Bring the items back to the pharmacy."), show_alert=True
    )


async def delivered(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Delivery,
    principal: Principal,
    t: Translate,
    state: FSMContext,
    locale: str,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    if order.status is OrderStatus.PICKED_UP and not order.proof_photo:
        # Said before the photo and the cash: the card offers Delivered only after these.
        if order.cold_chain and order.kept_cold_at is None:
            raise ValidationFailed("confirm the goods were kept cold", code="kept_cold_required")
        if order.requires_id_check and order.id_checked_at is None:
            raise ValidationFailed("check the ID first", code="id_check_required")
        await state.set_state(Handover.photo)
        await state.update_data(order_id=order.id)
        if callback.message is not None:
            must = await proof.required(order)
            await bot.send_message(
                callback.message.chat.id,
                t(
                    "Take a photo of order {number} as you hand it over and send it here.",
                    number=order.number,
                )
                if must
                else t(
                    "Take a photo of order {number} as you hand it over and send it here, "
                    "or skip it.",
                    number=order.number,
                ),
                reply_markup=None if must else skip_photo(order.id, t),
            )
        await callback.answer()
        return
    chat_id = callback.message.chat.id if callback.message is not None else callback.from_user.id
    done = await _finish(bot, chat_id, order, principal, t, state, locale)
    await callback.answer(t("Delivered") if done else None)


async def _finish(
    bot: Bot,
    chat_id: int,
    order: Order,
    principal: Principal,
    t: Translate,
    state: FSMContext,
    locale: str,
) -> bool:
    """The handover's last step: the cash question for a cash order (False), else the order
    is delivered (True)."""
    if order.payment_method is PaymentMethod.CASH and order.total_cents > 0:
        if order.requires_id_check and order.id_checked_at is None:
            raise ValidationFailed("check the ID first", code="id_check_required")
        await state.set_state(Handover.cash)
        await state.update_data(order_id=order.id)
        await bot.send_message(
            chat_id,
            t(
                "How much cash did you collect for {number}? The total is {total}.",
                number=order.number,
                total=money(order.total_cents, order.currency, locale),
            ),
        )
        return False
    await state.clear()
    await orders.transition(order.id, OrderStatus.DELIVERED, principal)
    return True


async def skip_proof(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Delivery,
    principal: Principal,
    t: Translate,
    state: FSMContext,
    locale: str,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    if await proof.required(order) and not order.proof_photo:
        raise ValidationFailed("the photo is required", code="proof_photo_required")
    chat_id = callback.message.chat.id if callback.message is not None else callback.from_user.id
    done = await _finish(bot, chat_id, order, principal, t, state, locale)
    if callback.message is not None:  # the photo request is answered
        await bot.delete_message(chat_id, callback.message.message_id)
    await callback.answer(t("Delivered") if done else None)


def _picture(message: Message) -> tuple[str, int] | None:
    """The file id and declared size of the picture in the message (a photo, or an image
    sent as a file), or None."""
    if message.photo:
        largest = message.photo[-1]
        return largest.file_id, largest.file_size or 0
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        return document.file_id, document.file_size or 0
    return None


async def proof_photo(
    message: Message,
    bot: Bot,
    principal: Principal,
    ctx: AppContext,
    t: Translate,
    state: FSMContext,
    locale: str,
) -> None:
    """A message while the bot waits for the handover photo: anything but a usable picture
    gets a reply saying so, and the bot keeps waiting."""
    text = message.text or ""
    order_id = int((await state.get_data())["order_id"])
    waiting = await orders.get_order_for(principal, order_id)
    if (
        text.startswith("/")
        or text in {t(START_SHIFT), t(END_SHIFT), t(MY_DELIVERIES)}
        or waiting.status is not OrderStatus.PICKED_UP  # refused or handled meanwhile
    ):
        await state.clear()  # the driver moved on: the menu works as usual
        await menu_choice(message, principal, t, locale)
        return
    picture = _picture(message)
    if picture is None:
        await message.answer(t("Please send a photo of the order you handed over."))
        return
    file_id, size = picture
    if size > ctx.settings.media_max_upload_bytes:
        await message.answer(
            t("This photo is too large. Send it as a photo, not as a file, please.")
        )
        return
    downloaded = await bot.download(file_id)
    data = downloaded.read() if downloaded is not None else b""
    try:
        order = await proof.attach_photo(ctx.settings, principal, order_id, data)
    except (PayloadTooLarge, UnsupportedMediaType, ValidationFailed) as exc:
        if exc.code not in PICTURE_PROBLEMS:
            raise
        await message.answer(explain_error(exc, locale) + "\n" + t("Please send the photo again."))
        return
    if await _finish(bot, message.chat.id, order, principal, t, state, locale):
        await message.answer(t("Photo saved. Delivered, thank you!"))


def parse_cents(text: str) -> int:
    try:
        amount = Decimal(text.replace(",", ".").strip())
    except InvalidOperation:
        raise ValidationFailed(
            "write the amount as a number, like 23.50",
            code="cash_amount_format",
            fields={"cash_collected_cents": "not a number"},
        ) from None
    if amount < 0 or amount > 100_000:
        raise ValidationFailed(
            "that amount is not plausible",
            code="cash_amount_format",
            fields={"cash_collected_cents": "out of range"},
        )
    return int((amount * 100).to_integral_value())


async def cash_amount(
    message: Message, principal: Principal, t: Translate, state: FSMContext
) -> None:
    data = await state.get_data()
    cents = parse_cents(message.text or "")
    await orders.transition(
        int(data["order_id"]), OrderStatus.DELIVERED, principal, cash_collected_cents=cents
    )
    await state.clear()
    await message.answer(t("Delivered. Cash recorded."))


async def location(message: Message, principal: Principal, ctx: AppContext, t: Translate) -> None:
    point = message.location
    assert point is not None
    updates = await drivers.update_location(
        ctx.settings, ctx.bus, principal.user_id, point.latitude, point.longitude
    )
    # Live locations repeat every few seconds: say nothing. A one-off location is acknowledged
    # only when it moved an ETA someone sees.
    if message.edit_date is None and point.live_period is None and updates:
        await message.answer(t("Location saved: arrival times are updated for your deliveries."))


async def answer_offer(
    callback: CallbackQuery, callback_data: OfferAnswer, principal: Principal, t: Translate
) -> None:
    """Accept or Decline under an offer; a closed offer answers offer_closed (the error
    handler's alert), the message itself is edited through the outbox."""
    if callback_data.action == "accept":
        await auto_dispatch.accept(callback_data.offer_id, principal)
        await callback.answer(t("The delivery is yours."))
    else:
        await auto_dispatch.decline(callback_data.offer_id, principal)
        await callback.answer(t("Passed on to another driver."))


def router() -> Router:
    built = Router(name=__name__)
    only_drivers = RequireStaff((Role.DRIVER,))
    built.message.middleware(only_drivers)
    built.edited_message.middleware(only_drivers)
    built.callback_query.middleware(only_drivers)
    built.message.register(cash_amount, StateFilter(Handover.cash), Is(F.text))
    built.message.register(birth_year, StateFilter(Handover.birth_year), Is(F.text))
    built.message.register(proof_photo, StateFilter(Handover.photo), Is(~F.location))
    built.message.register(location, Is(F.location))
    built.edited_message.register(location, Is(F.location))
    built.message.register(menu_choice, Is(F.text))
    built.callback_query.register(picked_up, Delivery.filter(F.action == "picked_up"))
    built.callback_query.register(ask_document, Delivery.filter(F.action == "id_ok"))
    built.callback_query.register(kept_cold, Delivery.filter(F.action == "kept_cold"))
    built.callback_query.register(document_seen, IdDoc.filter())
    built.callback_query.register(ask_refusal, Delivery.filter(F.action == "refuse"))
    built.callback_query.register(refuse, Refuse.filter())
    built.callback_query.register(close_chooser, Delivery.filter(F.action == "back"))
    built.callback_query.register(delivered, Delivery.filter(F.action == "delivered"))
    built.callback_query.register(answer_offer, OfferAnswer.filter())
    built.callback_query.register(skip_proof, Delivery.filter(F.action == "skip_photo"))
    return built
