"""Whole orders through the three bots, in Russian, pressing only the buttons the bots sent
(taken from the calls the fake Bot API recorded): the customer orders in chat, two
dispatchers see it, one confirms and assigns, the driver delivers and collects cash."""

from __future__ import annotations

import asyncio

from core.settings import Settings
from models import (
    CashDrop,
    Driver,
    Inventory,
    Order,
    OrderEvent,
    OrderItem,
    OutboxMessage,
    Review,
    User,
)
from models.enums import DriverStatus, OrderStatus, OutboxStatus, PaymentMethod, Role
from services.demo import SeedReport
from tests.fixtures.data import open_round_the_clock
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

IVAN, DINA, DAN, MAX = tg_user(7001), tg_user(7002), tg_user(7003), tg_user(7004)


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
    await open_round_the_clock(store_id)
    return dispatcher, manager, driver


async def shop_to_checkout(bots: BotHarness, who: dict, category: str, product: str) -> None:
    """The customer finds `product` in the catalog and adds it twice, pressing what they see."""
    assert await bots.post("customer", bots.message(who, "/start")) == 200
    await bots.tap("customer", who, "🛍 Каталог")
    await bots.press("customer", who, category)
    await bots.press("customer", who, product)
    card = bots.last("customer", who)
    assert product in card.text and "€" in card.text
    await bots.press("customer", who, "Добавить")
    await bots.press("customer", who, "Добавить")
    assert "Добавлено" in bots.answers("customer")[-1]
    await bots.press("customer", who, "🛒 Корзина")
    await bots.press("customer", who, "Оформить заказ")


