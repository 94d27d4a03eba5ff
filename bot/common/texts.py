"""Texts the three bots share: status and payment names, and the order card."""

from __future__ import annotations

from datetime import datetime
from html import escape

from core.i18n import Translate, money, when
from core.i18n import gettext_noop as N
from models import Driver, Order, OrderItem, Store, TimeSlot, User
from models.enums import (
    OrderEventKind,
    OrderStatus,
    PaymentMethod,
    PaymentState,
    PrescriptionState,
)

STATUS = {
    OrderStatus.PENDING: N("New"),
    OrderStatus.CONFIRMED: N("Confirmed"),
    OrderStatus.READY: N("Ready for pickup"),
    OrderStatus.ASSIGNED: N("Driver assigned"),
    OrderStatus.PICKED_UP: N("On the way"),
    OrderStatus.DELIVERED: N("Delivered"),
    OrderStatus.CANCELLED: N("Cancelled"),
    OrderStatus.RETURNING: N("Returning to the pharmacy"),
    OrderStatus.RETURNED: N("Returned to the pharmacy"),
}
# Statuses in which the order did not reach the customer: the card says why.
UNDONE = (OrderStatus.CANCELLED, OrderStatus.RETURNING, OrderStatus.RETURNED)
EVENT_NAMES = {
    OrderEventKind.ID_CHECKED: N("ID checked at handover"),
    OrderEventKind.HANDOVER_REFUSED: N("Handover refused"),
    OrderEventKind.PRESCRIPTION_SUBMITTED: N("Prescription sent"),
    OrderEventKind.PRESCRIPTION_APPROVED: N("Prescription approved"),
    OrderEventKind.PRESCRIPTION_REJECTED: N("Prescription rejected"),
    OrderEventKind.KEPT_COLD: N("Kept cold at handover"),
    OrderEventKind.CHAT_MESSAGE: N("Message"),
}
PRESCRIPTION = {
    PrescriptionState.REQUIRED: N("⏳ Waiting for the customer's prescription"),
    PrescriptionState.SUBMITTED: N("⏳ Waiting for prescription review"),
    PrescriptionState.APPROVED: N("✅ Prescription approved"),
    PrescriptionState.REJECTED: N("❌ Prescription rejected"),
}
PAYMENT = {
    PaymentMethod.CASH: N("Cash on delivery"),
    PaymentMethod.CARD: N("Card on delivery"),
    PaymentMethod.CRYPTO: N("Crypto"),
}


def from_opening(moment: datetime, store: Store, t: Translate, locale: str) -> str:
    """An "as soon as possible" order placed while the store is closed, said plainly."""
    return t("Delivery from {time}, when we open.", time=when(moment, store.timezone, locale))


async def delivery_time(order: Order, store: Store, t: Translate, locale: str) -> str | None:
    """The chosen slot, or the opening an ASAP order waits for; None for ASAP now."""
    if order.slot_id:
        slot = await TimeSlot.get_or_none(id=order.slot_id)
        if slot:
            return t("Delivery time: {time}", time=when(slot.starts_at, store.timezone, locale))
    if order.deliver_after is not None:
        return from_opening(order.deliver_after, store, t, locale)
    return None


def status_name(status: OrderStatus | str, t: Translate) -> str:
    return t(STATUS[OrderStatus(status)])


async def order_card(
    order: Order, t: Translate, locale: str, *, last_actor: str | None = None
) -> str:
    """The order as staff see it in chat: number, state, what, where, when, how paid."""
    store = await Store.get(id=order.store_id)
    items = await OrderItem.filter(order_id=order.id).order_by("id")
    lines = [
        f"<b>{escape(order.number)}</b> · {escape(status_name(order.status, t))}",
        *(f"• {escape(i.name)} × {i.quantity}" for i in items),
        t(
            "Total: {total} ({payment})",
            total=money(order.total_cents, order.currency, locale),
            payment=t(PAYMENT[order.payment_method]),
        ),
        t("Address: {address}", address=escape(order.address_text))
        + (f", {escape(order.address_details)}" if order.address_details else ""),
    ]
    if order.note:
        lines.append(t("Note for the driver: {note}", note=escape(order.note)))
    timing = await delivery_time(order, store, t, locale)
    if timing:
        lines.append(timing)
    if order.requires_id_check:
        lines.append(t("⚠ ID check at handover (age-restricted items)"))
    if order.prescription_state in PRESCRIPTION:
        lines.append(t(PRESCRIPTION[order.prescription_state]))
    if order.cold_chain:
        lines.append(t("❄ Keep cold: a driver with a cooler only"))
    if order.driver_id:
        driver = await Driver.get_or_none(id=order.driver_id).prefetch_related("user")
        if driver:
            lines.append(t("Driver: {name}", name=escape(driver.user.name)))
    if order.status in UNDONE and order.cancel_reason:
        lines.append(t("Reason: {reason}", reason=escape(t(order.cancel_reason))))
    if last_actor:
        lines.append(f"<i>{escape(last_actor)}</i>")
    return "\n".join(lines)


