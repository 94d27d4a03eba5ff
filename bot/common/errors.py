"""One place that turns failures into chat replies: domain errors become a short message in
the user's language (services/error_texts.py, shared with the API), anything else is logged
and counted, and the update still succeeds (so Telegram does not retry it forever)."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from core.errors import DomainError
from core.i18n import Translate, translator
from core.metrics import count
from services.error_texts import explain_error

log = logging.getLogger(__name__)


async def on_error(
    event: ErrorEvent, t: Translate | None = None, locale: str | None = None
) -> bool:
    """`t` and `locale` are the user's when the identity middleware ran before the failure."""
    update = event.update
    locale = locale or "en"
    t = t or translator(locale)
    exc = event.exception
    if isinstance(exc, DomainError):
        count("domain_errors")
        text = explain_error(exc, locale)
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
