"""Checkout in chat: (date of birth if needed) → address or location (a location is turned
into a street by reverse geocoding) → flat/floor/door → note for the driver → slot →
payment → promo → summary → confirm. The order is placed by the same checkout service as the API."""

from __future__ import annotations

import re
import uuid
from datetime import date
from html import escape
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.filters import Is
from bot.common.texts import from_opening
from bot.customer.keyboards import CartAction, Pay, SlotPick, Step, location_request, main_menu
from bot.customer.shopping import current_store
from core import qr
from core.clock import utcnow
from core.context import AppContext
from core.errors import ValidationFailed
from core.i18n import Translate, money, when
from models import Order, Store, User
from models.enums import PaymentMethod
from services import cart, checkout, crypto_payments, delivery, hours, profile, promos
from services.checkout import AddressInput, CheckoutRequest

DOB = re.compile(r"^\s*([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})\s*$")


class Checkout(StatesGroup):
    date_of_birth = State()
    address = State()
    details = State()
    note = State()
    slot = State()
    payment = State()
    promo = State()
    confirm = State()


async def begin(
    callback: CallbackQuery, bot: Bot, state: FSMContext, user: User, t: Translate, locale: str
) -> None:
    store = await current_store(state)
    view = await cart.view_cart(user.id, store.id, locale=locale, fallback=store.default_locale)
    if not view.lines:
        await callback.answer(t("Your cart is empty."), show_alert=True)
        return
    assert callback.message is not None
    chat = callback.message.chat.id
    if view.age_restricted and user.date_of_birth is None:
        await state.set_state(Checkout.date_of_birth)
        await bot.send_message(
            chat, t("Some items are 18+. Send your date of birth as DD.MM.YYYY.")
        )
    else:
        await ask_address(chat, bot, state, t)
    await callback.answer()


async def ask_address(chat_id: int, bot: Any, state: FSMContext, t: Translate) -> None:
    await state.set_state(Checkout.address)
    await bot.send_message(
        chat_id,
        t("Where should we deliver? Send the address or share your location."),
        reply_markup=location_request(t),
    )


async def date_of_birth(message: Message, state: FSMContext, user: User, t: Translate) -> None:
    match = DOB.match(message.text or "")
    try:
        born = (
            date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None
        )
    except ValueError:
        born = None
    if born is None:
        raise ValidationFailed(
            "write it as DD.MM.YYYY",
            code="date_of_birth_format",
            fields={"date_of_birth": "DD.MM.YYYY"},
        )
    await profile.declare_date_of_birth(user.id, born)
    await ask_address(message.chat.id, message.bot, state, t)


async def address(
    message: Message, state: FSMContext, ctx: AppContext, user: User, t: Translate, locale: str
) -> None:
    store = await current_store(state)
    if message.location is not None:
        text, lat, lng = None, message.location.latitude, message.location.longitude
    else:
        text, lat, lng = (message.text or "").strip()[:500], None, None
    found = await delivery.quote(
        store,
        text=text,
        lat=lat,
        lng=lng,
        geocoder=ctx.geocoder,
        settings=ctx.settings,
        locale=locale,
    )
    await state.update_data(
        address={"text": found.address_text, "lat": found.lat, "lng": found.lng}
    )
    await message.answer(
        t(
            "We deliver there: {fee} delivery, about {minutes} min.",
            fee=money(found.zone.fee_cents, store.currency, locale),
            minutes=found.eta_minutes,
        )
        + "\n"
        + t("Address: {address}", address=escape(found.address_text)),
        reply_markup=ReplyKeyboardRemove(),
    )
    await state.set_state(Checkout.details)
    await message.answer(
        t("Flat, floor, door or entry code? Send them, or skip."),
        reply_markup=_skip(t, "skip_details"),
    )


def _skip(t: Translate, action: str) -> Any:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("Skip"), callback_data=Step(action=action))
    return builder.as_markup()


async def details(message: Message, state: FSMContext, t: Translate) -> None:
    await state.update_data(details=(message.text or "").strip()[:200])
    await ask_note(message.chat.id, message.bot, state, t)


async def ask_note(chat_id: int, bot: Any, state: FSMContext, t: Translate) -> None:
    await state.set_state(Checkout.note)
    await bot.send_message(
        chat_id,
        t("A note for the driver (for example “ring twice”)? Send it, or skip."),
        reply_markup=_skip(t, "skip_note"),
    )


async def note(message: Message, state: FSMContext, t: Translate, locale: str) -> None:
    await state.update_data(note=(message.text or "").strip()[:500])
    await ask_slot(message.chat.id, message.bot, state, t, locale)


async def skip_step(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Step,
    state: FSMContext,
    t: Translate,
    locale: str,
) -> None:
    assert callback.message is not None
    chat = callback.message.chat.id
    if callback_data.action == "skip_details":
        await state.update_data(details="")
        await ask_note(chat, bot, state, t)
    else:
        await state.update_data(note="")
        await ask_slot(chat, bot, state, t, locale)
    await callback.answer()