async def test_cash_order_from_customer_to_dispatcher_to_driver_and_back(
    bots: BotHarness, demo: SeedReport
) -> None:
    dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)

    # Customer: the shop in chat, then checkout — only buttons the bot sent.
    await shop_to_checkout(bots, IVAN, "Витамины", "Мультивитамины")
    assert "Куда доставить" in bots.last("customer", IVAN).text
    await bots.post("customer", bots.message(IVAN, "Carrer de Mallorca 200, Barcelona"))
    assert "Квартира, этаж" in bots.last("customer", IVAN).text
    await bots.post("customer", bots.message(IVAN, "кв. 3, этаж 2, домофон 12"))
    assert "Комментарий для курьера" in bots.last("customer", IVAN).text
    await bots.post("customer", bots.message(IVAN, "позвонить дважды"))
    await bots.press("customer", IVAN, "Как можно скорее")
    await bots.press("customer", IVAN, "Наличными при получении")
    await bots.post("customer", bots.message(IVAN, "WELCOME10"))
    summary = bots.last("customer", IVAN).text
    assert "Ваш заказ" in summary and "Скидка" in summary
    await bots.press("customer", IVAN, "✅ Оформить заказ")
    order = await Order.get()
    assert order.status is OrderStatus.PENDING and order.discount_cents > 0
    assert order.payment_method.value == "cash"
    assert f"Заказ {order.number} оформлен" in bots.last("customer", IVAN).text

    # The outbox fans the new order out to both dispatchers (and thanks the customer).
    await bots.deliver()
    for person in (DINA, MAX):
        cards = bots.screen("dispatcher", person)
        assert len(cards) == 1 and order.number in cards[0].text and "Новый" in cards[0].text
        assert {b["text"] for b in cards[0].buttons()} == {"✅ Подтвердить", "✖ Отменить"}
    assert "принят" in bots.last("customer", IVAN).text

    # Dina confirms on her card: every dispatcher's copy now says so, naming her.
    await bots.press("dispatcher", DINA, "✅ Подтвердить")
    await bots.deliver()
    for person in (DINA, MAX):
        card = bots.last("dispatcher", person)
        assert "Подтверждён" in card.text and dispatcher.name in card.text
    await bots.press("dispatcher", MAX, "📦 Готов")
    await bots.deliver()

    # The driver opens the bot and starts a shift from its keyboard.
    await bots.post("driver", bots.message(DAN, "/start"))
    await bots.tap("driver", DAN, "▶ Начать смену")

    # Dina opens the driver list, goes back, opens it again and picks Dan.
    await bots.press("dispatcher", DINA, "🚚 Назначить курьера")
    chooser = bots.last("dispatcher", DINA)
    assert driver_user.name in chooser.buttons()[0]["text"] and "km" in chooser.text + str(
        chooser.buttons()
    )
    await bots.press("dispatcher", DINA, "⬅ Назад")
    assert all(driver_user.name not in str(c.buttons()) for c in bots.screen("dispatcher", DINA))
    await bots.press("dispatcher", DINA, "🚚 Назначить курьера")
    await bots.press("dispatcher", DINA, driver_user.name)
    await bots.deliver()
    card = bots.last("driver", DAN)
    assert "Новая доставка" in card.text and order.number in card.text
    # Everything needed at the door: who, where exactly, the note, what to collect.
    customer = await User.get(tg_id=IVAN["id"])
    assert customer.name.split(" ")[0] in card.text
    assert "кв. 3, этаж 2, домофон 12" in card.text and "позвонить дважды" in card.text
    assert "Получить наличными" in card.text and "Мультивитамины" in card.text
    assert any(
        b.get("url", "").startswith("https://www.google.com/maps/dir/") for b in card.buttons()
    )

    # Picked up: the same card is edited to offer Delivered (the defect this test guards).
    await bots.press("driver", DAN, "📦 Забрал")
    await bots.deliver()
    edited = bots.last("driver", DAN)
    assert edited.method == "editMessageText" and edited.message_id == card.message_id
    labels = [b["text"] for b in edited.buttons()]
    assert "✅ Доставлен" in labels and "📦 Забрал" not in labels
    assert "Забрал" in bots.last("dispatcher", DINA).text  # "Picked up by …"

    await bots.post("driver", bots.location(DAN, 41.3910, 2.1620, live=True))
    assert (await Order.get(id=order.id)).eta_minutes is not None
    await bots.press("driver", DAN, "✅ Доставлен")
    # The store does not require a proof photo: the bot asks for one, and it may be skipped.
    assert "Сфотографируйте заказ" in bots.last("driver", DAN).text
    await bots.press("driver", DAN, "⏭ Без фото")
    assert "Сколько наличных" in bots.last("driver", DAN).text
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

    # The driver's card ends as Delivered, with nothing left to press.
    await bots.deliver()
    final = next(c for c in bots.screen("driver", DAN) if c.message_id == card.message_id)
    assert "Доставлен" in final.text and not final.buttons()

    # The customer heard about every step, in Russian, and rates from the Delivered message.
    told = [c.text for c in bots.screen("customer", IVAN)]
    for status in ("Подтверждён", "Готов к выдаче", "Курьер назначен", "В пути", "Доставлен"):
        assert any(f"Заказ {order.number}: {status}" in text for text in told), status
    on_the_way = next(text for text in told if f"Заказ {order.number}: В пути" in text)
    assert "Следите за курьером на карте: http" in on_the_way and "/track/" in on_the_way
    await bots.press("customer", IVAN, "★★★★★")
    customer = await User.get(tg_id=IVAN["id"])
    assert await Review.filter(user_id=customer.id, rating=5).exists()
    assert await OutboxMessage.filter(status=OutboxStatus.FAILED).count() == 0


async def dispatch_to(bots: BotHarness, order: Order, driver_name: str) -> dict:
    """Dina confirms, marks ready and assigns the order to the driver on shift, by buttons;
    returns the driver's new delivery card."""
    await bots.deliver()
    await bots.press("dispatcher", DINA, "✅ Подтвердить")
    await bots.deliver()
    await bots.press("dispatcher", DINA, "📦 Готов")
    await bots.deliver()
    await bots.post("driver", bots.message(DAN, "/start"))
    await bots.tap("driver", DAN, "▶ Начать смену")
    await bots.press("dispatcher", DINA, "🚚 Назначить курьера")
    await bots.press("dispatcher", DINA, driver_name)
    await bots.deliver()
    card = bots.last("driver", DAN)
    assert order.number in card.text
    return {"message_id": card.message_id}


