"""Browsing the catalog and the cart in chat."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from html import escape
from typing import Any

from aiogram import BaseMiddleware, Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.customer.keyboards import PAGE_SIZE, Add, CartAction, CartEdit, Cat, Prod, StockWatch
from core import changes
from core.context import AppContext
from core.i18n import Translate, money
from core.lru import TTLCache
from models import Store, User
from services import cart, catalog, stock_alerts
from services.catalog import ProductQuery
from services.stores import first_store, get_store

# Stores change rarely, and every change goes through a service that empties this cache at
# once (core.changes); the TTL bounds what another process may serve after a change.
STORE_TTL = 10.0
_stores: ContextVar[TTLCache[Store] | None] = ContextVar("customer_bot_stores", default=None)


class KnownStores(BaseMiddleware):
    """Keeps the stores the customer bot sells from for STORE_TTL seconds, for this app's
    updates (`current_store` finds the cache in the update's context)."""

    def __init__(self) -> None:
        self._cache: TTLCache[Store] = TTLCache(1_000, STORE_TTL)
        changes.register("store", self._cache)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        token = _stores.set(self._cache)
        try:
            return await handler(event, data)
        finally:
            _stores.reset(token)


async def current_store(state: FSMContext) -> Store:
    """The store this chat shops in: chosen by a /start link, else the first one. Raises
    NotFound when it is closed (or none is open)."""
    store_id = (await state.get_data()).get("store_id")
    key = str(store_id or "first")
    cache = _stores.get()
    store = cache.get(key) if cache is not None else None
    if store is None:
        store = await get_store(int(store_id)) if store_id else await first_store()
        if cache is not None:
            cache.set(key, store)
    return store


async def show_categories(message: Message, state: FSMContext, t: Translate, locale: str) -> None:
    store = await current_store(state)
    tree = await catalog.list_categories(store.id, locale=locale, fallback=store.default_locale)
    builder = InlineKeyboardBuilder()
    for node in tree:
        builder.button(text=node["name"], callback_data=Cat(category_id=node["id"]))
    builder.adjust(2)
    await message.answer(
        t("Choose a category, or just type what you are looking for."),
        reply_markup=builder.as_markup(),
    )


def _product_list(page: dict[str, Any], back: Cat | None, t: Translate) -> Any:
    builder = InlineKeyboardBuilder()
    for product in page["items"]:
        name = (
            f"Rx · {product['name']}" if product.get("prescription_required") else product["name"]
        )
        builder.button(text=name, callback_data=Prod(product_id=product["id"]))
    if back is not None:
        if back.page > 0:
            builder.button(
                text="◀", callback_data=Cat(category_id=back.category_id, page=back.page - 1)
            )
        if back.page + 1 < page["pages"]:
            builder.button(
                text="▶", callback_data=Cat(category_id=back.category_id, page=back.page + 1)
            )
    builder.adjust(1)
    return builder.as_markup()


async def browse(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Cat,
    state: FSMContext,
    ctx: AppContext,
    t: Translate,
    locale: str,
    user: User,
) -> None:
    store = await current_store(state)
    page = await catalog.search_products(
        ctx.cache,
        store.id,
        ProductQuery(
            category_id=callback_data.category_id, page=callback_data.page + 1, per_page=PAGE_SIZE
        ),
        locale=locale,
        fallback=store.default_locale,
        user_id=user.id,
    )
    if callback.message is not None:
        await bot.send_message(
            callback.message.chat.id,
            t("Page {page} of {pages}", page=callback_data.page + 1, pages=max(page["pages"], 1)),
            reply_markup=_product_list(page, callback_data, t),
        )
    await callback.answer()


async def search(
    message: Message, state: FSMContext, ctx: AppContext, t: Translate, locale: str, user: User
) -> None:
    store = await current_store(state)
    page = await catalog.search_products(
        ctx.cache,
        store.id,
        ProductQuery(q=(message.text or "").strip()[:200], per_page=PAGE_SIZE),
        locale=locale,
        fallback=store.default_locale,
        user_id=user.id,
    )
    if not page["items"]:
        await message.answer(t("Nothing found. Try another word."))
        return
    await message.answer(
        t("Found {count}:", count=page["total"]), reply_markup=_product_list(page, None, t)
    )


async def product_card(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: Prod,
    state: FSMContext,
    ctx: AppContext,
    t: Translate,
    locale: str,
) -> None:
    store = await current_store(state)
    product = await catalog.get_product(
        ctx.cache, store.id, callback_data.product_id, locale=locale, fallback=store.default_locale
    )
    lines = [f"<b>{escape(product['name'])}</b>", escape(product["description"])]
    if product["age_restricted"]:
        lines.append(t("18+: the driver checks your ID at handover."))
    if product.get("prescription_required"):
        lines.append(t("Rx: send the prescription after ordering; a pharmacist checks it."))
    if product.get("cold_chain"):
        lines.append(t("Kept cold all the way to your door."))
    builder = InlineKeyboardBuilder()
    for variant in product["variants"]:
        price = money(variant["price_cents"], store.currency, locale)
        lines.append(f"• {escape(variant['name'])} — {price}")
        if variant["stock"] > 0:
            builder.button(
                text=t("Add {variant} · {price}", variant=variant["name"], price=price),
                callback_data=Add(variant_id=variant["id"]),
            )
        else:
            lines.append("  " + t("out of stock"))
            builder.button(
                text=t("🔔 Tell me when {variant} is back", variant=variant["name"]),
                callback_data=StockWatch(variant_id=variant["id"]),
            )
    builder.button(text=t("🛒 Cart"), callback_data=CartAction(action="view"))
    builder.adjust(1)
    assert callback.message is not None
    chat_id = callback.message.chat.id
    # Telegram fetches the photo itself: only an absolute URL works (uploaded pictures are
    # relative /media/ paths served by this app, which Telegram cannot read as WebP anyway).
    if product["image_url"].startswith(("http://", "https://")):
        await bot.send_photo(
            chat_id,
            product["image_url"],
            caption="\n".join(lines)[:1024],
            reply_markup=builder.as_markup(),
        )
    else:
        await bot.send_message(chat_id, "\n".join(lines), reply_markup=builder.as_markup())
    await callback.answer()


async def add_to_cart(
    callback: CallbackQuery,
    callback_data: Add,
    state: FSMContext,
    user: User,
    t: Translate,
    locale: str,
) -> None:
    store = await current_store(state)
    view = await cart.add(
        user.id, store.id, callback_data.variant_id, 1, locale=locale, fallback=store.default_locale
    )
    await callback.answer(
        t("Added. Cart: {total}", total=money(view.subtotal_cents, store.currency, locale))
    )


async def watch_stock(
    callback: CallbackQuery,
    callback_data: StockWatch,
    state: FSMContext,
    user: User,
    t: Translate,
) -> None:
    store = await current_store(state)
    await stock_alerts.subscribe(user.id, store.id, callback_data.variant_id)
    await callback.answer(t("We will tell you when it is back."), show_alert=True)


async def render_cart(
    chat_id: int, bot: Any, state: FSMContext, user: User, t: Translate, locale: str
) -> None:
    store = await current_store(state)
    view = await cart.view_cart(user.id, store.id, locale=locale, fallback=store.default_locale)
    if not view.lines:
        await bot.send_message(chat_id, t("Your cart is empty."))
        return
    builder = InlineKeyboardBuilder()
    lines = [t("<b>Your cart</b>")]
    for line in view.lines:
        lines.append(
            f"• {escape(line.name)} ({escape(line.variant_name)}) × {line.quantity} = "
            f"{money(line.line_total_cents, store.currency, locale)}"
        )
        builder.button(
            text=f"➖ {line.name[:20]}",
            callback_data=CartEdit(variant_id=line.variant_id, delta=-1),
        )
        builder.button(text="➕", callback_data=CartEdit(variant_id=line.variant_id, delta=1))
        builder.button(text="✖", callback_data=CartEdit(variant_id=line.variant_id, delta=0))
    lines.append(t("Subtotal: {total}", total=money(view.subtotal_cents, store.currency, locale)))
    builder.button(text=t("Check out"), callback_data=CartAction(action="checkout"))
    builder.adjust(*([3] * len(view.lines)), 1)
    await bot.send_message(chat_id, "\n".join(lines), reply_markup=builder.as_markup())


async def cart_message(
    message: Message, state: FSMContext, user: User, t: Translate, locale: str
) -> None:
    await render_cart(message.chat.id, message.bot, state, user, t, locale)


async def cart_view(
    callback: CallbackQuery, bot: Bot, state: FSMContext, user: User, t: Translate, locale: str
) -> None:
    assert callback.message is not None
    await render_cart(callback.message.chat.id, bot, state, user, t, locale)
    await callback.answer()


async def cart_edit(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: CartEdit,
    state: FSMContext,
    user: User,
    t: Translate,
    locale: str,
) -> None:
    store = await current_store(state)
    if callback_data.delta == 0:
        await cart.set_quantity(
            user.id,
            store.id,
            callback_data.variant_id,
            0,
            locale=locale,
            fallback=store.default_locale,
        )
    else:
        await cart.add(
            user.id,
            store.id,
            callback_data.variant_id,
            callback_data.delta,
            locale=locale,
            fallback=store.default_locale,
        )
    await cart_view(callback, bot, state, user, t, locale)


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(browse, Cat.filter())
    built.callback_query.register(product_card, Prod.filter())
    built.callback_query.register(add_to_cart, Add.filter())
    built.callback_query.register(watch_stock, StockWatch.filter())
    built.callback_query.register(cart_edit, CartEdit.filter())
    built.callback_query.register(cart_view, CartAction.filter(F.action == "view"))
    return built
