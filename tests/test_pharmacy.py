"""Pharmacy-grade goods: prescriptions reviewed by a pharmacist, cold chain, per-period
quantity limits (issue 18), through the API and the services behind every door."""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.clock import utcnow
from core.context import AppContext
from core.errors import Conflict
from core.settings import Settings
from models import (
    Employee,
    Inventory,
    Order,
    OrderEvent,
    OutboxMessage,
    Prescription,
    Product,
    ProductVariant,
    Store,
    TimeSlot,
    Vehicle,
)
from models.enums import OrderStatus, PaymentMethod, Role, TransportType
from services import orders, prescriptions
from services.checkout import CheckoutRequest, place_order
from services.demo import SeedReport
from tests.fixtures.orders import INSIDE, stocked_variant
from tests.fixtures.people import Person, make_driver, make_person
from tests.fixtures.telegram import BotHarness, tg_user

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"prescription-scan-pixels" * 8
_keys = itertools.count(1)


@pytest.fixture
async def rx_client(app_client, tmp_path: Path) -> TestClient:  # type: ignore[no-untyped-def]
    return await app_client(prescriptions_dir=str(tmp_path / "rx"))  # type: ignore[no-any-return]


def ctx_of(client: TestClient) -> AppContext:
    return client.app[CTX]


async def flagged_variant(store_id: int, **flags: Any) -> ProductVariant:
    """A stocked, unrestricted variant whose product gets `flags`."""
    variant = await stocked_variant(store_id, at_least=6)
    await Product.filter(id=variant.product_id).update(**flags)
    return variant


async def other_product_variant(store_id: int, variant: ProductVariant) -> ProductVariant:
    """A stocked variant of another, unflagged product (the top-up line)."""
    for other in await ProductVariant.filter(store_id=store_id).order_by("-id"):
        product = await Product.get(id=other.product_id)
        stock = await Inventory.get(store_id=store_id, variant_id=other.id)
        if (
            product.id != variant.product_id
            and not product.age_restricted
            and stock.quantity >= 4
            and other.price_cents >= 300
        ):
            return other
    raise AssertionError("no top-up variant")


async def place_with(
    ctx: AppContext,
    customer: Person,
    store_id: int,
    variant: ProductVariant,
    quantity: int,
    *,
    slot_id: int | None = None,
) -> Order:
    """An order for `quantity` of `variant`, topped up to the zone's minimum."""
    extra = await other_product_variant(store_id, variant)
    order, created = await place_order(
        ctx,
        user_id=customer.user.id,
        request=CheckoutRequest(
            store_id=store_id,
            items=[(variant.id, quantity), (extra.id, 4)],
            address=INSIDE,
            payment_method=PaymentMethod.CARD,
            slot_id=slot_id,
        ),
        idempotency_key=f"rx-{next(_keys)}",
    )
    assert created
    return order


async def pharmacist_of(client: TestClient, settings: Settings, store_id: int) -> Person:
    """A dispatcher made pharmacist by a manager through the admin API."""
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    person = await make_person(settings, Role.DISPATCHER, store_ids=(store_id,))
    response = await client.put(
        f"/api/v1/admin/stores/{store_id}/staff/{person.user.id}/pharmacist",
        headers=manager.headers,
        json={"granted": True},
    )
    assert response.status == 200, await response.text()
    assert (await response.json())["pharmacist"] is True
    return person


async def upload(client: TestClient, person: Person, order_id: int, data: bytes, name: str):  # type: ignore[no-untyped-def]
    form = FormData()
    form.add_field("file", data, filename=name, content_type="image/png")
    return await client.post(
        f"/api/v1/orders/{order_id}/prescription", headers=person.headers, data=form
    )


async def error_code(response) -> str:  # type: ignore[no-untyped-def]
    return (await response.json())["error"]["code"]  # type: ignore[no-any-return]