async def test_an_18_plus_order_is_handed_over_after_an_id_check(
    bots: BotHarness, demo: SeedReport
) -> None:
    _dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)
    petr = tg_user(7010, first_name="Пётр")
    await shop_to_checkout(bots, petr, "Отказ от курения", "Никотиновые пластыри")
    # A self-declared date of birth gates the checkout; it verifies nothing.
    assert "ДД.ММ.ГГГГ" in bots.last("customer", petr).text
    await bots.post("customer", bots.message(petr, "31.02.1990"))
    assert "ДД.ММ.ГГГГ" in bots.last("customer", petr).text
    customer = await User.get(tg_id=petr["id"])
    assert customer.date_of_birth is None
    await bots.post("customer", bots.message(petr, "15.06.1990"))
    customer = await User.get(id=customer.id)
    assert str(customer.date_of_birth) == "1990-06-15" and not customer.age_verified
    assert "Куда доставить" in bots.last("customer", petr).text
    # A shared location becomes the street it is on (reverse geocoding).
    await bots.post("customer", bots.location(petr, 41.3926, 2.1601))
    told = [c.text for c in bots.screen("customer", petr)][-2]
    assert "Carrer de Mallorca 200, Barcelona" in told
    await bots.press("customer", petr, "Пропустить")
    await bots.press("customer", petr, "Пропустить")
    await bots.press("customer", petr, "Как можно скорее")
    await bots.press("customer", petr, "Картой при получении")
    await bots.press("customer", petr, "Без промокода")
    await bots.press("customer", petr, "✅ Оформить заказ")
    order = await Order.get(customer_id=customer.id)
    assert order.requires_id_check

    card = await dispatch_to(bots, order, driver_user.name)
    await bots.press("driver", DAN, "📦 Забрал")
    await bots.deliver()
    edited = bots.last("driver", DAN)
    assert edited.message_id == card["message_id"]
    labels = [b["text"] for b in edited.buttons()]
    # Until the ID is checked the card offers the check (or a refusal), not Delivered.
    assert "🪪 Проверить документ" in labels and "✅ Доставлен" not in labels

    # The passport says 2015: the check is refused and nothing is recorded.
    await bots.press("driver", DAN, "🪪 Проверить документ")
    await bots.press("driver", DAN, "🛂 Паспорт")
    assert "год рождения" in bots.last("driver", DAN).text
    await bots.post("driver", bots.message(DAN, "2015"))
    assert "несовершеннолетний" in bots.last("driver", DAN).text
    assert (await Order.get(id=order.id)).id_checked_at is None

    # Another look: 1990. The check is an order event; the card moves on to Delivered.
    await bots.press("driver", DAN, "🪪 Проверить документ")
    await bots.press("driver", DAN, "🛂 Паспорт")
    await bots.post("driver", bots.message(DAN, "1990"))
    assert "записана" in bots.last("driver", DAN).text
    await bots.deliver()
    card_now = next(c for c in bots.screen("driver", DAN) if c.message_id == card["message_id"])
    assert "✅ Доставлен" in [b["text"] for b in card_now.buttons()]
    assert "Документ проверил" in bots.last("dispatcher", DINA).text
    await bots.press("driver", DAN, "✅ Доставлен")
    await bots.press("driver", DAN, "⏭ Без фото")
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and order.id_checked_at is not None
    events = await OrderEvent.filter(order_id=order.id)
    assert [(e.kind.value, e.data) for e in events] == [
        ("id_checked", {"document_type": "passport", "birth_year": 1990})
    ]
    assert (await User.get(id=customer.id)).age_verified
    # The timeline has one row per status: "On the way" appears once; the check is an event.
    statuses = [h.to_status for h in await order.history.all()]
    assert len(statuses) == len(set(statuses))
    await bots.deliver()
    await bots.press("customer", petr, "Открыть заказ")
    timeline = bots.last("customer", petr).text
    assert timeline.count("В пути") == 1 and "Документ проверен при передаче" in timeline

    # Having given a date of birth, the customer cannot change it themselves.
    await bots.deliver()
    await shop_to_checkout(bots, petr, "Отказ от курения", "Никотиновые пластыри")
    assert "Куда доставить" in bots.last("customer", petr).text


