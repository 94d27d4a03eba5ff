"""Backfilling coordinates: only rows without them, within the rate limit, resumable."""

from __future__ import annotations

import time

from core.context import AppContext, build_context, running
from models import Address, Order
from services.demo import SeedReport
from services.geocoding_backfill import backfill
from tests.fixtures.fakes import FakeGeocoder
from tests.fixtures.orders import place
from tests.fixtures.people import Person


async def test_backfill_locates_what_lacks_a_point_and_nothing_else(
    make_settings, geocoder: FakeGeocoder, demo: SeedReport, customer: Person, ctx: AppContext
) -> None:  # type: ignore[no-untyped-def]
    order = await place(ctx, customer.user.id, demo.store_id)
    await Order.filter(id=order.id).update(
        lat=None, lng=None, address_text="Carrer de Mallorca 200, Barcelona"
    )
    kept = await Address.create(user_id=customer.user.id, text="Somewhere", lat=1.0, lng=2.0)
    lost = await Address.create(user_id=customer.user.id, text="Far Away Street 1")
    unknown = await Address.create(user_id=customer.user.id, text="Nowhere at all")

    settings = make_settings(geocoder_url=geocoder.url)
    async with running(build_context(settings)) as own:
        started = time.monotonic()
        ticks: list[int] = []
        report = await backfill(own.geocoder, rate=20, on_row=lambda: ticks.append(1))
        elapsed = time.monotonic() - started
    assert (report.total, report.located, report.not_found) == (3, 2, 1)
    assert len(ticks) == 3 and elapsed >= 2 / 20  # three calls, spaced by the rate
    assert len(geocoder.calls) == 3  # the located address was never looked up
    await order.refresh_from_db()
    assert (order.lat, order.lng) == (41.3925, 2.16)
    await lost.refresh_from_db()
    assert (lost.lat, lost.lng) == (40.4168, -3.7038)
    await kept.refresh_from_db()
    assert (kept.lat, kept.lng) == (1.0, 2.0)
    await unknown.refresh_from_db()
    assert unknown.lat is None


async def test_backfill_stops_when_the_geocoder_is_down_and_resumes(
    make_settings, geocoder: FakeGeocoder, customer: Person
) -> None:  # type: ignore[no-untyped-def]
    row = await Address.create(user_id=customer.user.id, text="Far Away Street 1")
    geocoder.fail_with = 503
    settings = make_settings(geocoder_url=geocoder.url)
    async with running(build_context(settings)) as own:
        down = await backfill(own.geocoder, rate=50)
        assert down.stopped and down.located == 0
        geocoder.fail_with = None
        again = await backfill(own.geocoder, rate=50)
    assert (again.total, again.located, again.stopped) == (1, 1, "")
    await row.refresh_from_db()
    assert row.lat == 40.4168
