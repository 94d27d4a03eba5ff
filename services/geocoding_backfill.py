"""Give coordinates to orders and saved addresses that have text but no point (rows from
before geocoding, imports, a geocoder outage), within the geocoder's rate limit.

Only rows still without coordinates are touched, and each update is conditional on that, so
the job can be stopped and run again, and never overwrites a point set meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.errors import Unavailable, ValidationFailed
from core.geocoding import Geocoder
from models import Address, Order


@dataclass
class BackfillReport:
    total: int = 0
    located: int = 0
    not_found: int = 0
    stopped: str = ""  # why it stopped early (the geocoder is down), else ""


class Throttle:
    """At most `rate` calls per second (Nominatim's policy is 1)."""

    def __init__(self, rate: float) -> None:
        self._gap = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        if self._next > now:
            await asyncio.sleep(self._next - now)
        self._next = max(now, self._next) + self._gap


async def pending() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    orders = (
        await Order.filter(lat__isnull=True)
        .exclude(address_text="")
        .values_list("id", "address_text")
    )
    addresses = await Address.filter(lat__isnull=True).exclude(text="").values_list("id", "text")
    return [(int(i), str(t)) for i, t in orders], [(int(i), str(t)) for i, t in addresses]


async def backfill(
    geocoder: Geocoder,
    *,
    rate: float = 1.0,
    limit: int | None = None,
    on_total: Callable[[int], None] = lambda _: None,
    on_row: Callable[[], None] = lambda: None,
) -> BackfillReport:
    orders, addresses = await pending()
    work = [(Order, i, t) for i, t in orders] + [(Address, i, t) for i, t in addresses]
    work = work[:limit] if limit is not None else work
    report = BackfillReport(total=len(work))
    on_total(report.total)
    throttle = Throttle(rate)
    for model, row_id, text in work:
        await throttle.wait()
        try:
            point = await geocoder.geocode(text)
        except ValidationFailed:
            report.not_found += 1
        except Unavailable as exc:
            report.stopped = exc.message
            break
        else:
            report.located += await model.filter(id=row_id, lat__isnull=True).update(
                lat=point.lat, lng=point.lng
            )
        on_row()
    return report
