"""Counters a person can read on /healthz: how the bots are doing in this process."""

from __future__ import annotations

from collections import Counter

BOT_COUNTERS: Counter[str] = Counter()


def count(name: str) -> None:
    BOT_COUNTERS[name] += 1
