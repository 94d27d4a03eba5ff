from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    WebAppInfo,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Translate
from core.i18n import gettext_noop as N

CATALOG = N("🛍 Catalog")
CART = N("🛒 Cart")
MY_ORDERS = N("📦 My orders")
LANGUAGE = N("🌐 Language")
PAGE_SIZE = 6


class Cat(CallbackData, prefix="c"):
    category_id: int
    page: int = 0


class Prod(CallbackData, prefix="p"):
    product_id: int


class Add(CallbackData, prefix="a"):
    variant_id: int


class StockWatch(CallbackData, prefix="sw"):
    variant_id: int


class CartEdit(CallbackData, prefix="ce"):
    variant_id: int
    delta: int  # +1, -1, or 0 to remove


class CartAction(CallbackData, prefix="ca"):
    action: str  # view | checkout


class SlotPick(CallbackData, prefix="sl"):
    slot_id: int  # 0: as soon as possible


class Pay(CallbackData, prefix="pm"):
    method: str
    asset: str = ""  # the coin, when method is "crypto"


class Step(CallbackData, prefix="st"):
    action: str  # skip_promo | confirm | abort


class OrderView(CallbackData, prefix="ov"):
    order_id: int


class OrderAct(CallbackData, prefix="oc"):
    order_id: int
    action: str  # cancel | reorder | rate


class Rate(CallbackData, prefix="rt"):
    order_id: int
    stars: int


class Lang(CallbackData, prefix="lg"):
    code: str


def main_menu(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t(CATALOG)), KeyboardButton(text=t(CART))],
            [KeyboardButton(text=t(MY_ORDERS)), KeyboardButton(text=t(LANGUAGE))],
            [KeyboardButton(text=t("📱 Share my phone"), request_contact=True)],
        ],
        resize_keyboard=True,
    )


def shop_button(t: Translate, url: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("Open the shop"), web_app=WebAppInfo(url=url))
    return builder.as_markup()


def languages() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in (("en", "English"), ("ru", "Русский"), ("es", "Español")):
        builder.button(text=name, callback_data=Lang(code=code))
    return builder.as_markup()


def location_request(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=t("📍 Send my location"), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
