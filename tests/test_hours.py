"""Opening hours in the store's own clock: intervals past midnight, daylight-saving changes,
closing days; an "as soon as possible" order outside them is delivered from the opening, and
the bot, the quote and the order say so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.clock import utcnow
from core.context import AppContext
from models import Order, Store, User
from services import cart, hours
from services.demo import SeedReport
from tests.fixtures.orders import place, stocked_variant
from tests.fixtures.people import Person
from tests.fixtures.telegram import BotHarness, tg_user

MADRID = "Europe/Madrid"
EVERY_DAY = {d: [["09:00", "21:00"]] for d in hours.DAYS}


def store(opening_hours: dict, closed_dates: list[str] | None = None) -> Store:
    return Store(timezone=MADRID, opening_hours=opening_hours, closed_dates=closed_dates or [])


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_an_evening_that_runs_past_midnight() -> None:
    late = store({"fri": [["20:00", "02:00"]]})
    # Friday 27 November 2026, Madrid is UTC+1 in winter.
    assert not hours.is_open(late, utc(2026, 11, 27, 18, 59))  # Fri 19:59
    assert hours.is_open(late, utc(2026, 11, 27, 19, 0))  # Fri 20:00
    assert hours.is_open(late, utc(2026, 11, 27, 23, 0))  # Sat 00:00
    assert hours.is_open(late, utc(2026, 11, 28, 0, 59))  # Sat 01:59
    assert not hours.is_open(late, utc(2026, 11, 28, 1, 0))  # Sat 02:00
    # Closed at Saturday 02:00: the next opening is the following Friday at 20:00.
    assert hours.next_opening(late, utc(2026, 11, 28, 1, 0)) == utc(2026, 12, 4, 19, 0)
    whole_day = store({"sat": [["00:00", "24:00"]]})
    assert hours.is_open(whole_day, utc(2026, 11, 28, 22, 59))  # Sat 23:59
    assert not hours.is_open(whole_day, utc(2026, 11, 28, 23, 0))  # Sun 00:00


def test_opening_moves_in_utc_when_the_clocks_change() -> None:
    morning = store({"sat": [["09:00", "21:00"]], "sun": [["09:00", "21:00"]]})
    # Saturday 28 March 2026 is still winter time (UTC+1): 09:00 is 08:00 UTC.
    assert hours.next_opening(morning, utc(2026, 3, 28, 6, 0)) == utc(2026, 3, 28, 8, 0)
    # The clocks go forward that night: Sunday's 09:00 is 07:00 UTC.
    assert hours.next_opening(morning, utc(2026, 3, 28, 22, 0)) == utc(2026, 3, 29, 7, 0)
    assert not hours.is_open(morning, utc(2026, 3, 29, 6, 59))
    assert hours.is_open(morning, utc(2026, 3, 29, 18, 59))  # 20:59 CEST
    assert not hours.is_open(morning, utc(2026, 3, 29, 19, 0))  # 21:00 CEST
    # In October the clocks go back during a night that is open from 22:00 to 04:00: the
    # night lasts seven real hours and closes at 04:00 winter time (03:00 UTC).
    night = store({"sat": [["22:00", "04:00"]]})
    assert hours.is_open(night, utc(2026, 10, 24, 20, 0))  # Sat 22:00 CEST
    assert hours.is_open(night, utc(2026, 10, 25, 2, 59))  # Sun 03:59 CET
    assert not hours.is_open(night, utc(2026, 10, 25, 3, 0))  # Sun 04:00 CET


def test_closing_days_are_skipped() -> None:
    christmas = store(EVERY_DAY, ["2026-12-25"])
    # Thursday 24 December, 22:00 in Madrid: closed; the 25th is a closing day.
    assert hours.next_opening(christmas, utc(2026, 12, 24, 21, 0)) == utc(2026, 12, 26, 8, 0)
    assert not hours.is_open(christmas, utc(2026, 12, 25, 11, 0))
    never = store({}, [])
    assert hours.is_open(never, utc(2026, 12, 25, 3, 0))  # no hours configured: always open
    shut = store({"mon": [["09:00", "10:00"]]}, [f"2026-12-{d:02d}" for d in range(1, 32)])
    assert hours.asap(shut, utc(2026, 12, 1, 12, 0)) == hours.Asap(False, None)


async def closed_until_the_day_after_tomorrow(store_id: int) -> datetime:
    """Close the demo store today and tomorrow (its own dates); returns when it reopens."""
    zone = ZoneInfo(MADRID)
    today = utcnow().astimezone(zone).date()
    days = [(today + timedelta(days=n)).isoformat() for n in (0, 1)]
    await Store.filter(id=store_id).update(
        timezone=MADRID, opening_hours=EVERY_DAY, closed_dates=days
    )
    return datetime.combine(today + timedelta(days=2), datetime.min.time(), zone).replace(hour=9)


async def test_the_quote_and_the_order_say_when_asap_is_while_closed(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    reopens = await closed_until_the_day_after_tomorrow(demo.store_id)
    response = await client.post(
        f"/api/v1/stores/{demo.store_id}/delivery/quote",
        json={"address": {"lat": 41.3925, "lng": 2.16}},
    )
    quote = await response.json()
    assert response.status == 200 and quote["open_now"] is False
    assert datetime.fromisoformat(quote["asap_from"]) == reopens
    order = await place(_ctx(client), customer.user.id, demo.store_id)
    assert order.deliver_after == reopens
    detail = await client.get(f"/api/v1/orders/{order.id}", headers=customer.headers)
    assert datetime.fromisoformat((await detail.json())["deliver_after"]) == reopens
    # Opening hours do not touch an order for a chosen slot, nor one placed while open.
    await Store.filter(id=demo.store_id).update(closed_dates=[], opening_hours={})
    open_order = await place(_ctx(client), customer.user.id, demo.store_id)
    assert (await Order.get(id=open_order.id)).deliver_after is None


async def test_the_bot_offers_the_first_time_after_opening_while_closed(
    bots: BotHarness, demo: SeedReport
) -> None:
    reopens = await closed_until_the_day_after_tomorrow(demo.store_id)
    olga = tg_user(7300)
    await bots.post("customer", bots.message(olga, "/start"))
    user = await User.get(tg_id=olga["id"])
    variant = await stocked_variant(demo.store_id, at_least=10)
    quantity = min(10, -(-1500 // variant.price_cents))  # above the zone's minimum
    await cart.set_quantity(
        user.id, demo.store_id, variant.id, quantity, locale="ru", fallback="en"
    )
    await bots.tap("customer", olga, "🛒 Корзина")
    await bots.press("customer", olga, "Оформить заказ")
    await bots.post("customer", bots.message(olga, "Carrer de Mallorca 200, Barcelona"))
    await bots.press("customer", olga, "Пропустить")
    await bots.press("customer", olga, "Пропустить")
    told = [c.text for c in bots.screen("customer", olga)]
    assert any("Сейчас мы закрыты" in text for text in told)
    assert not any(
        b["text"] == "Как можно скорее" for c in bots.screen("customer", olga) for b in c.buttons()
    )
    await bots.press("customer", olga, "Сразу после открытия")
    await bots.press("customer", olga, "Картой при получении")
    await bots.press("customer", olga, "Без промокода")
    assert "Доставка с" in bots.last("customer", olga).text
    await bots.press("customer", olga, "✅ Оформить заказ")
    order = await Order.get(customer_id=user.id)
    assert order.deliver_after == reopens and order.slot_id is None


def _ctx(client: TestClient) -> AppContext:
    return client.app[CTX]