async def test_a_refused_handover_comes_back_to_the_pharmacy_and_tells_everyone_why(
    bots: BotHarness, demo: SeedReport
) -> None:
    _dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)
    customer = await make_person(bots.settings, Role.CUSTOMER, tg_id=7011, locale="ru")
    order = await place(bots.ctx, customer.user.id, demo.store_id, payment=PaymentMethod.CASH)
    stock_before = await stock_of(order)
    await dispatch_to(bots, order, driver_user.name)
    await bots.press("driver", DAN, "📦 Забрал")
    await bots.deliver()
    await bots.press("driver", DAN, "🚫 Не могу передать")
    await bots.press("driver", DAN, "⬅ Назад")  # changed their mind: the chooser closes
    assert all("Никого нет" not in str(c.buttons()) for c in bots.screen("driver", DAN))
    await bots.press("driver", DAN, "🚫 Не могу передать")
    await bots.press("driver", DAN, "Никого нет")
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.RETURNING
    assert await stock_of(order) == stock_before  # still in the van
    await bots.deliver()
    told = bots.last("customer", {"id": 7011}).text
    assert "Возвращается в аптеку" in told and "по адресу никого нет" in told
    card = bots.last("dispatcher", DINA)
    assert "Вернул" in card.text and "по адресу никого нет" in card.text
    event = await OrderEvent.get(order_id=order.id)
    assert event.kind.value == "handover_refused" and event.data == {"reason": "customer_absent"}

    # The pharmacy receives it back from the card's button: stock back, customer told.
    await bots.press("dispatcher", DINA, "📥 Получен обратно")
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.RETURNED and order.payment_state.value == "void"
    stock_after = await stock_of(order)
    assert {k: now for k, (now, _) in stock_after.items()} == {
        k: was + quantity for k, (was, quantity) in stock_before.items()
    }
    await bots.deliver()
    assert "Возвращён в аптеку" in bots.last("customer", {"id": 7011}).text
    assert not bots.last("dispatcher", DINA).buttons()


async def test_a_returning_order_can_go_out_again_for_a_second_attempt(
    bots: BotHarness, demo: SeedReport
) -> None:
    _dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)
    customer = await make_person(bots.settings, Role.CUSTOMER, tg_id=7012, locale="ru")
    order = await place(bots.ctx, customer.user.id, demo.store_id, payment=PaymentMethod.CASH)
    await dispatch_to(bots, order, driver_user.name)
    await bots.press("driver", DAN, "📦 Забрал")
    await bots.deliver()
    await bots.press("driver", DAN, "🚫 Не могу передать")
    await bots.press("driver", DAN, "Клиент отказался")
    await bots.deliver()
    await bots.press("dispatcher", DINA, "🔁 Доставить снова")
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.READY and order.driver_id is None
    await bots.deliver()
    await bots.press("dispatcher", DINA, "🚚 Назначить курьера")
    await bots.press("dispatcher", DINA, driver_user.name)
    assert (await Order.get(id=order.id)).status is OrderStatus.ASSIGNED


async def stock_of(order: Order) -> dict[int, tuple[int, int]]:
    """Each line's variant: (stock now, quantity in the order)."""
    lines = await OrderItem.filter(order_id=order.id)
    return {
        line.variant_id: (
            (await Inventory.get(store_id=order.store_id, variant_id=line.variant_id)).quantity,
            line.quantity,
        )
        for line in lines
    }


async def test_two_dispatchers_press_confirm_at_once(bots: BotHarness, demo: SeedReport) -> None:
    await staff(bots.settings, demo.store_id)
    customer = await make_person(bots.settings, Role.CUSTOMER)
    order = await place(bots.ctx, customer.user.id, demo.store_id)
    await bots.deliver()
    await asyncio.gather(
        bots.press("dispatcher", DINA, "✅ Подтвердить"),
        bots.press("dispatcher", MAX, "✅ Подтвердить"),
    )
    answers = bots.answers("dispatcher")
    assert len(answers) == 2 and "Готово" in answers
    other = answers[1] if answers[0] == "Готово" else answers[0]
    assert "уже обработан" in other or "кто-то другой" in other
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
