"""The rest of the chat paths: my orders, cancel, reorder, rating, date of birth, /orders,
/drivers."""

from __future__ import annotations

from bot.customer.keyboards import OrderView
from models import Cart, CartItem, Driver, Order, User
from models.enums import DriverStatus, OrderStatus, Role
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

PETR = tg_user(9001)


async def test_my_orders_cancel_reorder_and_rate(bots: BotHarness, demo: SeedReport) -> None:
    await bots.post("customer", bots.message(PETR, "/start"))
    user = await User.get(tg_id=PETR["id"])
    first = await place(bots.ctx, user.id, demo.store_id)
    second = await place(bots.ctx, user.id, demo.store_id)
    await bots.tap("customer", PETR, "📦 Мои заказы")
    listing = bots.last("customer", PETR)
    assert {first.number, second.number} <= {b["text"].split(" · ")[0] for b in listing.buttons()}
    await bots.press("customer", PETR, first.number)
    detail = bots.last("customer", PETR)
    assert first.number in detail.text and "Новый" in detail.text
    await bots.press("customer", PETR, "✖ Отменить заказ")
    assert (await Order.get(id=first.id)).status is OrderStatus.CANCELLED
    await bots.press("customer", PETR, "🔁 Повторить заказ")
    user_cart = await Cart.get(user_id=user.id)
    assert await CartItem.filter(cart=user_cart).count() >= 1
    # Someone else's order is not theirs to see, even with a forged button press (the
    # callback data an attacker could craft, which no message of ours carried).
    other = await make_person(bots.settings, Role.CUSTOMER)
    foreign = await place(bots.ctx, other.user.id, demo.store_id)
    forged = OrderView(order_id=foreign.id).pack()
    assert forged not in str([c.buttons() for c in bots.screen("customer", PETR)])
    await bots.post("customer", bots.callback(PETR, forged))
    assert "Не найдено" in bots.answers("customer")[-1]


async def test_dispatcher_lists_orders_and_drivers(bots: BotHarness, demo: SeedReport) -> None:
    dina = tg_user(9002)
    await make_person(
        bots.settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=dina["id"], locale="ru"
    )
    customer = await make_person(bots.settings, Role.CUSTOMER)
    order = await place(bots.ctx, customer.user.id, demo.store_id)
    rider = await make_person(bots.settings, Role.DRIVER, store_ids=(demo.store_id,), name="Рома")
    await Driver.create(store_id=demo.store_id, user=rider.user, status=DriverStatus.AVAILABLE)
    await bots.post("dispatcher", bots.message(dina, "/orders"))
    text = bots.telegram.sent(chat_id=dina["id"])[-1].text
    assert "Новый" in text and order.number in text
    await bots.post("dispatcher", bots.message(dina, "/drivers"))
    text = bots.telegram.sent(chat_id=dina["id"])[-1].text
    assert "Рома" in text and "местоположение пока неизвестно" in text


async def test_start_with_a_referral_code_records_the_referrer_once(
    bots: BotHarness, demo: SeedReport
) -> None:
    friend = await make_person(bots.settings, Role.CUSTOMER)
    newcomer = tg_user(9010)
    await bots.post("customer", bots.message(newcomer, f"/start ref_{friend.user.referral_code}"))
    user = await User.get(tg_id=9010)
    assert user.referred_by_id == friend.user.id
    other = await make_person(bots.settings, Role.CUSTOMER)
    await bots.post("customer", bots.message(newcomer, f"/start ref_{other.user.referral_code}"))
    assert (await User.get(tg_id=9010)).referred_by_id == friend.user.id  # the first one stays
    await bots.post("customer", bots.message(tg_user(9011), f"/start store_{demo.store_id}"))
    assert "Demo Pharmacy" in bots.telegram.sent(chat_id=9011)[0].text
