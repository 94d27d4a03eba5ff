"""The bots keep who is writing for a few seconds (bot/common/identity.py): changes made by
the store still reach the very next update — a blocked customer, an ended employment, a
switched or closed store."""

from __future__ import annotations

from bot.webhooks import WEBHOOKS
from core.security import Principal
from models import CartItem, Employee, Store, User
from models.enums import Role
from services import customers, employees
from services.demo import SeedReport
from services.store_setup import set_store_active
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

OLGA, DINA, PAVEL = tg_user(9101), tg_user(9102), tg_user(9103)


async def add_from_catalog(bots: BotHarness, who: dict) -> None:
    await bots.post("customer", bots.message(who, "/start"))
    await bots.tap("customer", who, "🛍 Каталог")
    await bots.press("customer", who, "Витамины")
    await bots.press("customer", who, "Мультивитамины")
    await bots.press("customer", who, "Добавить")
    assert "Добавлено" in bots.answers("customer")[-1]


async def in_cart(user_id: int) -> int:
    return sum(
        await CartItem.filter(cart__user_id=user_id).values_list("quantity", flat=True)  # type: ignore[arg-type]
    )


async def test_a_customer_blocked_by_the_store_is_refused_on_the_very_next_tap(
    bots: BotHarness, demo: SeedReport
) -> None:
    admin = Principal((await make_person(bots.settings, Role.ADMIN)).user.id, "admin")
    await add_from_catalog(bots, OLGA)
    user = await User.get(tg_id=OLGA["id"])
    await place(bots.ctx, user.id, demo.store_id)  # a customer of the store, whom it may block
    before = await in_cart(user.id)
    # A second tap within the cache's lifetime still sees the customer as they are.
    await bots.press("customer", OLGA, "Добавить")
    assert await in_cart(user.id) == before + 1

    await customers.set_blocked(admin, demo.store_id, user.id, True)
    await bots.press("customer", OLGA, "Добавить")
    assert bots.answers("customer")[-1] == "Эта учётная запись отключена."
    assert await in_cart(user.id) == before + 1  # nothing was added

    await customers.set_blocked(admin, demo.store_id, user.id, False)
    await bots.press("customer", OLGA, "Добавить")
    assert "Добавлено" in bots.answers("customer")[-1]
    assert await in_cart(user.id) == before + 2


async def test_a_dispatcher_whose_employment_ends_loses_the_store_on_the_next_update(
    bots: BotHarness, demo: SeedReport
) -> None:
    admin = Principal((await make_person(bots.settings, Role.ADMIN)).user.id, "admin")
    dispatcher = await make_person(
        bots.settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=DINA["id"], locale="ru"
    )
    customer = await make_person(bots.settings, Role.CUSTOMER)
    order = await place(bots.ctx, customer.user.id, demo.store_id)
    await bots.post("dispatcher", bots.message(DINA, "/orders"))
    assert order.number in bots.telegram.sent(chat_id=DINA["id"])[-1].text

    employment = await Employee.get(user_id=dispatcher.user.id, store_id=demo.store_id)
    await employees.set_employment_active(
        admin, store_id=demo.store_id, employee_id=employment.id, active=False
    )
    await bots.post("dispatcher", bots.message(DINA, "/orders"))
    assert bots.telegram.sent(chat_id=DINA["id"])[-1].text == "Открытых заказов нет."


async def test_a_store_switch_or_a_closed_store_takes_effect_on_the_next_tap(
    bots: BotHarness, demo: SeedReport
) -> None:
    await add_from_catalog(bots, PAVEL)
    user = await User.get(tg_id=PAVEL["id"])
    before = await in_cart(user.id)
    other = await Store.create(slug="second", name="Second Pharmacy")
    await bots.post("customer", bots.message(PAVEL, f"/start store_{other.id}"))
    assert "Second Pharmacy" in bots.telegram.sent(chat_id=PAVEL["id"])[-1].text
    # The card on screen is the first store's: its variant is not sold in the second one.
    await bots.press("customer", PAVEL, "Добавить")
    assert "Добавлено" not in bots.answers("customer")[-1]
    assert await in_cart(user.id) == before

    await bots.post("customer", bots.message(PAVEL, f"/start store_{demo.store_id}"))
    await bots.press("customer", PAVEL, "Добавить")
    assert "Добавлено" in bots.answers("customer")[-1]
    assert await in_cart(user.id) == before + 1

    await set_store_active(await Store.get(id=demo.store_id), False)
    await bots.press("customer", PAVEL, "Добавить")
    assert "Добавлено" not in bots.answers("customer")[-1]
    assert await in_cart(user.id) == before + 1


def test_no_bot_filter_or_handler_runs_in_a_thread(bots: BotHarness) -> None:
    """aiogram runs a synchronous filter or handler through asyncio.to_thread: every one the
    three bots register must be a coroutine (or an aiogram Filter, which is awaited)."""
    synchronous = []
    for name, webhook in bots.client.app[WEBHOOKS].items():
        for router in webhook.dispatcher.chain_tail:
            for observer in router.observers.values():
                for handler in observer.handlers:
                    for item in [handler, *(handler.filters or [])]:
                        if not item.awaitable:
                            synchronous.append(f"{name}: {router.name} {item.callback!r}")
    assert synchronous == []
