"""What a person reads for each error code, in their language: the bots' replies and the
`text` of API errors (the `message` stays a developer's English). One table for every door.

Placeholders are filled from the error's `extra`: a `*_cents` amount becomes money in the
error's `currency` (`{min_order}` from `min_order_cents`), other values are used as they are.
"""

from __future__ import annotations

from typing import Any

from core.errors import DomainError
from core.i18n import gettext_noop as N
from core.i18n import money, translator

TEXTS: dict[str, str] = {
    # orders and handover
    "illegal_transition": N("This order was already handled."),
    "order_changed": N("Someone else just handled this order."),
    "driver_offline": N("This driver is not on shift."),
    # delivery runs
    "run_size": N("A run has 2 to 20 orders."),
    "run_duplicate": N("An order appears twice in the run."),
    "run_order_not_found": N("Some of these orders are not this store's."),
    "order_taken": N("Some of these orders already have a driver."),
    "order_not_ready": N("Some of these orders are not ready for delivery."),
    "run_not_found": N("This run does not exist."),
    "id_check_required": N("Check the customer's ID before handing over."),
    "cash_amount_required": N("Enter the cash you collected."),
    "cash_amount_short": N("That is less than the order total."),
    "cash_amount_format": N("Write the amount as a number, for example 23.50."),
    "payment_pending": N("This order is not paid yet."),
    "not_picked_up": N("Pick the order up first."),
    "id_underage": N(
        "The document shows the customer is under age: do not hand over. Press “Cannot hand over”."
    ),
    "birth_year_implausible": N("That year does not look right. Check the document."),
    "birth_year_format": N("Please write the year as four digits, for example 1990."),
    # checkout
    "insufficient_stock": N("Not enough stock for some items."),
    "unknown_variant": N("Some items are no longer sold."),
    "over_limit": N("Some items are over the limit per order."),
    "zone_unavailable": N("Sorry, we do not deliver to this address."),
    "address_not_found": N("We could not find this address. Try again or share your location."),
    "geocoder_unavailable": N(
        "We cannot look up addresses right now. Please share your location instead."
    ),
    "below_minimum": N("The minimum order for this address is {min_order}."),
    "age_verification_required": N("Age-restricted items need your date of birth."),
    "underage": N("Sorry, age-restricted items cannot be sold to you."),
    "date_of_birth_format": N("Please write the date as DD.MM.YYYY, for example 15.06.1990."),
    "date_of_birth_implausible": N("That date of birth does not look right. Please check it."),
    "date_of_birth_locked": N(
        "Your date of birth is already saved. To correct it, please contact the pharmacy."
    ),
    "slot_full": N("This time slot is full. Choose another."),
    "slot_not_found": N("This time slot does not exist. Choose another."),
    "slot_unavailable": N("This time slot has passed. Choose another."),
    "store_closed": N("We are closed for the coming days: choose a delivery time."),
    "insufficient_funds": N("Your wallet balance is too low."),
    "refund_settled": N("This refund is already settled."),
    "idempotency_key_reused": N("This order was already sent with other details. Start again."),
    "not_a_buyer": N("Only customers can place orders."),
    "already_reviewed": N("You have already reviewed this product."),
    "promo_invalid": N("This promo code does not work."),
    "promo_not_started": N("This promo code is not active yet."),
    "promo_expired": N("This promo code has expired."),
    "promo_exhausted": N("This promo code has been used up."),
    "promo_already_used": N("You have already used this promo code."),
    "promo_min_order": N("The order is below this promo code's minimum."),
    # prescriptions, cold chain, quantity rules
    "period_limit": N("You can order {product} again from {allowed_from}."),
    "prescription_pending": N("A pharmacist has not approved the prescription yet."),
    "prescription_not_expected": N("This order does not wait for a prescription."),
    "prescription_file_type": N("Send a photo (JPEG or PNG) or a PDF of the prescription."),
    "prescription_too_large": N("The file is too large: at most 10 MB."),
    "prescription_note_required": N("Write why the prescription is rejected."),
    "prescription_not_submitted": N("There is no prescription waiting for review."),
    "prescription_only_items": N(
        "These items cannot be removed from this order. Cancel it and order again."
    ),
    "role_cannot_review": N("Only managers and dispatchers can be pharmacists."),
    "driver_no_cooler": N("This order must stay cold: choose a driver with a cooler."),
    "cold_chain_slot_too_long": N(
        "This order has goods that must stay cold: choose a delivery time of at most "
        "{max_minutes} minutes."
    ),
    # drivers
    "shift_open": N("Your shift is already open."),
    "no_shift": N("You have no open shift."),
    "deliveries_in_hand": N("Finish your deliveries first."),
    "not_a_driver": N("You are not a driver."),
    "link_code_invalid": N("This link is invalid or used up. Ask your manager for a new one."),
    # signing in
    "not_authenticated": N("Please sign in."),
    "invalid_token": N("Your session has ended. Please sign in again."),
    "token_expired": N("Your session has ended. Please sign in again."),
    "refresh_expired": N("Your session has ended. Please sign in again."),
    "refresh_invalid": N("Your session has ended. Please sign in again."),
    "refresh_reused": N("For your safety you were signed out. Please sign in again."),
    "account_disabled": N("This account is disabled."),
    "init_data_invalid": N("Telegram could not confirm who you are. Reopen the app."),
    "invalid_phone": N("This phone number does not look right."),
    "invalid_email": N("This e-mail address does not look right."),
    "phone_taken": N("This phone number belongs to another account."),
    "email_taken": N("This e-mail address belongs to another account."),
    "telegram_taken": N("This Telegram account is linked to another account."),
    "otp_invalid": N("The code is wrong or has expired."),
    "invalid_credentials": N("The e-mail or password is wrong."),
    "phone_not_verified": N("Confirm your phone number first: we sent you a code."),
    "otp_delivery_failed": N("We could not send a code right now. Please try again."),
    "weak_password": N("Choose a longer password."),
    "reset_token_invalid": N("This reset link is invalid or used up."),
    "mail_failed": N("We could not send the e-mail. Please try again."),
    "oauth_cancelled": N("Sign-in was cancelled."),
    "oauth_code_rejected": N("Google sign-in failed. Please try again."),
    "oauth_token_rejected": N("Google sign-in failed. Please try again."),
    "oauth_profile_invalid": N("Google sign-in failed. Please try again."),
    "oauth_state_invalid": N("Sign-in took too long. Please start again."),
    "oauth_not_configured": N("Google sign-in is not available."),
    "oauth_unavailable": N("Google sign-in is not available right now."),
    "invalid_json": N("Please check what you entered."),
    "account_conflict": N("This account could not be created. Please try again."),
    "otp_cooldown": N("Please wait a moment before asking for another code."),
    # payments and set-up
    "crypto_asset_unavailable": N("This coin is not accepted here yet. Choose another way to pay."),
    "payment_unavailable": N("Crypto payment is unavailable right now. Choose another way to pay."),
    "invalid_csv": N("Some rows of the file have problems; nothing was imported."),
    "slug_taken": N("This address name is already used by another store."),
    "category_taken": N("Another category of this store already has this name."),
    "brand_taken": N("Another brand of this store already has this name."),
    "database_unavailable": N("This is not available right now. Please try again shortly."),
    "unsupported_media_type": N("Please check what you entered."),
    "precondition_required": N("Something went wrong. Please try again."),
    "internal_error": N("Something went wrong. Please try again."),
    "payload_too_large": N("This file or text is too large."),
    "csrf_failed": N("This form expired. Please reload the page and try again."),
    "not_staff": N("This page is for pharmacy staff."),
    "promo_taken": N("This promo code already exists."),
    "too_many_addresses": N("You have saved the most addresses allowed. Delete one first."),
    "not_an_image": N("This file is not a picture. Choose a JPEG, PNG, WebP or GIF image."),
    "image_damaged": N("This picture cannot be read. Try another file."),
    "image_too_large": N("This picture is too big. Use one under 40 megapixels."),
    # by kind, for everything else
    "bad_request": N("Please check what you entered."),
    "validation_error": N("Please check what you entered."),
    "not_found": N("Not found."),
    "tracking_link_invalid": N("This tracking link is not valid. Open the link from your order."),
    "tracking_ended": N("This delivery has ended. Thank you!"),
    "in_stock": N("This product is in stock: you can order it now."),
    "relay_closed": N(
        "The chat with the driver is closed: the delivery has ended or has no driver yet."
    ),
    "relay_not_party": N("Only the customer and the driver write in this chat."),
    "offer_closed": N("This offer is no longer open."),
    "kept_cold_required": N("Confirm the goods were kept cold before handing over."),
    "proof_photo_required": N("Take a photo of the delivered order before handing over."),
    "proof_photo_not_found": N("This photo is no longer available."),
    "gone": N("This has ended and is no longer available."),
    "unauthorized": N("Please sign in."),
    "forbidden": N("You may not do this."),
    "conflict": N("Someone else just changed this. Please try again."),
    "rate_limited": N("Too many attempts. Please wait a moment."),
    "unavailable": N("This is not available right now. Please try again shortly."),
}

BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
    503: "unavailable",
}


def has_text(code: str) -> bool:
    return code in TEXTS


def explain(
    code: str,
    locale: str,
    *,
    status: int = 400,
    extra: dict[str, Any] | None = None,
    currency: str = "EUR",
) -> str:
    """The person's text for `code` in `locale` (by the error's kind when the code has none)."""
    template = TEXTS.get(code) or TEXTS[BY_STATUS.get(status, "bad_request")]
    values: dict[str, Any] = {}
    extra = extra or {}
    for key, value in extra.items():
        if key.endswith("_cents") and isinstance(value, int):
            values[key[: -len("_cents")]] = money(value, extra.get("currency", currency), locale)
        else:
            values[key] = value
    text = translator(locale)(template)
    try:
        return text.format(**values) if "{" in text else text
    except (KeyError, IndexError):
        # A placeholder the error did not carry: the plain kind of error instead.
        return translator(locale)(TEXTS[BY_STATUS.get(status, "bad_request")])


def explain_error(exc: DomainError, locale: str) -> str:
    return explain(exc.code, locale, status=exc.status, extra=exc.extra)
