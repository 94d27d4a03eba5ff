from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Translate
from core.i18n import gettext_noop as N
from models import Order
from models.enums import OrderStatus
from models.transitions import FINAL_STATUSES
from services.orders import DriverLoad


class OrderAction(CallbackData, prefix="oa"):
    order_id: int
    # confirm | ready | assign | run | cancel | returned | retry | back (closes a chooser)
    action: str


class AssignTo(CallbackData, prefix="at"):
    order_id: int
    driver_id: int


class RunDriver(CallbackData, prefix="rd"):
    """A driver chosen for a run that starts with `order_id`."""

    order_id: int
    driver_id: int


class RunPick(CallbackData, prefix="rp"):
    """Tick or untick a ready order for the run being put together (kept in FSM data)."""

    order_id: int


class RunGo(CallbackData, prefix="rg"):
    action: str  # go | back


class RxReview(CallbackData, prefix="rx"):
    order_id: int
    action: str  # open | approved | rejected


class CancelWith(CallbackData, prefix="cw"):
    order_id: int
    reason: str


CANCEL_REASONS = {
    "stock": N("Out of stock"),
    "customer": N("Customer asked"),
    "hours": N("Outside delivery hours"),
    "other": N("Other reason"),
}


def order_actions(order_id: int, status: OrderStatus, t: Translate) -> InlineKeyboardMarkup | None:
    """The buttons that make sense for the order's state now."""
    builder = InlineKeyboardBuilder()
    if status is OrderStatus.PENDING:
        builder.button(
            text=t("✅ Confirm"), callback_data=OrderAction(order_id=order_id, action="confirm")
        )
    elif status is OrderStatus.CONFIRMED:
        builder.button(
            text=t("📦 Ready"), callback_data=OrderAction(order_id=order_id, action="ready")
        )
    elif status is OrderStatus.READY:
        builder.button(
            text=t("🚚 Assign driver"),
            callback_data=OrderAction(order_id=order_id, action="assign"),
        )
        builder.button(
            text=t("🧺 Run with other orders"),
            callback_data=OrderAction(order_id=order_id, action="run"),
        )
    elif status is OrderStatus.RETURNING:
        # Coming back: receive it (stock back, refunds) or put it on the shelf for another try.
        builder.button(
            text=t("📥 Received back"),
            callback_data=OrderAction(order_id=order_id, action="returned"),
        )
        builder.button(
            text=t("🔁 Deliver again"),
            callback_data=OrderAction(order_id=order_id, action="retry"),
        )
        builder.adjust(2)
        return builder.as_markup()
    if status in FINAL_STATUSES:
        return None
    builder.button(
        text=t("✖ Cancel"), callback_data=OrderAction(order_id=order_id, action="cancel")
    )
    builder.adjust(2)
    return builder.as_markup()


def drivers_keyboard(order_id: int, loads: list[DriverLoad], t: Translate) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for load in loads:
        distance = f"{load.distance_km:.1f} km" if load.distance_km is not None else "—"
        builder.button(
            text=t(
                "{name} · {distance} · {count} in hand",
                name=load.name,
                distance=distance,
                count=load.active_orders,
            ),
            callback_data=AssignTo(order_id=order_id, driver_id=load.driver.id),
        )
    builder.button(text=t("⬅ Back"), callback_data=OrderAction(order_id=order_id, action="back"))
    builder.adjust(1)
    return builder.as_markup()


def run_drivers_keyboard(
    order_id: int, loads: list[DriverLoad], t: Translate
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for load in loads:
        builder.button(
            text=t("{name} · {count} in hand", name=load.name, count=load.active_orders),
            callback_data=RunDriver(order_id=order_id, driver_id=load.driver.id),
        )
    builder.button(text=t("⬅ Back"), callback_data=OrderAction(order_id=order_id, action="back"))
    builder.adjust(1)
    return builder.as_markup()


def run_orders_keyboard(ready: list[Order], picked: set[int], t: Translate) -> InlineKeyboardMarkup:
    """The store's ready orders to tick for the run, then start it (the route orders them)."""
    builder = InlineKeyboardBuilder()
    for order in ready:
        mark = "☑" if order.id in picked else "☐"
        builder.button(
            text=f"{mark} {order.number} · {order.address_text[:40]}",
            callback_data=RunPick(order_id=order.id),
        )
    builder.button(
        text=t("🚚 Start the run ({count})", count=len(picked)),
        callback_data=RunGo(action="go"),
    )
    builder.button(text=t("⬅ Back"), callback_data=RunGo(action="back"))
    builder.adjust(1)
    return builder.as_markup()


def cancel_reasons(order_id: int, t: Translate) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, text in CANCEL_REASONS.items():
        builder.button(text=t(text), callback_data=CancelWith(order_id=order_id, reason=code))
    builder.button(text=t("⬅ Back"), callback_data=OrderAction(order_id=order_id, action="back"))
    builder.adjust(2)
    return builder.as_markup()