async def test_prescription_is_reviewed_before_the_order_can_be_confirmed(
    rx_client: TestClient,
    settings: Settings,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,
    tmp_path: Path,
) -> None:
    client, ctx = rx_client, ctx_of(rx_client)
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx, customer, demo.store_id, variant, 2)
    shown = await (await client.get(f"/api/v1/orders/{order.id}", headers=customer.headers)).json()
    assert shown["prescription_state"] == "required"
    assert [i["prescription_required"] for i in shown["items"]].count(True) == 1

    async def confirm():  # type: ignore[no-untyped-def]
        return await client.post(
            f"/api/v1/staff/orders/{order.id}/status",
            headers=dispatcher.headers,
            json={"status": "confirmed"},
        )

    blocked = await confirm()
    assert blocked.status == 422 and await error_code(blocked) == "prescription_pending"

    # The name says PNG, the bytes do not: refused by content.
    fake = await upload(client, customer, order.id, b"just some text", "scan.png")
    assert fake.status == 422 and await error_code(fake) == "prescription_file_type"
    sent = await upload(client, customer, order.id, PNG, "scan.png")
    assert sent.status == 200, await sent.text()
    assert (await sent.json())["prescription_state"] == "submitted"

    # Encrypted at rest: the file on disk is not the upload, and opens with the secret box.
    stored = await Prescription.get(order_id=order.id)
    on_disk = (tmp_path / "rx" / stored.file_name).read_bytes()
    assert PNG not in on_disk and b"prescription-scan-pixels" not in on_disk
    assert ctx.secret_box.open_bytes(on_disk) == PNG

    # Only the customer and the store's pharmacists see the file.
    mine = await client.get(
        f"/api/v1/orders/{order.id}/prescription/file", headers=customer.headers
    )
    assert mine.status == 200 and await mine.read() == PNG
    assert mine.content_type == "image/png"
    stranger = await make_person(settings, Role.CUSTOMER)
    for person in (stranger, dispatcher):
        denied = await client.get(
            f"/api/v1/orders/{order.id}/prescription/file", headers=person.headers
        )
        assert denied.status == 404
    not_pharmacist = await client.post(
        f"/api/v1/staff/orders/{order.id}/prescription",
        headers=dispatcher.headers,
        json={"decision": "approved"},
    )
    assert not_pharmacist.status == 403

    pharmacist = await pharmacist_of(client, settings, demo.store_id)
    seen = await client.get(
        f"/api/v1/orders/{order.id}/prescription/file", headers=pharmacist.headers
    )
    assert seen.status == 200 and await seen.read() == PNG

    async def decide(**body: str):  # type: ignore[no-untyped-def]
        return await client.post(
            f"/api/v1/staff/orders/{order.id}/prescription",
            headers=pharmacist.headers,
            json=body,
        )

    no_note = await decide(decision="rejected")
    assert no_note.status == 422 and await error_code(no_note) == "prescription_note_required"
    await OutboxMessage.all().delete()
    rejected = await decide(decision="rejected", note="The prescription has expired")
    assert rejected.status == 200 and (await rejected.json())["prescription_state"] == "rejected"
    told = await OutboxMessage.filter(
        channel="notifications:customer", kind="PRESCRIPTION_REVIEWED"
    ).get()
    assert told.payload["note"] == "The prescription has expired"
    assert (await confirm()).status == 422

    # Upload again, this time an e-prescription code; approved; confirmed.
    again = await client.post(
        f"/api/v1/orders/{order.id}/prescription",
        headers=customer.headers,
        json={"code": "ERX-2026-0001"},
    )
    assert again.status == 200 and (await again.json())["prescription_state"] == "submitted"
    assert (await decide(decision="approved")).status == 200
    detail = await (await confirm()).json()
    assert detail["status"] == "confirmed"
    reviews = [e for e in detail["events"] if e["kind"].startswith("prescription_")]
    assert [e["kind"] for e in reviews] == [
        "prescription_submitted",
        "prescription_rejected",
        "prescription_submitted",
        "prescription_approved",
    ]
    assert reviews[-1]["actor_id"] == pharmacist.user.id
    assert reviews[1]["data"]["note"] == "The prescription has expired"
    view = await client.get(f"/api/v1/orders/{order.id}/prescription", headers=pharmacist.headers)
    assert (await view.json())["code"] == "ERX-2026-0001"
    # The code is sealed in the row, never stored in clear.
    assert (
        "ERX-2026-0001"
        not in (await Prescription.filter(order_id=order.id).order_by("-id").first()).code_sealed
    )  # type: ignore[union-attr]


