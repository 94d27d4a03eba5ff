"""A whole order through the three bots, in Russian: the customer orders in chat, two
dispatchers see it, one confirms and assigns, the driver delivers and collects cash."""

from __future__ import annotations

from bot.customer.keyboards import Add, CartAction, Cat, Pay, Prod, SlotPick, Step
from bot.dispatcher.keyboards import AssignTo, OrderAction
from bot.driver.keyboards import Delivery
from core.settings import Settings
from models import BotMessage, CashDrop, Category, Driver, Order, OutboxMessage, Product, User
from models.enums import DriverStatus, OrderStatus, OutboxStatus, Role
from services.demo import SeedReport
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

IVAN, DINA, DAN, MAX = tg_user(7001), tg_user(7002), tg_user(7003), tg_user(7004)
CUSTOMER_TOKEN, DISPATCHER_TOKEN, DRIVER_TOKEN = (
    "1000001:TEST-customer-token",
    "1000002:TEST-dispatcher-token",
    "1000003:TEST-driver-token",
)


async def staff(settings: Settings, store_id: int) -> tuple[User, User, User]:
    dispatcher = (
        await make_person(
            settings, Role.DISPATCHER, store_ids=(store_id,), tg_id=DINA["id"], locale="ru"
        )
    ).user
    manager = (
        await make_person(
            settings, Role.MANAGER, store_ids=(store_id,), tg_id=MAX["id"], locale="ru"
        )
    ).user
    driver = (
        await make_person(
            settings, Role.DRIVER, store_ids=(store_id,), tg_id=DAN["id"], locale="ru"
        )
    ).user
    await Driver.create(
        store_id=store_id, user=driver, status=DriverStatus.OFFLINE, last_lat=41.39, last_lng=2.165
    )
    return dispatcher, manager, driver


def last_buttons(bots: BotHarness, token: str, chat_id: int) -> list[dict]:
    calls = [
        c for c in bots.telegram.calls if c.token == token and c.chat_id == chat_id and c.buttons()
    ]
    return calls[-1].buttons()


