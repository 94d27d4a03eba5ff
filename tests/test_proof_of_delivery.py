"""Proof of delivery (issue 16): the driver bot asks for a photo at handover and fetches it
through the Bot API (getFile, then the file download); the photo is checked and re-encoded
like a product picture but kept private, shown on the console order page and to the order's
customer through a signed link; the driver mini-app uploads it through the API; photos go
after the retention period."""

from __future__ import annotations

import asyncio
import io
import random
from datetime import timedelta
from pathlib import Path

from aiohttp import FormData
from aiohttp.test_utils import TestClient
from PIL import Image

from api.keys import CTX
from core.clock import utcnow
from core.settings import Settings
from models import Order, OrderEvent, Store, User
from models.enums import IdDocument, OrderStatus, PaymentMethod, Role
from services import media, orders, proof
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_driver, make_person
from tests.fixtures.telegram import BotHarness, tg_user
from webapp.app import build_app

_seeds = iter(range(1, 10_000))


def photo(fmt: str = "JPEG") -> bytes:
    """A distinct phone-like photo (noise, so two calls never share a content key)."""
    rng = random.Random(next(_seeds))
    blocks = Image.new("RGB", (40, 30))
    blocks.putdata([(rng.randrange(256), rng.randrange(256), 90) for _ in range(40 * 30)])
    picture = blocks.resize((800, 600), Image.Resampling.NEAREST)
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


async def picked_up(
    bots_or_client: BotHarness | TestClient,
    settings: Settings,
    store_id: int,
    dispatcher: Person,
    *,
    tg_id: int | None = None,
    payment: PaymentMethod = PaymentMethod.CARD,
    status: OrderStatus = OrderStatus.PICKED_UP,
) -> tuple[Person, Person, Order]:
    """A customer's order carried by a new driver (linked to chat `tg_id`), in `status`."""
    client = bots_or_client.client if isinstance(bots_or_client, BotHarness) else bots_or_client
    ctx = client.app[CTX]
    customer = await make_person(settings, Role.CUSTOMER, adult=True)
    rider, driver = await make_driver(settings, store_id)
    if tg_id is not None:
        await User.filter(id=rider.user.id).update(tg_id=tg_id, locale="en")
    order = await place(ctx, customer.user.id, store_id, payment=payment)
    for step in (OrderStatus.CONFIRMED, OrderStatus.READY):
        await orders.transition(order.id, step, dispatcher.principal)
    await orders.assign_driver(order.id, driver.id, dispatcher.principal)
    if status is OrderStatus.PICKED_UP:
        await orders.transition(order.id, OrderStatus.PICKED_UP, rider.principal)
    return customer, rider, await Order.get(id=order.id)


def stored(settings: Settings, key: str) -> list[Path]:
    return [settings.proof_photos_path() / media.relative_path(key, w) for w in media.WIDTHS]


def photo_update(bots: BotHarness, chat: dict, file_id: str, size: int) -> dict:
    sizes = [
        {"file_id": f"{file_id}-thumb", "file_unique_id": "t", "width": 90, "height": 68},
        {"file_id": file_id, "file_unique_id": file_id, "width": 800, "height": 600},
    ]
    sizes[-1]["file_size"] = size
    return bots.message(chat, photo=sizes)