async def test_upload_over_ten_megabytes_is_refused_while_streaming(
    rx_client: TestClient, demo: SeedReport, customer: Person, tmp_path: Path
) -> None:
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx_of(rx_client), customer, demo.store_id, variant, 1)

    async def chunks():  # type: ignore[no-untyped-def]
        yield PNG
        block = b"\x00" * (1024 * 1024)
        for _ in range(10):
            yield block

    form = FormData()
    form.add_field("file", chunks(), filename="big.png", content_type="image/png")
    response = await rx_client.post(
        f"/api/v1/orders/{order.id}/prescription", headers=customer.headers, data=form
    )
    assert response.status == 422 and await error_code(response) == "prescription_too_large"
    assert not await Prescription.filter(order_id=order.id).exists()
    no_boundary = await rx_client.post(
        f"/api/v1/orders/{order.id}/prescription",
        headers={**customer.headers, "Content-Type": "multipart/form-data"},
        data=b'{"code": "0"}',
    )
    assert no_boundary.status == 422


async def test_unapproved_orders_are_cancelled_and_old_files_deleted(
    rx_client: TestClient, demo: SeedReport, customer: Person, tmp_path: Path
) -> None:
    ctx = ctx_of(rx_client)
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    stock_before = (await Inventory.get(store_id=demo.store_id, variant_id=variant.id)).quantity
    waiting = await place_with(ctx, customer, demo.store_id, variant, 2)
    assert (await upload(rx_client, customer, waiting.id, PNG, "a.png")).status == 200
    fresh = await place_with(ctx, customer, demo.store_id, variant, 1)
    await Store.filter(id=demo.store_id).update(prescription_review_minutes=60)
    await Order.filter(id=waiting.id).update(created_at=utcnow() - timedelta(minutes=61))

    await prescriptions.run_due_jobs(ctx)
    await waiting.refresh_from_db()
    await fresh.refresh_from_db()
    assert waiting.status is OrderStatus.CANCELLED
    assert fresh.status is OrderStatus.PENDING
    stock = (await Inventory.get(store_id=demo.store_id, variant_id=variant.id)).quantity
    assert stock == stock_before - 1  # the cancelled order's 2 came back

    row = await Prescription.get(order_id=waiting.id)
    await Prescription.filter(id=row.id).update(
        created_at=utcnow() - timedelta(days=ctx.settings.prescription_retention_days + 1)
    )
    assert await prescriptions.purge_old_files(ctx) == 1
    assert not (tmp_path / "rx" / row.file_name).exists()
    gone = await rx_client.get(
        f"/api/v1/orders/{waiting.id}/prescription/file", headers=customer.headers
    )
    assert gone.status == 404


async def test_rejected_customer_may_drop_the_rx_items_instead(
    rx_client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx_of(rx_client), customer, demo.store_id, variant, 2)
    response = await rx_client.post(
        f"/api/v1/orders/{order.id}/prescription/remove-items", headers=customer.headers
    )
    body = await response.json()
    assert response.status == 200, body
    assert body["prescription_state"] == "none"
    assert all(not i["prescription_required"] for i in body["items"])
    assert body["total_cents"] == order.total_cents - 2 * variant.price_cents
    confirmed = await rx_client.post(
        f"/api/v1/staff/orders/{order.id}/status",
        headers=dispatcher.headers,
        json={"status": "confirmed"},
    )
    assert confirmed.status == 200