async def ask_slot(chat_id: int, bot: Any, state: FSMContext, t: Translate, locale: str) -> None:
    """When? "As soon as possible" (or, while closed, the first time after opening) and the
    next bookable slots."""
    store = await current_store(state)
    asap = hours.asap(store, utcnow())
    builder = InlineKeyboardBuilder()
    if asap.open_now:
        builder.button(text=t("As soon as possible"), callback_data=SlotPick(slot_id=0))
    elif asap.starts_at is not None:
        opens = when(asap.starts_at, store.timezone, locale)
        await bot.send_message(
            chat_id,
            t(
                "We are closed now and open again on {time}. "
                "An order for “as soon as possible” is delivered from then.",
                time=opens,
            ),
        )
        builder.button(
            text=t("First thing after opening · {time}", time=opens),
            callback_data=SlotPick(slot_id=0),
        )
    else:
        await bot.send_message(
            chat_id, t("We are closed for the coming days: choose a delivery time.")
        )
    for slot in (await delivery.bookable_slots(store.id))[:6]:
        builder.button(
            text=when(slot.starts_at, store.timezone, locale),
            callback_data=SlotPick(slot_id=slot.id),
        )
    builder.adjust(1)
    await state.set_state(Checkout.slot)
    await bot.send_message(chat_id, t("When?"), reply_markup=builder.as_markup())


async def slot(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: SlotPick,
    state: FSMContext,
    ctx: AppContext,
    t: Translate,
) -> None:
    await state.update_data(slot_id=callback_data.slot_id or None)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("Cash on delivery"), callback_data=Pay(method="cash"))
    builder.button(text=t("Card on delivery"), callback_data=Pay(method="card"))
    for asset in crypto_payments.ASSETS:
        if crypto_payments.accepted(ctx.settings, asset):
            builder.button(
                text=t("Crypto: {coin}", coin=asset.replace("_", " ")),
                callback_data=Pay(method="crypto", asset=asset),
            )
    builder.adjust(1)
    await state.set_state(Checkout.payment)
    assert callback.message is not None
    await bot.send_message(
        callback.message.chat.id, t("How will you pay?"), reply_markup=builder.as_markup()
    )
    await callback.answer()


async def payment(
    callback: CallbackQuery, bot: Bot, callback_data: Pay, state: FSMContext, t: Translate
) -> None:
    await state.update_data(
        payment=PaymentMethod(callback_data.method).value,
        crypto_asset=callback_data.asset or None,
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=t("No promo code"), callback_data=Step(action="skip_promo"))
    await state.set_state(Checkout.promo)
    assert callback.message is not None
    await bot.send_message(
        callback.message.chat.id,
        t("Have a promo code? Send it, or skip."),
        reply_markup=builder.as_markup(),
    )
    await callback.answer()


async def _request(state: FSMContext, user: User, store_id: int) -> CheckoutRequest:
    data = await state.get_data()
    where = data["address"]
    return CheckoutRequest(
        store_id=store_id,
        items=await cart.cart_items(user.id, store_id),
        address=AddressInput(
            text=where["text"],
            lat=where["lat"],
            lng=where["lng"],
            details=data.get("details") or "",
        ),
        payment_method=PaymentMethod(data["payment"]),
        crypto_asset=data.get("crypto_asset"),
        slot_id=data.get("slot_id"),
        promo_code=data.get("promo"),
        note=data.get("note") or "",
    )


async def summary(
    chat_id: int,
    bot: Any,
    state: FSMContext,
    ctx: AppContext,
    user: User,
    t: Translate,
    locale: str,
) -> None:
    store = await current_store(state)
    request = await _request(state, user, store.id)
    shown = await checkout.preview(ctx, user_id=user.id, request=request, locale=locale)
    totals = shown.totals
    lines = [
        t("<b>Your order</b>"),
        t("Items: {amount}", amount=money(totals.subtotal_cents, store.currency, locale)),
        t("Delivery: {amount}", amount=money(totals.delivery_fee_cents, store.currency, locale)),
    ]
    if totals.discount_cents:
        lines.append(
            t("Discount: −{amount}", amount=money(totals.discount_cents, store.currency, locale))
        )
    lines += [
        t("Total: {amount}", amount=money(totals.total_cents, store.currency, locale)),
        t("Address: {address}", address=escape(shown.address_text)),
    ]
    data = await state.get_data()
    if data.get("details"):
        lines.append(t("Flat, floor, door: {details}", details=escape(data["details"])))
    if data.get("note"):
        lines.append(t("Note for the driver: {note}", note=escape(data["note"])))
    if shown.deliver_after is not None:
        lines.append(from_opening(shown.deliver_after, store, t, locale))
    await state.update_data(idempotency_key=uuid.uuid4().hex)
    await state.set_state(Checkout.confirm)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("✅ Place order"), callback_data=Step(action="confirm"))
    builder.button(text=t("✖ Not now"), callback_data=Step(action="abort"))
    await bot.send_message(chat_id, "\n".join(lines), reply_markup=builder.as_markup())