async def test_the_driver_sends_the_handover_photo_and_the_customer_sees_it(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    chat = tg_user(9601, language="en", first_name="Dan")
    customer, _rider, order = await picked_up(
        bots, settings, demo.store_id, dispatcher, tg_id=chat["id"]
    )
    await bots.post("driver", bots.message(chat, "/deliveries"))
    await bots.press("driver", chat, "✅ Delivered")
    asked = bots.last("driver", chat)
    assert "Take a photo of order" in asked.text and order.number in asked.text
    assert [b["text"] for b in asked.buttons()] == ["⏭ Skip the photo"]  # not required here

    # Not a photo: asked again, nothing changes.
    await bots.post("driver", bots.message(chat, "done"))
    assert "Please send a photo" in bots.last("driver", chat).text
    # A photo Telegram says is too big is not even fetched.
    huge = bots.telegram.add_file(b"")
    await bots.post(
        "driver", photo_update(bots, chat, huge, bots.settings.media_max_upload_bytes + 1)
    )
    assert "too large" in bots.last("driver", chat).text
    assert not [c for c in bots.telegram.sent("getFile") if c.params.get("file_id") == huge]
    # Bytes that are not a picture: a clear reply, and the bot keeps waiting.
    junk = bots.telegram.add_file(b"GIF89a but not really a picture at all")
    await bots.post("driver", photo_update(bots, chat, junk, 40))
    assert "send the photo again" in bots.last("driver", chat).text
    await order.refresh_from_db()
    assert order.status is OrderStatus.PICKED_UP and order.proof_photo == ""

    data = photo()
    file_id = bots.telegram.add_file(data)
    await bots.post("driver", photo_update(bots, chat, file_id, len(data)))
    fetched = [c for c in bots.telegram.sent("getFile") if c.params.get("file_id") == file_id]
    assert len(fetched) == 1
    assert bots.telegram.sent("download")[-1].params["file_path"] == f"documents/{file_id}"
    assert "Photo saved. Delivered" in bots.last("driver", chat).text
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and media.is_key(order.proof_photo)
    assert order.proof_photo_at is not None
    assert all(path.is_file() for path in stored(settings, order.proof_photo))
    event = await OrderEvent.get(order_id=order.id, kind="proof_photo")
    assert event.data == {"width": 800, "height": 600}

    # The customer's order JSON has a signed link; the picture behind it is the stored one.
    mine = await bots.client.get(f"/api/v1/orders/{order.id}", headers=customer.headers)
    body = await mine.json()
    url = body["proof_photo_url"]
    assert url.startswith(f"/proof/{order.id}.webp?") and body["proof_photo_at"]
    shown = await bots.client.get(url)
    assert shown.status == 200 and shown.content_type == "image/webp"
    assert "private" in shown.headers["Cache-Control"]
    assert await shown.read() == stored(settings, order.proof_photo)[-1].read_bytes()
    # The store's staff see it on the staff order JSON too.
    staff = await bots.client.get(f"/api/v1/staff/orders/{order.id}", headers=dispatcher.headers)
    staff_url = (await staff.json())["proof_photo_url"]
    assert staff_url.startswith(f"/proof/{order.id}.webp?")
    assert (await bots.client.get(staff_url)).status == 200

    # Another customer gets neither the order nor, by guessing, the photo.
    other = await make_person(settings, Role.CUSTOMER, adult=True)
    denied = await bots.client.get(f"/api/v1/orders/{order.id}", headers=other.headers)
    assert denied.status == 404 and "proof_photo_url" not in await denied.text()
    forged = url.replace("sig=", "sig=A")
    assert (await bots.client.get(forged)).status == 404
    assert (await bots.client.get(f"/proof/{order.id}.webp")).status == 404
    public = f"/media/{order.proof_photo[:2]}/{order.proof_photo}-640.webp"
    assert (await bots.client.get(public)).status == 404  # never under the public /media/
    expired = proof.photo_url(bots.settings, order, now=1_000_000)
    assert expired is not None and (await bots.client.get(expired)).status == 404
    _c, _r, neighbour = await picked_up(bots, settings, demo.store_id, dispatcher)
    stolen = url.replace(f"/proof/{order.id}.", f"/proof/{neighbour.id}.")
    assert (await bots.client.get(stolen)).status == 404


async def test_the_console_order_page_shows_the_photo_and_the_id_check(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    from tests.test_console import session_for

    _customer, rider, order = await picked_up(bots, settings, demo.store_id, dispatcher)
    await Order.filter(id=order.id).update(requires_id_check=True)
    await orders.record_id_check(
        order.id, rider.principal, document_type=IdDocument.PASSPORT, birth_year=1984
    )
    order = await proof.attach_photo(bots.settings, rider.principal, order.id, photo("PNG"))
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    await session_for(settings, bots.client, manager.user)
    page = await bots.client.get(f"/admin/stores/{demo.store_id}/orders/{order.id}")
    html = await page.text()
    assert page.status == 200
    assert "data-proof-photo" in html and f"/proof/{order.id}.webp?expires=" in html
    assert "Passport · year of birth 1984" in html
    link = html.split(f'src="/proof/{order.id}.webp?', 1)[1].split('"', 1)[0]
    image = await bots.client.get(f"/proof/{order.id}.webp?" + link.replace("&amp;", "&"))
    assert image.status == 200 and (await image.read())[:4] == b"RIFF"


async def test_a_store_that_requires_the_photo_offers_no_skip(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    await Store.filter(id=demo.store_id).update(proof_photo_required=True)
    chat = tg_user(9602, language="es", first_name="Pablo")
    _customer, rider, order = await picked_up(
        bots, settings, demo.store_id, dispatcher, tg_id=chat["id"], payment=PaymentMethod.CASH
    )
    await User.filter(id=rider.user.id).update(locale="es")
    # Every door refuses "delivered" without the photo.
    refused = await bots.client.post(
        f"/api/v1/staff/orders/{order.id}/status",
        json={"status": "delivered", "cash_collected_cents": order.total_cents},
        headers=rider.headers,
    )
    assert refused.status == 422
    assert (await refused.json())["error"]["code"] == "proof_photo_required"
    await bots.post("driver", bots.message(chat, "/deliveries"))
    await bots.press("driver", chat, "✅ Entregado")
    asked = bots.last("driver", chat)
    assert "Haz una foto del pedido" in asked.text and not asked.buttons()
    data = photo()
    file_id = bots.telegram.add_file(data)
    await bots.post("driver", photo_update(bots, chat, file_id, len(data)))
    # With the photo saved, the cash question; then it is delivered.
    assert "efectivo" in bots.last("driver", chat).text
    await bots.post("driver", bots.message(chat, f"{order.total_cents / 100:.2f}"))
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and order.cash_collected_cents == order.total_cents
    assert media.is_key(order.proof_photo)


async def test_the_driver_may_skip_the_photo_when_the_store_does_not_require_it(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    chat = tg_user(9603, language="ru", first_name="Дан")
    _customer, rider, order = await picked_up(
        bots, settings, demo.store_id, dispatcher, tg_id=chat["id"]
    )
    await User.filter(id=rider.user.id).update(locale="ru")
    await bots.post("driver", bots.message(chat, "/deliveries"))
    await bots.press("driver", chat, "✅ Доставлен")
    assert "Сфотографируйте заказ" in bots.last("driver", chat).text
    await bots.press("driver", chat, "⏭ Без фото")
    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and order.proof_photo == ""
    assert "Доставлен" in bots.answers("driver")[-1]


async def upload(
    client: TestClient, person: Person, order_id: int, data: bytes, *, name: str = "door.jpg"
) -> tuple[int, dict]:
    form = FormData()
    form.add_field("file", data, filename=name, content_type="image/jpeg")
    response = await client.post(
        f"/api/v1/staff/orders/{order_id}/proof", data=form, headers=person.headers
    )
    body = await response.json()
    return response.status, body.get("error", body)


async def test_the_mini_app_uploads_the_photo_and_hostile_uploads_are_refused(
    app_client, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = await app_client(media_max_upload_bytes=200_000)
    customer, rider, order = await picked_up(client, settings, demo.store_id, dispatcher)
    path = f"/api/v1/staff/orders/{order.id}/proof"

    as_json = await client.post(path, json={"file": "x"}, headers=rider.headers)
    assert as_json.status == 415
    status, body = await upload(client, rider, order.id, b"")
    assert status == 422 and "file" in body["fields"]
    boundary = "a7e76002679311c56031f4ecea7024ba"
    garbled = await client.post(
        path,
        data=f"--{boundary}\r\n\u00be--{boundary}--\r\n".encode(),
        headers={**rider.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert garbled.status == 422  # a part whose headers are not headers (the fuzzer's find)
    status, body = await upload(client, rider, order.id, b"%PDF-1.4 not a picture")
    assert status == 415 and body["code"] == "not_an_image" and "file" in body["fields"]
    status, body = await upload(client, rider, order.id, photo()[:3000])
    assert status == 422 and body["code"] == "image_damaged" and "file" in body["fields"]
    status, body = await upload(client, rider, order.id, b"\xff" * 300_000)
    assert status == 413 and "file" in body["fields"]
    # Someone else's order: another driver and a stranger manager learn nothing; a customer
    # may not upload at all.
    other_rider, _ = await make_driver(settings, demo.store_id)
    assert (await upload(client, other_rider, order.id, photo()))[0] == 404
    elsewhere = await make_person(settings, Role.MANAGER, store_ids=())
    assert (await upload(client, elsewhere, order.id, photo()))[0] == 404
    assert (await upload(client, customer, order.id, photo()))[0] == 403
    assert not (await Order.get(id=order.id)).proof_photo

    status, body = await upload(client, rider, order.id, photo())
    assert status == 200 and body["proof_photo_url"].startswith(f"/proof/{order.id}.webp?")
    first = (await Order.get(id=order.id)).proof_photo
    assert all(p.is_file() for p in stored(settings, first))
    # A manager replaces it: the first photo's files go (no other order uses them).
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    status, body = await upload(client, manager, order.id, photo("PNG"), name="x.png")
    second = (await Order.get(id=order.id)).proof_photo
    assert status == 200 and second != first
    assert not any(p.exists() for p in stored(settings, first))
    assert all(p.is_file() for p in stored(settings, second))
    # The photo is taken at the door: not before pick-up.
    _c, late_rider, waiting = await picked_up(
        client, settings, demo.store_id, dispatcher, status=OrderStatus.ASSIGNED
    )
    status, body = await upload(client, late_rider, waiting.id, photo())
    assert status == 422 and body["code"] == "not_picked_up"


async def test_retention_deletes_exactly_the_old_photos(
    aiohttp_client, make_settings, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(build_app(make_settings(), workers=False))
    attached = []
    shared = photo()
    for data in (photo(), shared, shared, photo()):
        _c, rider, order = await picked_up(client, settings, demo.store_id, dispatcher)
        attached.append(await proof.attach_photo(settings, rider.principal, order.id, data))
    old, old_shared, new_shared, new = attached
    assert old_shared.proof_photo == new_shared.proof_photo  # one set of files for both
    long_ago = utcnow() - timedelta(days=settings.proof_photo_retention_days + 1)
    await Order.filter(id__in=[old.id, old_shared.id]).update(proof_photo_at=long_ago)

    # The periodic job, as the app runs it (one runner per cluster).
    app = build_app(make_settings(), workers=True)
    running = await aiohttp_client(app)
    ctx = running.app[CTX]
    for _ in range(200):
        if ctx.scheduler.runs.get("proof-photo-retention"):
            break
        await asyncio.sleep(0.05)
    assert ctx.scheduler.runs.get("proof-photo-retention", 0) >= 1

    after = {o.id: o for o in await Order.filter(id__in=[o.id for o in attached])}
    assert after[old.id].proof_photo == "" and after[old.id].proof_photo_at is None
    assert after[old_shared.id].proof_photo == ""
    assert after[new.id].proof_photo == new.proof_photo
    assert after[new_shared.id].proof_photo == new_shared.proof_photo
    assert not any(p.exists() for p in stored(settings, old.proof_photo))
    # Still the newer order's photo: its files stay.
    assert all(p.is_file() for p in stored(settings, new_shared.proof_photo))
    assert all(p.is_file() for p in stored(settings, new.proof_photo))
    # The timeline still says a photo was taken; the link is gone.
    assert await OrderEvent.filter(order_id=old.id, kind="proof_photo").exists()
    assert proof.photo_url(settings, after[old.id]) is None
    assert await proof.purge_old_photos(settings) == 0  # nothing old is left


async def test_a_refused_handover_stops_the_wait_for_the_photo(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    chat = tg_user(9604, language="en", first_name="Dan")
    _customer, _rider, order = await picked_up(
        bots, settings, demo.store_id, dispatcher, tg_id=chat["id"]
    )
    await bots.post("driver", bots.message(chat, "/deliveries"))
    await bots.press("driver", chat, "✅ Delivered")
    assert "Take a photo of order" in bots.last("driver", chat).text
    await bots.press("driver", chat, "🚫 Cannot hand over")
    await bots.press("driver", chat, "Nobody there")
    assert (await Order.get(id=order.id)).status is OrderStatus.RETURNING
    # A photo sent now is not taken as the proof, and the bot no longer asks for one.
    data = photo()
    file_id = bots.telegram.add_file(data)
    await bots.post("driver", photo_update(bots, chat, file_id, len(data)))
    assert not bots.telegram.sent("getFile")
    assert (await Order.get(id=order.id)).proof_photo == ""
    await bots.post("driver", bots.message(chat, "📋 My deliveries"))
    assert "Please send a photo" not in bots.last("driver", chat).text
