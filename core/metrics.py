"""Counters a person can read on /healthz: how this process is doing (bot updates, errors)."""

from __future__ import annotations

from collections import Counter

COUNTERS: Counter[str] = Counter()


def count(name: str) -> None:
    COUNTERS[name] += 1