async def test_per_period_limit_counts_earlier_orders_and_names_the_product(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    ctx = ctx_of(client)
    variant = await flagged_variant(demo.store_id, period_limit_quantity=3, period_limit_days=7)
    first = await place_with(ctx, customer, demo.store_id, variant, 2)
    with pytest.raises(Conflict) as refused:
        await place_with(ctx, customer, demo.store_id, variant, 2)
    assert refused.value.code == "period_limit" and refused.value.status == 409
    product = await Product.get(id=variant.product_id)
    assert refused.value.extra["product_id"] == product.id
    allowed = refused.value.extra["allowed_again_at"]
    assert allowed.startswith((first.created_at + timedelta(days=7)).date().isoformat())

    # Through the API: a translated text naming the product and the date.
    extra = await other_product_variant(demo.store_id, variant)
    response = await client.post(
        "/api/v1/orders",
        headers={**customer.headers, "Idempotency-Key": "rx-api-1", "Accept-Language": "es"},
        json={
            "store_id": demo.store_id,
            "items": [
                {"variant_id": variant.id, "quantity": 2},
                {"variant_id": extra.id, "quantity": 4},
            ],
            "address": INSIDE.__dict__,
            "payment_method": "card",
        },
    )
    error = (await response.json())["error"]
    assert response.status == 409 and error["code"] == "period_limit"
    assert error["product"] in error["text"] and "Podrá pedir" in error["text"]

    # One more still fits; a cancelled order no longer counts.
    await place_with(ctx, customer, demo.store_id, variant, 1)
    await Order.filter(id=first.id).update(status=OrderStatus.CANCELLED)
    await place_with(ctx, customer, demo.store_id, variant, 2)


async def test_concurrent_orders_cannot_beat_the_period_limit(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    ctx = ctx_of(client)
    variant = await flagged_variant(demo.store_id, period_limit_quantity=2, period_limit_days=7)
    results = await asyncio.gather(
        *(place_with(ctx, customer, demo.store_id, variant, 2) for _ in range(2)),
        return_exceptions=True,
    )
    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(placed) == 1 and len(refused) == 1, results
    assert refused[0].code == "period_limit"


async def test_cold_chain_needs_a_cooler_a_short_slot_and_kept_cold(
    client: TestClient,
    settings: Settings,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,
) -> None:
    ctx = ctx_of(client)
    variant = await flagged_variant(demo.store_id, cold_chain=True)
    slot = await TimeSlot.filter(
        store_id=demo.store_id, starts_at__gt=utcnow() + timedelta(hours=1)
    ).first()
    assert slot is not None
    await Store.filter(id=demo.store_id).update(cold_chain_max_slot_minutes=60)
    with pytest.raises(Exception) as too_long:
        await place_with(ctx, customer, demo.store_id, variant, 1, slot_id=slot.id)
    assert getattr(too_long.value, "code", None) == "cold_chain_slot_too_long"

    order = await place_with(ctx, customer, demo.store_id, variant, 1)
    assert order.cold_chain
    for status in ("confirmed", "ready"):
        moved = await client.post(
            f"/api/v1/staff/orders/{order.id}/status",
            headers=dispatcher.headers,
            json={"status": status},
        )
        assert moved.status == 200
    warm_person, warm = await make_driver(settings, demo.store_id)
    cold_person, cold = await make_driver(settings, demo.store_id)
    van = await Vehicle.create(store_id=demo.store_id, transport=TransportType.CAR, has_cooler=True)
    await type(cold).filter(id=cold.id).update(vehicle_id=van.id)

    async def assign(driver_id: int):  # type: ignore[no-untyped-def]
        return await client.post(
            f"/api/v1/staff/orders/{order.id}/assign",
            headers=dispatcher.headers,
            json={"driver_id": driver_id},
        )

    refused = await assign(warm.id)
    assert refused.status == 409 and await error_code(refused) == "driver_no_cooler"
    assert (await assign(cold.id)).status == 200

    async def move(status: str):  # type: ignore[no-untyped-def]
        return await client.post(
            f"/api/v1/staff/orders/{order.id}/status",
            headers=cold_person.headers,
            json={"status": status, "cash_collected_cents": 10**6},
        )

    assert (await move("picked_up")).status == 200
    early = await move("delivered")  # not without saying it stayed cold
    assert early.status == 422 and await error_code(early) == "kept_cold_required"
    assert (
        await client.post(
            f"/api/v1/driver/orders/{order.id}/kept-cold", headers=warm_person.headers
        )
    ).status == 404
    kept = await client.post(
        f"/api/v1/driver/orders/{order.id}/kept-cold", headers=cold_person.headers
    )
    assert kept.status == 200 and (await kept.json())["kept_cold"] is True
    assert await OrderEvent.filter(order_id=order.id, kind="kept_cold").count() == 1
    assert (await move("delivered")).status == 200


async def test_only_managers_and_dispatchers_can_be_made_pharmacists(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    driver_person, _ = await make_driver(settings, demo.store_id)
    response = await client.put(
        f"/api/v1/admin/stores/{demo.store_id}/staff/{driver_person.user.id}/pharmacist",
        headers=manager.headers,
        json={"granted": True},
    )
    assert response.status == 422 and await error_code(response) == "role_cannot_review"
    assert not await Employee.filter(user_id=driver_person.user.id, is_pharmacist=True).exists()


async def test_catalog_flags_through_admin_api_csv_and_catalog(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    variant = await stocked_variant(demo.store_id)
    patched = await client.patch(
        f"/api/v1/admin/stores/{demo.store_id}/products/{variant.product_id}",
        headers=manager.headers,
        json={"prescription_required": True, "period_limit_quantity": 2, "period_limit_days": 7},
    )
    assert patched.status == 200, await patched.text()
    half = await client.patch(
        f"/api/v1/admin/stores/{demo.store_id}/products/{variant.product_id}",
        headers=manager.headers,
        json={"period_limit_quantity": 2},
    )
    assert half.status == 422
    shown = await (
        await client.get(f"/api/v1/stores/{demo.store_id}/products/{variant.product_id}")
    ).json()
    assert shown["prescription_required"] is True and shown["period_limit_days"] == 7

    export = await client.get(
        f"/api/v1/admin/stores/{demo.store_id}/products/export", headers=manager.headers
    )
    lines = (await export.text()).splitlines()
    header = lines[0].split(",")
    assert header[-2:] == ["prescription_required", "cold_chain"]
    row = next(line for line in lines if line.startswith(variant.sku + ","))
    assert row.endswith(",true,false")

    def csv_import(text: str):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/v1/admin/stores/{demo.store_id}/products/import",
            data=text.encode(),
            headers={**manager.headers, "Content-Type": "text/csv"},
        )

    # The export imports back unchanged; an old-style file without the flag columns keeps them.
    assert (await (await csv_import("\n".join(lines))).json())["updated"] == 0
    old_header = ",".join(header[:9])
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(next(csv.reader([row]))[:9])
    old_row = out.getvalue()
    assert (await csv_import(f"{old_header}\n{old_row}\n")).status == 200
    product = await Product.get(id=variant.product_id)
    assert product.prescription_required and not product.cold_chain
    cold = ",".join([*header[:9], "cold_chain"]) + "\n" + old_row + ",yes\n"
    assert (await csv_import(cold)).status == 200
    await product.refresh_from_db()
    assert product.cold_chain and product.prescription_required


async def test_pharmacist_reviews_from_the_staff_bot_and_the_customer_is_told(
    bots: BotHarness, settings: Settings, demo: SeedReport, tmp_path: Path
) -> None:
    ctx = bots.ctx
    customer = await make_person(settings, Role.CUSTOMER, adult=True, tg_id=9301, locale="en")
    pharmacist = await make_person(
        settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=9302, locale="en"
    )
    await Employee.filter(user_id=pharmacist.user.id).update(is_pharmacist=True)
    chat = tg_user(9302, language="en", first_name="Pia")
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx, customer, demo.store_id, variant, 1)
    ctx.settings.prescriptions_dir = str(tmp_path / "rx")
    await prescriptions.submit_file(ctx, customer.principal, order.id, PNG)
    await bots.deliver()

    await bots.press("dispatcher", chat, "📄 Open prescription")
    sent = bots.telegram.sent("sendDocument", chat_id=9302)
    assert len(sent) == 1 and order.number in sent[0].text
    assert {b["text"] for b in sent[0].buttons()} == {"✅ Approve", "❌ Reject"}

    await bots.press("dispatcher", chat, "❌ Reject")
    assert "rejected" in bots.last("dispatcher", chat).text
    await bots.post("dispatcher", bots.message(chat, "Illegible, please send a sharper photo"))
    await order.refresh_from_db()
    assert order.prescription_state.value == "rejected"
    await bots.deliver()
    told = bots.last("customer", tg_user(9301))
    assert "Illegible, please send a sharper photo" in told.text

    await prescriptions.submit_code(ctx, customer.principal, order.id, "ERX-77")
    await bots.deliver()
    await bots.press("dispatcher", chat, "✅ Approve")
    await order.refresh_from_db()
    assert order.prescription_state.value == "approved"
    event = await OrderEvent.filter(order_id=order.id, kind="prescription_approved").get()
    assert event.actor_id == pharmacist.user.id


async def test_driver_confirms_kept_cold_from_the_bot(
    bots: BotHarness, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = bots.ctx
    customer = await make_person(settings, Role.CUSTOMER, adult=True)
    person, driver = await make_driver(settings, demo.store_id)
    await type(person.user).filter(id=person.user.id).update(tg_id=9401, locale="en")
    van = await Vehicle.create(store_id=demo.store_id, transport=TransportType.CAR, has_cooler=True)
    await type(driver).filter(id=driver.id).update(vehicle_id=van.id)
    variant = await flagged_variant(demo.store_id, cold_chain=True)
    order = await place_with(ctx, customer, demo.store_id, variant, 1)
    for status in (OrderStatus.CONFIRMED, OrderStatus.READY):
        await orders.transition(order.id, status, dispatcher.principal)
    await orders.assign_driver(order.id, driver.id, dispatcher.principal)
    await orders.transition(order.id, OrderStatus.PICKED_UP, person.principal)
    chat = tg_user(9401, language="en", first_name="Dan")
    await bots.post("driver", bots.message(chat, "/deliveries"))
    card = bots.last("driver", chat)
    assert "Keep cold" in card.text
    await bots.press("driver", chat, "❄ Kept cold")
    await order.refresh_from_db()
    assert order.kept_cold_at is not None
    assert "✅ Delivered" in [b["text"] for b in bots.last("driver", chat).buttons()]


async def test_customer_sends_the_prescription_from_the_bot(
    bots: BotHarness, settings: Settings, demo: SeedReport, tmp_path: Path
) -> None:
    ctx = bots.ctx
    ctx.settings.prescriptions_dir = str(tmp_path / "rx")
    customer = await make_person(settings, Role.CUSTOMER, adult=True, tg_id=9501, locale="en")
    chat = tg_user(9501, language="en", first_name="Ana")
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx, customer, demo.store_id, variant, 1)
    await bots.deliver()  # "Thank you! Order … is received" with its View order button
    await bots.press("customer", chat, "View order")
    assert "Waiting for the customer's prescription" in bots.last("customer", chat).text
    await bots.press("customer", chat, "📎 Send prescription")
    file_id = bots.telegram.add_file(PNG)
    photo = [{"file_id": file_id, "file_unique_id": file_id, "width": 800, "height": 600}]
    await bots.post("customer", bots.message(chat, photo=photo))
    await order.refresh_from_db()
    assert order.prescription_state.value == "submitted"
    data, content_type = await prescriptions.read_file(ctx, customer.principal, order.id)
    assert data == PNG and content_type == "image/png"
    assert "pharmacist" in bots.last("customer", chat).text


async def test_pharmacist_reviews_in_the_console_with_the_image_viewer(
    rx_client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    from tests.test_console import CSRF, session_for

    client, ctx = rx_client, ctx_of(rx_client)
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx, customer, demo.store_id, variant, 1)
    await prescriptions.submit_file(ctx, customer.principal, order.id, PNG)
    page = f"/admin/stores/{demo.store_id}/orders/{order.id}"

    plain = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    await session_for(settings, client, plain.user)
    shown = await (await client.get(page)).text()
    assert "data-prescription-state" in shown and "data-prescription>" not in shown
    assert (await client.get(page + "/prescription/file")).status == 404

    pharmacist = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    await Employee.filter(user_id=pharmacist.user.id).update(is_pharmacist=True)
    await session_for(settings, client, pharmacist.user)
    html = await (await client.get(page)).text()
    assert 'id="rx-image"' in html and "data-zoom-target" in html
    image = await client.get(page + "/prescription/file")
    assert image.status == 200 and await image.read() == PNG
    found = CSRF.search(html)
    assert found
    no_note = await client.post(
        page + "/prescription", data={"csrf": found.group(1), "decision": "rejected"}
    )
    assert no_note.status == 422
    approved = await client.post(
        page + "/prescription",
        data={"csrf": found.group(1), "decision": "approved"},
        allow_redirects=False,
    )
    assert approved.status == 303
    await order.refresh_from_db()
    assert order.prescription_state.value == "approved"


async def test_manager_makes_a_dispatcher_pharmacist_in_the_console_staff_table(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    from tests.test_console import CSRF, session_for

    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    staff = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    await session_for(settings, client, manager.user)
    table = await (await client.get(f"/admin/stores/{demo.store_id}/staff")).text()
    action = f"/admin/stores/{demo.store_id}/staff/{staff.user.id}/pharmacist"
    assert action in table and "Make pharmacist" in table
    found = CSRF.search(table)
    assert found
    granted = await client.post(
        action, data={"csrf": found.group(1), "granted": "yes"}, allow_redirects=False
    )
    assert granted.status == 303
    assert await Employee.filter(user_id=staff.user.id, is_pharmacist=True).exists()
