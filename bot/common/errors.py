"""One place that turns failures into chat replies: domain errors become a short message in
the user's language, anything else is logged and counted, and the update still succeeds (so
Telegram does not retry it forever)."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from core.errors import DomainError
from core.i18n import Translate, translator
from core.i18n import gettext_noop as N
from core.metrics import count

log = logging.getLogger(__name__)

MESSAGES: dict[str, str] = {
    "illegal_transition": N("This order was already handled."),
    "order_changed": N("Someone else just handled this order."),
    "driver_offline": N("This driver is not on shift."),
    "id_check_required": N("Check the customer's ID before handing over."),
    "cash_amount_required": N("Enter the cash you collected."),
    "cash_amount_short": N("That is less than the order total."),
    "insufficient_stock": N("Not enough stock for some items."),
    "zone_unavailable": N("Sorry, we do not deliver to this address."),
    "address_not_found": N("We could not find this address. Try again or share your location."),
    "below_minimum": N("The order is below the minimum for this address."),
    "age_verification_required": N("Age-restricted items need your date of birth."),
    "underage": N("Sorry, age-restricted items cannot be sold to you."),
    "date_of_birth_format": N("Please write the date as DD.MM.YYYY, for example 15.06.1990."),
    "date_of_birth_implausible": N("That date of birth does not look right. Please check it."),
    "date_of_birth_locked": N(
        "Your date of birth is already saved. To correct it, please contact the pharmacy."
    ),
    "not_picked_up": N("Pick the order up first."),
    "id_underage": N(
        "The document shows the customer is under age: do not hand over. Press “Cannot hand over”."
    ),
    "birth_year_implausible": N("That year does not look right. Check the document."),
    "birth_year_format": N("Please write the year as four digits, for example 1990."),
    "slot_full": N("This time slot is full. Choose another."),
    "promo_invalid": N("This promo code does not work."),
    "promo_expired": N("This promo code has expired."),
    "promo_exhausted": N("This promo code has been used up."),
    "promo_already_used": N("You have already used this promo code."),
    "promo_min_order": N("The order is below this promo code's minimum."),
    "shift_open": N("Your shift is already open."),
    "no_shift": N("You have no open shift."),
    "deliveries_in_hand": N("Finish your deliveries first."),
    "not_a_driver": N("You are not a driver."),
    "link_code_invalid": N("This link is invalid or used up. Ask your manager for a new one."),
    "forbidden": N("You may not do this."),
    "not_found": N("Not found."),
}


def domain_text(exc: DomainError, t: Translate) -> str:
    text = MESSAGES.get(exc.code)
    return t(text) if text else exc.message


async def on_error(event: ErrorEvent, t: Translate | None = None) -> bool:
    """`t` is the user's translator when the identity middleware ran before the failure."""
    update = event.update
    t = t or translator("en")
    exc = event.exception
    if isinstance(exc, DomainError):
        count("domain_errors")
        text = domain_text(exc, t)
    else:
        count("handler_errors")
        log.error("bot handler failed on update %s", update.update_id, exc_info=exc)
        text = t("Something went wrong. Please try again.")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.message is not None:
            await update.message.answer(text)
    except Exception:  # the reply is a courtesy; the error is already logged
        log.warning("could not tell the user about the error on update %s", update.update_id)
    return True


def install_error_handler(router: Router) -> None:
    """On the Dispatcher itself: errors bubble up from feature routers to their parents."""
    router.errors.register(on_error)
