"""Every text the bots and pages show exists in ru and es, with the same placeholders."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from core.i18n import money, translator

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{[^}]*}")


def test_catalogs_are_complete_and_placeholders_match(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n_update

    wanted = i18n_update.collect()
    assert len(wanted) > 100
    for locale in ("ru", "es"):
        with (ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = {m.id: m.string for m in read_po(handle) if m.id}
        missing = sorted(m for m in wanted if not catalog.get(m))
        assert not missing, f"{locale} lacks: {missing[:5]}"
        for msgid in wanted:
            assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(catalog[msgid])), (
                msgid
            )


def test_translator_formats_in_each_language() -> None:
    assert translator("ru")("Order {number}: {status}", number="D-1", status="x") == "Заказ D-1: x"
    assert translator("es")("Your cart is empty.") == "Tu carrito está vacío."
    assert translator("xx")("Your cart is empty.") == "Your cart is empty."
    assert money(123456, "EUR", "ru").replace("\xa0", " ").startswith("1 234,56")
    assert money(500, "EUR", "en") == "€5.00"
