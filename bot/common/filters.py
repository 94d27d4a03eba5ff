"""Filters that aiogram checks in the event loop.

aiogram runs any synchronous filter — a bare magic filter (`F.text`) or a `State` used as a
filter — through `asyncio.to_thread`, a thread hop per handler tried per update (four of
them for every button tap in the customer bot, before its handler was even found). `Is(...)`
checks a magic filter inline and `StateFilter(...)` a state, with the same results.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import TelegramObject
from magic_filter import MagicFilter


class Is(Filter):
    """`Is(F.text)`: the magic filter's result, as aiogram would use it (falsy: no match; a
    dict, e.g. from `.as_("name")`: extra handler arguments)."""

    __slots__ = ("magic",)

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)
