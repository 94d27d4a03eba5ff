"""Fill missing translations from a Python file defining RU and ES dicts (msgid → text).

python scripts/i18n_fill.py translations.py
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]


def main(source: str) -> None:
    tables = runpy.run_path(source)
    for locale, table in (("ru", tables.get("RU", {})), ("es", tables.get("ES", {}))):
        path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        for message in catalog:
            if message.id and not message.string and message.id in table:
                message.string = table[message.id]
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, sort_output=True)


if __name__ == "__main__":
    main(sys.argv[1])
