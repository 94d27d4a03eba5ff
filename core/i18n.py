"""Texts in en, ru and es from the babel catalogs in locales/ (compiled in memory at start:
no .mo files to build or commit), plus money and time formatting in the reader's locale."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency

from core.settings import LOCALES

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"

Translate = Callable[..., str]


def _load(locale: str) -> gettext.NullTranslations:
    path = LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def translations(locale: str) -> gettext.NullTranslations:
    return _load(locale if locale in LOCALES else "en")


def translator(locale: str) -> Translate:
    """`t("Order {number} is ready", number="A-1")`: the text in `locale`, formatted."""
    catalog = translations(locale)

    def t(message: str, /, **values: object) -> str:
        text = catalog.gettext(message)
        return text.format(**values) if values else text

    return t


def money(cents: int, currency: str, locale: str) -> str:
    return format_currency(Decimal(cents) / 100, currency, locale=locale)


def when(moment: datetime, tz_name: str, locale: str) -> str:
    """A UTC moment as weekday, date and 24-hour time in the store's zone, in the reader's
    language ("Thu, Nov 26, 09:00", "чт, 26 нояб., 09:00", "jue, 26 nov, 9:00"): a store's
    hours are posted in its own clock, so no AM/PM and no ambiguous 11/26/26."""
    local = moment.astimezone(ZoneInfo(tz_name))
    language = locale if locale in LOCALES else "en"
    day = format_skeleton("MMMEd", local, locale=language)
    return f"{day}, {format_skeleton('Hm', local, locale=language)}"


def gettext_noop(message: str) -> str:
    """Marks a text for the catalogs where it is defined; it is translated where it is shown."""
    return message