async def test_order_from_customer_bot_to_delivery_in_russian(
    bots: BotHarness, demo: SeedReport
) -> None:
    dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)
    store = demo.store_id

    # Customer: /start, catalog, a category, a product, add two, cart, checkout.
    assert await bots.post("customer", bots.message(IVAN, "/start")) == 200
    await bots.post("customer", bots.message(IVAN, "🛍 Каталог"))
    category = await Category.get(store_id=store, slug="vitamins")
    await bots.post("customer", bots.callback(IVAN, Cat(category_id=category.id).pack()))
    listing = last_buttons(bots, CUSTOMER_TOKEN, IVAN["id"])
    assert any("Витамин" in b["text"] for b in listing)
    product = await Product.get(store_id=store, slug="p015")  # Multivitamin, in stock
    await bots.post("customer", bots.callback(IVAN, Prod(product_id=product.id).pack()))
    card = bots.telegram.sent(token=CUSTOMER_TOKEN, chat_id=IVAN["id"])[-1]
    assert "Мультивитамины" in card.text and "€" in card.text
    add_button = next(b for b in card.buttons() if b["callback_data"].startswith("a:"))
    variant_id = Add.unpack(add_button["callback_data"]).variant_id
    for _ in range(2):
        await bots.post("customer", bots.callback(IVAN, Add(variant_id=variant_id).pack()))
    answers = bots.telegram.sent("answerCallbackQuery", token=CUSTOMER_TOKEN)
    assert "Добавлено" in answers[-1].params["text"]
    await bots.post("customer", bots.callback(IVAN, CartAction(action="checkout").pack()))
    assert "Куда доставить" in bots.telegram.sent(chat_id=IVAN["id"])[-1].text
    await bots.post("customer", bots.message(IVAN, "Carrer de Mallorca 200, Barcelona"))
    texts = [c.text for c in bots.telegram.sent(chat_id=IVAN["id"])[-2:]]
    assert "Доставляем туда" in texts[0] and texts[1] == "Когда?"
    await bots.post("customer", bots.callback(IVAN, SlotPick(slot_id=0).pack()))
    await bots.post("customer", bots.callback(IVAN, Pay(method="cash").pack()))
    await bots.post("customer", bots.message(IVAN, "WELCOME10"))
    summary = bots.telegram.sent(chat_id=IVAN["id"])[-1].text
    assert "Ваш заказ" in summary and "Скидка" in summary
    await bots.post("customer", bots.callback(IVAN, Step(action="confirm").pack()))
    order = await Order.get()
    assert order.status is OrderStatus.PENDING and order.discount_cents > 0
    assert f"Заказ {order.number} оформлен" in bots.telegram.sent(chat_id=IVAN["id"])[-1].text

    # The outbox fans the new order out to both dispatchers (and thanks the customer).
    await bots.deliver()
    for person in (DINA, MAX):
        cards = bots.telegram.sent(token=DISPATCHER_TOKEN, chat_id=person["id"])
        assert len(cards) == 1 and order.number in cards[0].text and "Новый" in cards[0].text
        assert {b["text"] for b in cards[0].buttons()} == {"✅ Подтвердить", "✖ Отменить"}
    assert await BotMessage.filter(order_id=order.id, bot="dispatcher").count() == 2
    assert "принят" in bots.telegram.sent(token=CUSTOMER_TOKEN, chat_id=IVAN["id"])[-1].text

    # Dina confirms: every dispatcher's copy is edited to the new state, naming her.
    await bots.post(
        "dispatcher", bots.callback(DINA, OrderAction(order_id=order.id, action="confirm").pack())
    )
    await bots.deliver()
    edits = bots.telegram.sent("editMessageText", token=DISPATCHER_TOKEN)
    assert {e.chat_id for e in edits} == {DINA["id"], MAX["id"]}
    assert all("Подтверждён" in e.text and dispatcher.name in e.text for e in edits)
    await bots.post(
        "dispatcher", bots.callback(MAX, OrderAction(order_id=order.id, action="ready").pack())
    )

    # The driver starts a shift; Dina assigns him (the list shows distance and load).
    await bots.post("driver", bots.message(DAN, "▶ Начать смену"))
    await bots.post(
        "dispatcher", bots.callback(DINA, OrderAction(order_id=order.id, action="assign").pack())
    )
    choice = last_buttons(bots, DISPATCHER_TOKEN, DINA["id"])
    assert driver_user.name in choice[0]["text"] and "km" in choice[0]["text"]
    driver = await Driver.get(user_id=driver_user.id)
    await bots.post(
        "dispatcher", bots.callback(DINA, AssignTo(order_id=order.id, driver_id=driver.id).pack())
    )
    await bots.deliver()
    delivery_card = bots.telegram.sent(token=DRIVER_TOKEN, chat_id=DAN["id"])[-1]
    assert "Новая доставка" in delivery_card.text and order.number in delivery_card.text
    assert any(
        b.get("url", "").startswith("https://www.google.com/maps/dir/")
        for b in delivery_card.buttons()
    )

    # The driver picks it up, shares his location, delivers and types the cash he took.
    await bots.post(
        "driver", bots.callback(DAN, Delivery(order_id=order.id, action="picked_up").pack())
    )
    await bots.post("driver", bots.location(DAN, 41.3910, 2.1620, live=True))
    assert (await Order.get(id=order.id)).eta_minutes is not None
    await bots.post(
        "driver", bots.callback(DAN, Delivery(order_id=order.id, action="delivered").pack())
    )
    assert "Сколько наличных" in bots.telegram.sent(token=DRIVER_TOKEN, chat_id=DAN["id"])[-1].text
    total = (await Order.get(id=order.id)).total_cents
    await bots.post("driver", bots.message(DAN, f"{total // 100},{total % 100:02d}"))
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and order.cash_collected_cents == total
    assert (await CashDrop.get(order_id=order.id)).amount_cents == total
    roles = [h.actor_role for h in await order.history.all().order_by("id")]
    assert [r.value for r in roles] == [
        "customer",
        "dispatcher",
        "manager",
        "dispatcher",
        "driver",
        "driver",
    ]

    # The customer heard about every step, in Russian.
    await bots.deliver()
    told = [c.text for c in bots.telegram.sent(token=CUSTOMER_TOKEN, chat_id=IVAN["id"])]
    for status in ("Подтверждён", "Готов к выдаче", "Курьер назначен", "В пути", "Доставлен"):
        assert any(f"Заказ {order.number}: {status}" in text for text in told), status
    assert await OutboxMessage.filter(status=OutboxStatus.FAILED).count() == 0


async def test_two_dispatchers_press_confirm_at_once(bots: BotHarness, demo: SeedReport) -> None:
    import asyncio

    await staff(bots.settings, demo.store_id)
    customer = await make_person(bots.settings, Role.CUSTOMER)
    from api.keys import CTX
    from tests.fixtures.orders import place

    order = await place(bots.client.app[CTX], customer.user.id, demo.store_id)
    data = OrderAction(order_id=order.id, action="confirm").pack()
    await asyncio.gather(
        bots.post("dispatcher", bots.callback(DINA, data)),
        bots.post("dispatcher", bots.callback(MAX, data)),
    )
    answers = [
        c.params["text"] for c in bots.telegram.sent("answerCallbackQuery", token=DISPATCHER_TOKEN)
    ]
    assert sorted(answers) == sorted(
        ["Готово", answers[1] if answers[0] == "Готово" else answers[0]]
    )
    assert "Готово" in answers and any(
        "уже обработан" in a or "кто-то другой" in a for a in answers
    )
    assert (await Order.get(id=order.id)).status is OrderStatus.CONFIRMED
    assert await order.history.filter(to_status=OrderStatus.CONFIRMED).count() == 1


async def test_unlinked_people_get_one_polite_line_from_staff_bots(
    bots: BotHarness, demo: SeedReport
) -> None:
    stranger = tg_user(7999, language="es")
    await bots.post("dispatcher", bots.message(stranger, "/orders"))
    await bots.post("driver", bots.message(stranger, "▶ Iniciar turno"))
    texts = [c.text for c in bots.telegram.calls if c.chat_id == 7999]
    assert len(texts) == 2 and all("personal de la farmacia" in t for t in texts)
