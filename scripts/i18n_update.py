"""Collect every text marked for translation — t("…") and N("…") in bot/ and webapp/,
_("…") in templates — and update locales/{en,ru,es}/LC_MESSAGES/messages.po, keeping the
translations already there. A test fails while a ru or es text is missing.

    python scripts/i18n_update.py
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["bot", "webapp", "api", "services"]
MARKERS = {"t", "N", "_", "gettext"}
TEMPLATE_CALL = re.compile(r"""\b_\(\s*(['"])(.+?)\1""")


def python_messages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MARKERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def collect() -> set[str]:
    messages: set[str] = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            messages |= python_messages(path)
        for path in (ROOT / folder).rglob("*.html"):
            messages |= {m.group(2) for m in TEMPLATE_CALL.finditer(path.read_text())}
        for path in (ROOT / folder).rglob("*.js"):
            messages |= {m.group(2) for m in TEMPLATE_CALL.finditer(path.read_text())}
    return messages


def update(locale: str, messages: set[str]) -> list[str]:
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
    old: dict[str, str] = {}
    if path.exists():
        with path.open("rb") as handle:
            old = {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}
    catalog = Catalog(locale=locale, project="pharmacy-delivery", fuzzy=False)
    for message in sorted(messages):
        catalog.add(message, old.get(message, ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=True)
    return [m for m in sorted(messages) if not old.get(m)]


def main() -> int:
    messages = collect()
    for locale in ("en", "ru", "es"):
        missing = update(locale, messages)
        if locale != "en" and missing:
            print(f"{locale}: {len(missing)} texts without a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