async def promo_code(
    message: Message, state: FSMContext, ctx: AppContext, user: User, t: Translate, locale: str
) -> None:
    store = await current_store(state)
    code = (message.text or "").strip()[:32]
    subtotal = (
        await cart.view_cart(user.id, store.id, locale=locale, fallback=store.default_locale)
    ).subtotal_cents
    await promos.check_promo(store.id, code, user.id, subtotal)
    await state.update_data(promo=code)
    await summary(message.chat.id, message.bot, state, ctx, user, t, locale)


async def skip_promo(
    callback: CallbackQuery,
    bot: Bot,
    state: FSMContext,
    ctx: AppContext,
    user: User,
    t: Translate,
    locale: str,
) -> None:
    await state.update_data(promo=None)
    assert callback.message is not None
    await summary(callback.message.chat.id, bot, state, ctx, user, t, locale)
    await callback.answer()


async def confirm(
    callback: CallbackQuery,
    bot: Bot,
    state: FSMContext,
    ctx: AppContext,
    user: User,
    t: Translate,
    locale: str,
) -> None:
    store = await current_store(state)
    data = await state.get_data()
    order, _ = await checkout.place_order(
        ctx,
        user_id=user.id,
        request=await _request(state, user, store.id),
        idempotency_key=data.get("idempotency_key"),
        locale=locale,
    )
    await state.set_state(None)
    await state.update_data(
        address=None,
        details=None,
        note=None,
        payment=None,
        crypto_asset=None,
        promo=None,
        slot_id=None,
        idempotency_key=None,
    )
    assert callback.message is not None
    await bot.send_message(
        callback.message.chat.id,
        t(
            "Order {number} placed! Total {total}. We will keep you posted here.",
            number=order.number,
            total=money(order.total_cents, order.currency, locale),
        )
        + (
            "\n" + from_opening(order.deliver_after, store, t, locale)
            if order.deliver_after
            else ""
        ),
        reply_markup=main_menu(t),
    )
    if order.payment_method is PaymentMethod.CRYPTO:
        await send_invoice(bot, callback.message.chat.id, ctx, order, store, t, locale)
    await callback.answer()


async def send_invoice(
    bot: Bot,
    chat_id: int,
    ctx: AppContext,
    order: Order,
    store: Store,
    t: Translate,
    locale: str,
) -> None:
    """The crypto invoice as a photo of its QR code, with the amount and the address."""
    deposit = await crypto_payments.invoice_for(order)
    if deposit is None:
        return
    uri = crypto_payments.payment_uri(deposit, ctx.settings)
    lines = [
        t(
            "Pay {amount} {coin} to this address:",
            amount=crypto_payments.coins(int(deposit.amount_expected), deposit.asset),
            coin=deposit.asset.replace("_", " "),
        ),
        f"<code>{escape(deposit.address)}</code>",
    ]
    if deposit.expires_at is not None:
        lines.append(t("Pay before {time}.", time=when(deposit.expires_at, store.timezone, locale)))
    await bot.send_photo(
        chat_id,
        BufferedInputFile(qr.png(uri), filename="invoice.png"),
        caption="\n".join(lines),
    )


async def abort(callback: CallbackQuery, state: FSMContext, t: Translate) -> None:
    await state.set_state(None)
    await callback.answer(t("Checkout stopped. Your cart is kept."))


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(begin, CartAction.filter(F.action == "checkout"))
    built.message.register(date_of_birth, StateFilter(Checkout.date_of_birth), Is(F.text))
    built.message.register(address, StateFilter(Checkout.address), Is(F.text | F.location))
    built.message.register(details, StateFilter(Checkout.details), Is(F.text))
    built.message.register(note, StateFilter(Checkout.note), Is(F.text))
    built.callback_query.register(
        skip_step, Step.filter(F.action.in_({"skip_details", "skip_note"}))
    )
    built.callback_query.register(slot, StateFilter(Checkout.slot), SlotPick.filter())
    built.callback_query.register(payment, StateFilter(Checkout.payment), Pay.filter())
    built.message.register(promo_code, StateFilter(Checkout.promo), Is(F.text))
    built.callback_query.register(
        skip_promo, StateFilter(Checkout.promo), Step.filter(F.action == "skip_promo")
    )
    built.callback_query.register(
        confirm, StateFilter(Checkout.confirm), Step.filter(F.action == "confirm")
    )
    built.callback_query.register(abort, Step.filter(F.action == "abort"))
    return built
