"""The customer–driver chat relay: both directions through the bots, logged on the order,
closed at delivery, and nobody else writes in it."""

from __future__ import annotations

from core.security import Principal, issue_access_token
from models import Driver, Order, OrderEvent, User
from models.enums import OrderStatus, PaymentMethod, Role
from services import orders
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness
from tests.test_bot_flow import DAN, IVAN, dispatch_to, staff


async def test_customer_and_driver_write_to_each_other_until_delivery(
    bots: BotHarness, demo: SeedReport
) -> None:
    dispatcher, _manager, driver_user = await staff(bots.settings, demo.store_id)
    await bots.post("customer", bots.message(IVAN, "/start"))
    customer = await User.get(tg_id=IVAN["id"])
    order = await place(bots.ctx, customer.id, demo.store_id, payment=PaymentMethod.CASH)
    await dispatch_to(bots, order, driver_user.name)

    # The customer opens the order in chat and writes to the driver.
    await bots.tap("customer", IVAN, "📦 Мои заказы")
    await bots.press("customer", IVAN, f"{order.number} · Курьер назначен · ")
    await bots.press("customer", IVAN, "💬 Написать курьеру")
    assert "Напишите сообщение курьеру" in bots.last("customer", IVAN).text
    await bots.post("customer", bots.message(IVAN, "Домофон не работает, <позвоните>"))
    assert "Отправлено" in bots.last("customer", IVAN).text
    await bots.deliver()
    got = bots.last("driver", DAN)
    assert f"Клиент, заказ {order.number}" in got.text
    assert "Домофон не работает, &lt;позвоните&gt;" in got.text  # their text, escaped
    assert str(IVAN["id"]) not in got.text and "Иван" not in got.text

    # The driver answers from the relayed message's button.
    await bots.press("driver", DAN, "↩ Ответить")
    await bots.post("driver", bots.message(DAN, "Буду через 5 минут"))
    await bots.deliver()
    answer = bots.last("customer", IVAN)
    assert (
        f"Ваш курьер, заказ {order.number}" in answer.text and "Буду через 5 минут" in answer.text
    )
    assert str(DAN["id"]) not in answer.text and driver_user.name not in answer.text

    log = await OrderEvent.filter(order_id=order.id, kind="chat_message").order_by("id")
    assert [(e.data["from"], e.actor_role.value if e.actor_role else None) for e in log] == [
        ("customer", "customer"),
        ("driver", "driver"),
    ]

    # Staff read the log; they do not write in it; strangers see nothing.
    url = f"/api/v1/orders/{order.id}/messages"
    board = {
        "Authorization": "Bearer "
        + issue_access_token(
            Principal(dispatcher.id, Role.DISPATCHER.value, (demo.store_id,)),
            bots.settings.secret_key,
            900,
        )
    }
    listed = await (await bots.client.get(url, headers=board)).json()
    assert [m["sender"] for m in listed["items"]] == ["customer", "driver"]
    denied = await bots.client.post(url, json={"text": "hi"}, headers=board)
    assert denied.status == 403 and (await denied.json())["error"]["code"] == "relay_not_party"
    stranger = await make_person(bots.settings, Role.CUSTOMER)
    assert (await bots.client.get(url, headers=stranger.headers)).status == 404
    assert (await bots.client.post(url, json={"text": "x"}, headers=stranger.headers)).status == 404

    # Once delivered the relay is closed, for the API and the bots alike.
    own = {
        "Authorization": "Bearer "
        + issue_access_token(
            Principal(customer.id, Role.CUSTOMER.value), bots.settings.secret_key, 900
        )
    }
    blank = await bots.client.post(url, json={"text": " \u0007 "}, headers=own)
    assert blank.status == 422 and "text" in (await blank.json())["error"]["fields"]
    sent = await bots.client.post(url, json={"text": "Спасибо"}, headers=own)
    assert sent.status == 201 and (await sent.json())["sender"] == "customer"
    rider = Principal(driver_user.id, Role.DRIVER.value, (demo.store_id,))
    await orders.transition(order.id, OrderStatus.PICKED_UP, rider)
    driver = await Driver.get(user_id=driver_user.id)
    assert (await Order.get(id=order.id)).driver_id == driver.id
    await orders.transition(order.id, OrderStatus.DELIVERED, rider, cash_collected_cents=10**6)
    closed = await bots.client.post(url, json={"text": "ещё"}, headers=own)
    assert closed.status == 409 and (await closed.json())["error"]["code"] == "relay_closed"
    await bots.press("driver", DAN, "↩ Ответить")
    await bots.post("driver", bots.message(DAN, "поздно"))
    assert "закрыт" in bots.last("driver", DAN).text