# Who did what, as a person would say it on the card ("Picked up by Dan Driver").
DONE_BY: dict[OrderStatus | str, str] = {
    OrderStatus.PENDING: N("Placed by {name}"),
    OrderStatus.CONFIRMED: N("Confirmed by {name}"),
    OrderStatus.READY: N("Marked ready by {name}"),
    OrderStatus.ASSIGNED: N("Driver assigned by {name}"),
    OrderStatus.PICKED_UP: N("Picked up by {name}"),
    OrderStatus.DELIVERED: N("Delivered by {name}"),
    OrderStatus.CANCELLED: N("Cancelled by {name}"),
    OrderStatus.RETURNING: N("Sent back by {name}"),
    OrderStatus.RETURNED: N("Received back by {name}"),
    "id_checked": N("ID checked by {name}"),
    "prescription_submitted": N("Prescription sent by {name}"),
    "prescription_approved": N("Prescription approved by {name}"),
    "prescription_rejected": N("Prescription rejected by {name}"),
}


async def actor_note(actor_id: int | None, status: OrderStatus | str, t: Translate) -> str | None:
    if actor_id is None:
        return None
    actor = await User.get_or_none(id=actor_id)
    if actor is None:
        return None
    return t(DONE_BY[status], name=actor.name or f"#{actor.id}")


def first_name(user: User) -> str:
    return (user.name or "").split(" ")[0] or f"#{user.id}"


def callable_phone(user: User) -> str | None:
    """A real number (Telegram's clients make it tap-to-call); None for a placeholder."""
    phone = user.phone or ""
    return phone if phone.startswith("+") else None


async def delivery_card(order: Order, t: Translate, locale: str) -> str:
    """The order as the driver needs it at the door: who, how to call them, where exactly,
    their note, what to hand over, what to collect, and whether to check an ID."""
    store = await Store.get(id=order.store_id)
    customer = await User.get(id=order.customer_id)
    items = await OrderItem.filter(order_id=order.id).order_by("id")
    lines = [f"<b>{escape(order.number)}</b> · {escape(status_name(order.status, t))}"]
    if order.run_id is not None and order.run_position:
        stops = await Order.filter(run_id=order.run_id).count()
        lines.append(
            t("Run stop {position} of {count}", position=order.run_position, count=stops)
            + (
                " · " + t("about {minutes} min", minutes=order.eta_minutes)
                if order.eta_minutes
                else ""
            )
        )
    phone = callable_phone(customer)
    lines.append(
        t("Customer: {name}", name=escape(first_name(customer)))
        + (f" · 📞 {escape(phone)}" if phone else "")
    )
    lines.append(t("Address: {address}", address=escape(order.address_text)))
    if order.address_details:
        lines.append(t("Flat, floor, door: {details}", details=escape(order.address_details)))
    if order.note:
        lines.append(t("Note for the driver: {note}", note=escape(order.note)))
    lines += [f"• {escape(i.name)} × {i.quantity}" for i in items]
    amount = money(order.total_cents, order.currency, locale)
    if order.payment_state is PaymentState.PAID or order.total_cents == 0:
        lines.append(t("Paid: nothing to collect."))
    elif order.payment_method is PaymentMethod.CASH:
        lines.append(t("Collect {amount} in cash.", amount=amount))
    else:
        lines.append(t("Take {amount} by card at the door.", amount=amount))
    timing = await delivery_time(order, store, t, locale)
    if timing:
        lines.append(timing)
    if order.requires_id_check:
        lines.append(
            t("✅ ID checked") if order.id_checked_at else t("⚠ Check an ID: 18+ items inside.")
        )
    if order.cold_chain:
        lines.append(
            t("❄ Kept cold: confirmed") if order.kept_cold_at else t("❄ Keep cold until handover.")
        )
    return "\n".join(lines)
