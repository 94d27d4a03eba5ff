"""The console's daily-operations pages beyond tests/test_console.py: promo code edit and
usage report, closing days, drivers' vehicles and shifts."""

from __future__ import annotations

import asyncio
import io
import json
import re
from datetime import time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient

from core.clock import utcnow
from core.context import AppContext
from core.errors import Unauthorized
from core.i18n import money
from core.security import hash_token
from core.settings import Settings
from models import (
    Brand,
    Category,
    DeliveryZone,
    Driver,
    DriverShift,
    Employee,
    OrderItem,
    Product,
    ProductAuditLog,
    ProductVariant,
    PromoCode,
    PromoRedemption,
    StaffInvitation,
    Store,
    TimeSlot,
    User,
    Vehicle,
)
from models.enums import PromoKind, Role, TransportType
from services import catalog, staff_invitations, store_setup
from services.auth.sessions import principal_for
from services.demo import SeedReport
from services.invoices import vat_included
from tests.fixtures.data import make_store
from tests.fixtures.orders import place
from tests.fixtures.people import make_driver, make_person
from tests.test_console import CSRF, post_form, session_for, staff_user
from webapp.console.stores import store_values


async def test_a_manager_edits_a_promo_code_and_reads_who_used_it(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    promo = await PromoCode.create(
        store_id=demo.store_id, code="AUTUMN", kind=PromoKind.PERCENT, value=5, used_count=2
    )
    await PromoCode.create(store_id=demo.store_id, code="TAKEN", kind=PromoKind.FIXED, value=100)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    await PromoRedemption.create(
        store_id=demo.store_id, promo=promo, user_id=buyer.user.id, order=order, discount_cents=150
    )
    other = await place(ctx, buyer.user.id, demo.store_id)
    await PromoRedemption.create(
        store_id=demo.store_id, promo=promo, user_id=buyer.user.id, order=other, discount_cents=275
    )
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    base = f"/admin/stores/{demo.store_id}/promos/{promo.id}"

    report = await (await client.get(base)).text()
    assert order.number in report and other.number in report and buyer.user.name in report
    summary = report.split("data-summary>")[1].split("</dl>")[0]
    assert "<dd>2</dd>" in summary  # uses
    assert "<dd>1</dd>" in summary  # one customer
    assert "4.25" in summary or "4,25" in summary  # 1.50 + 2.75 off in total
    csv_text = await (await client.get(base + "?format=csv")).text()
    assert csv_text.splitlines()[0] == "Customer,Order,Discount,Used at"
    assert len(csv_text.splitlines()) == 3

    form = await (await client.get(base + "/edit")).text()
    assert 'value="AUTUMN"' in form
    edit = {
        "code": "autumn",
        "kind": "fixed",
        "value": "300",
        "min_order_cents": "2000",
        "starts_on": "2026-10-01",
        "expires_on": "2026-11-30",
        "max_uses": "50",
        "max_uses_per_customer": "",
    }
    taken = await post_form(client, base + "/edit", {**edit, "code": "taken"})
    assert taken.status == 409 and 'data-field="code"' in await taken.text()
    bad = await post_form(client, base + "/edit", {**edit, "expires_on": "2026-09-01"})
    assert bad.status == 422 and 'data-field="expires_on"' in await bad.text()
    saved = await post_form(client, base + "/edit", edit)
    assert saved.status == 303, await saved.text()
    await promo.refresh_from_db()
    assert (promo.code, promo.kind, promo.value) == ("AUTUMN", PromoKind.FIXED, 300)
    assert promo.min_order_cents == 2000 and promo.max_uses == 50
    assert promo.used_count == 2 and promo.is_active  # uses and state are kept
    again = await (await client.get(base + "/edit")).text()
    assert 'value="2026-10-01"' in again and 'value="2026-11-30"' in again  # the same days back

    unknown = await client.get(f"/admin/stores/{demo.store_id}/promos/999999")
    assert unknown.status == 404


async def test_closing_days_withdraw_free_slots_and_list_the_booked_ones(
    client: TestClient, settings: Settings
) -> None:
    store = await make_store("closing", timezone="Europe/Madrid")
    rules = [store_setup.Rule(d, time(10), time(12), 60, 3) for d in range(7)]
    await store_setup.set_slot_rules(store, rules)
    zone = ZoneInfo(store.timezone)
    today = utcnow().astimezone(zone).date()
    holiday, other = today + timedelta(days=3), today + timedelta(days=5)
    on_holiday = [
        s
        for s in await TimeSlot.filter(store_id=store.id).order_by("starts_at")
        if s.starts_at.astimezone(zone).date() == holiday
    ]
    assert len(on_holiday) == 2
    booked, free = on_holiday
    await TimeSlot.filter(id=booked.id).update(reserved=1)
    manager = await staff_user(settings, Role.MANAGER, (store.id,))
    await session_for(settings, client, manager)
    path = f"/admin/stores/{store.id}/closing-days"

    bad = await post_form(client, path, {"days": f"{holiday}\n25/12/2026"})
    assert bad.status == 422
    assert 'data-field="days"' in (text := await bad.text()) and "line 2" in text
    assert (await Store.get(id=store.id)).closed_dates == []

    past = today - timedelta(days=1)
    saved = await post_form(client, path, {"days": f"{other}\n\n{holiday}\n{past}\n{holiday}"})
    assert saved.status == 200
    text = await saved.text()
    assert "data-booked" in text and "1 booked" in text
    assert (await Store.get(id=store.id)).closed_dates == [holiday.isoformat(), other.isoformat()]
    assert not (await TimeSlot.get(id=free.id)).is_active  # nobody can book the holiday
    assert (await TimeSlot.get(id=booked.id)).is_active  # a booking is never dropped
    open_days = {
        s.starts_at.astimezone(zone).date()
        for s in await TimeSlot.filter(store_id=store.id, is_active=True, reserved=0)
    }
    assert holiday not in open_days and other not in open_days
    assert today + timedelta(days=4) in open_days
    shown = await (await client.get(path)).text()
    assert f"{holiday}\n{other}" in shown

    reopened = await post_form(client, path, {"days": ""})
    assert reopened.status == 200 and (await Store.get(id=store.id)).closed_dates == []
    assert (await TimeSlot.get(id=free.id)).is_active


async def test_a_manager_gives_drivers_vehicles_and_reads_each_shifts_cash(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    _, driver = await make_driver(settings, demo.store_id)
    other = await make_store("fleet-elsewhere")
    foreign = await Vehicle.create(store_id=other.id, transport=TransportType.CAR)
    await session_for(settings, client, manager)
    base = f"/admin/stores/{demo.store_id}"

    bad = await post_form(client, base + "/vehicles/new", {"transport": "boat", "plate": "x"})
    assert bad.status == 422 and 'data-field="transport"' in await bad.text()
    added = await post_form(
        client, base + "/vehicles/new", {"transport": "bike", "plate": "b-17", "description": ""}
    )
    assert added.status == 303
    bike = await Vehicle.get(store_id=demo.store_id, plate="B-17")
    assert "B-17" in await (await client.get(base + "/vehicles?transport=bike")).text()
    assert not bike.has_cooler
    cooled = await post_form(
        client, base + "/vehicles/new", {"transport": "car", "plate": "c-1", "has_cooler": "on"}
    )
    assert cooled.status == 303
    assert (await Vehicle.get(store_id=demo.store_id, plate="C-1")).has_cooler

    drivers = base + "/drivers"
    page = await (await client.get(drivers)).text()
    assert f'<option value="{bike.id}"' in page
    refused = await post_form(
        client,
        drivers + "/vehicle",
        {"driver_id": str(driver.id), "vehicle_id": str(foreign.id)},
        csrf_from=drivers,
    )
    assert refused.status == 422 and 'data-field="vehicle_id"' in await refused.text()
    given = await post_form(
        client,
        drivers + "/vehicle",
        {"driver_id": str(driver.id), "vehicle_id": str(bike.id)},
        csrf_from=drivers,
    )
    assert given.status == 303
    await driver.refresh_from_db()
    assert driver.vehicle_id == bike.id and driver.transport == TransportType.BIKE
    vehicles = base + "/vehicles"
    stopped = await post_form(
        client, f"{vehicles}/{bike.id}/active", {"active": "no"}, csrf_from=vehicles
    )
    assert stopped.status == 303
    assert (await Driver.get(id=driver.id)).vehicle_id is None  # out of service, out of hands

    now = utcnow()
    await DriverShift.create(
        store_id=demo.store_id,
        driver=driver,
        started_at=now - timedelta(days=1, hours=8),
        ended_at=now - timedelta(days=1),
        cash_collected_cents=1000,
        cash_dropped_cents=1000,
    )
    await DriverShift.create(
        store_id=demo.store_id, driver=driver, started_at=now, cash_collected_cents=4250
    )
    shifts = await (await client.get(base + "/shifts?state=open")).text()
    assert "on shift" in shifts and ("42.50" in shifts or "42,50" in shifts)
    assert "1 row(s)" in shifts
    exported = await (await client.get(base + "/shifts?format=csv")).text()
    lines = exported.splitlines()
    assert lines[0].endswith("Cash held") and len(lines) == 3
    held = (await (await client.get(drivers + "?format=csv")).text()).splitlines()
    assert held[0] == "Driver,Transport,Vehicle,Status,On shift,Cash held"
    assert any("42.50" in line or "42,50" in line for line in held[1:])


async def test_the_store_default_vat_rate_prices_lines_without_a_rate_of_their_own(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    from pypdf import PdfReader

    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    store = await Store.get(id=demo.store_id)
    edit = f"/admin/stores/{store.id}/edit"
    form = {k: "" if v is None else str(v) for k, v in store_values(store).items()}
    for bad in ("abc", "101", "10.555", "NaN"):
        refused = await post_form(client, edit, {**form, "default_tax_rate": bad})
        assert refused.status == 422, bad
        assert 'data-field="default_tax_rate"' in await refused.text(), bad
    saved = await post_form(client, edit, {**form, "default_tax_rate": "10"})
    assert saved.status == 303, await saved.text()
    store = await Store.get(id=demo.store_id)
    assert store.default_tax_rate == Decimal(10)
    assert 'value="10"' in await (await client.get(edit)).text()

    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    items = await OrderItem.filter(order_id=order.id).order_by("id")
    await Product.filter(id__in=[i.product_id for i in items]).update(tax_rate=None)
    response = await client.get(f"/admin/stores/{store.id}/orders/{order.id}/invoice.pdf")
    assert response.status == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(await response.read())).pages)
    vat = sum(vat_included(i.price_cents * i.quantity, Decimal(10)) for i in items)
    assert vat > 0
    assert money(vat, order.currency, store.default_locale) in text.split("of which VAT")[1]


async def _use_link(client: TestClient, path: str) -> tuple[int, str]:
    """Open an invitation link in a fresh browser and press Sign in."""
    client.session.cookie_jar.clear()
    shown = await client.get(path)
    text = await shown.text()
    if shown.status != 200:
        return shown.status, text
    token = CSRF.search(text)
    assert token
    used = await client.post(path, data={"csrf": token.group(1)}, allow_redirects=False)
    return used.status, used.headers.get("Location", "")


async def test_an_invitation_link_signs_the_new_member_in_once(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    done = await post_form(
        client,
        f"/admin/stores/{demo.store_id}/staff/new",
        {"email": "ines@x.test", "name": "Inés", "role": "dispatcher"},
    )
    assert done.status == 200
    found = re.search(r"data-invite-url>([^<]+)<", await done.text())
    assert found
    url = found.group(1)
    token = url.rsplit("/", 1)[1]
    path = "/admin/invite/" + token
    row = await StaffInvitation.get(token_hash=hash_token(token))
    assert token not in (row.token_hash, str(row.id))  # only the hash is kept

    client.session.cookie_jar.clear()
    page = await (await client.get(path)).text()
    assert "Inés" in page
    status, location = await _use_link(client, path)
    assert (status, location) == (303, "/admin/")
    home = await client.get("/admin/", allow_redirects=False)
    assert home.status == 200 and "Inés" in await home.text()
    staff_page = await client.get(f"/admin/stores/{demo.store_id}/orders", allow_redirects=False)
    assert staff_page.status == 200  # a dispatcher of this store, no more
    again, text = await _use_link(client, path)
    assert again == 401 and 'data-code="link_code_invalid"' in text

    # A fresh link from the staff table; an expired one is refused.
    await session_for(settings, client, manager)
    ines = await User.get(email="ines@x.test")
    employee = await Employee.get(user_id=ines.id, store_id=demo.store_id)
    staff = f"/admin/stores/{demo.store_id}/staff"
    assert f"/staff/{employee.id}/invite" in await (await client.get(staff)).text()
    fresh = await post_form(client, f"{staff}/{employee.id}/invite", {}, csrf_from=staff)
    assert fresh.status == 200
    fresh_found = re.search(r"data-invite-url>[^<]+/invite/([^<]+)<", await fresh.text())
    assert fresh_found
    await StaffInvitation.filter(token_hash=hash_token(fresh_found.group(1))).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    expired, _ = await _use_link(client, "/admin/invite/" + fresh_found.group(1))
    assert expired == 401
    for bogus in ("nope", "x" * 300):
        assert (await _use_link(client, "/admin/invite/" + bogus))[0] == 401

    # Someone who left gets no link, and an old one no longer signs them in.
    await session_for(settings, client, manager)
    old_link = await post_form(client, f"{staff}/{employee.id}/invite", {}, csrf_from=staff)
    old_found = re.search(r"data-invite-url>[^<]+/invite/([^<]+)<", await old_link.text())
    assert old_found
    left = await post_form(
        client, f"{staff}/{employee.id}/active", {"active": "no"}, csrf_from=staff
    )
    assert left.status == 303
    assert f"/staff/{employee.id}/invite" not in await (await client.get(staff)).text()
    assert (await _use_link(client, "/admin/invite/" + old_found.group(1)))[0] == 401


async def test_two_concurrent_clicks_on_one_invitation_sign_in_once(
    settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    mate = await make_person(settings, Role.DRIVER, store_ids=(demo.store_id,))
    principal = await principal_for(manager)
    token = await staff_invitations.create_invitation(
        principal, store_id=demo.store_id, user_id=mate.user.id, ttl_seconds=60
    )
    results = await asyncio.gather(
        *(staff_invitations.use_invitation(token) for _ in range(2)), return_exceptions=True
    )
    assert sum(isinstance(r, User) for r in results) == 1
    assert sum(isinstance(r, Unauthorized) for r in results) == 1
    with pytest.raises(Unauthorized):
        await staff_invitations.use_invitation(token)


async def test_a_manager_edits_the_category_tree_and_a_products_translations(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    base = f"/admin/stores/{demo.store_id}/categories"
    form = {"name_en": "Aches and pains", "name_ru": "", "name_es": "", "position": "0"}
    created = await post_form(client, base + "/new", {**form, "is_active": "yes"})
    assert created.status == 303, await created.text()
    pain = await Category.get(store_id=demo.store_id, slug="aches-and-pains")
    child = {**form, "name_en": "Tension headache", "parent_id": str(pain.id), "is_active": "yes"}
    assert (await post_form(client, base + "/new", child)).status == 303
    headache = await Category.get(store_id=demo.store_id, slug="tension-headache")
    assert headache.parent_id == pain.id

    taken = await post_form(client, base + "/new", {**form, "is_active": "yes"})
    assert taken.status == 409 and 'data-field="name_en"' in await taken.text()
    loop = await post_form(
        client, f"{base}/{pain.id}", {**form, "parent_id": str(headache.id), "is_active": "yes"}
    )
    assert loop.status == 422 and 'data-field="parent_id"' in await loop.text()
    other = await make_store("cat-elsewhere")
    foreign = await Category.create(store_id=other.id, slug="x", name={"en": "X"})
    stranger = await post_form(client, base + "/new", {**child, "parent_id": str(foreign.id)})
    assert stranger.status == 422 and 'data-field="parent_id"' in await stranger.text()
    renamed = await post_form(
        client,
        f"{base}/{pain.id}",
        {**form, "name_ru": "Обезболивающие", "name_es": "Analgésicos", "is_active": "yes"},
    )
    assert renamed.status == 303
    assert (await Category.get(id=pain.id)).name["ru"] == "Обезболивающие"
    tree = await (await client.get(base)).text()
    assert f'data-category="{headache.id}" data-depth="1"' in tree
    shop = await catalog.list_categories(demo.store_id, locale="es", fallback="en")
    node = next(n for n in shop if n["id"] == pain.id)
    assert node["name"] == "Analgésicos" and [c["id"] for c in node["children"]] == [headache.id]

    brands = f"/admin/stores/{demo.store_id}/brands"
    assert (await post_form(client, brands + "/new", {"name": "Acme Labs"})).status == 303
    brand = await Brand.get(store_id=demo.store_id, slug="acme-labs")
    dup = await post_form(client, brands + "/new", {"name": "Acme Labs"})
    assert dup.status == 409 and 'data-field="name"' in await dup.text()
    renamed_brand = await post_form(client, f"{brands}/{brand.id}", {"name": "Acme Pharma"})
    assert renamed_brand.status == 303 and (await Brand.get(id=brand.id)).name == "Acme Pharma"
    assert "Acme Pharma" in await (await client.get(brands + "?q=acme")).text()
    foreign_brand = await Brand.create(store_id=other.id, slug="y", name="Y")

    variant = await ProductVariant.filter(store_id=demo.store_id).first()
    assert variant is not None
    texts = f"/admin/stores/{demo.store_id}/products/{variant.id}/texts"
    page = await (await client.get(texts)).text()
    assert "name_ru" in page
    values = {
        "name_en": "Ibuprofen",
        "name_ru": "Ибупрофен",
        "name_es": "Ibuprofeno",
        "description_en": "For pain",
        "description_ru": "",
        "description_es": "Para el dolor",
        "category_id": str(headache.id),
        "brand_id": str(brand.id),
        "age_restricted": "yes",
        "max_per_order": "3",
        "tax_rate": "10.5",
    }
    bad = await post_form(client, texts, {**values, "category_id": str(foreign.id)})
    assert bad.status == 422 and 'data-field="category_id"' in await bad.text()
    alien = await post_form(client, texts, {**values, "brand_id": str(foreign_brand.id)})
    assert alien.status == 422 and 'data-field="brand_id"' in await alien.text()
    rate = await post_form(client, texts, {**values, "tax_rate": "ten"})
    assert rate.status == 422 and 'data-field="tax_rate"' in await rate.text()
    empty = await post_form(client, texts, {**values, "name_en": ""})
    assert empty.status == 422 and 'data-field="name_en"' in await empty.text()
    saved = await post_form(client, texts, values)
    assert saved.status == 303
    product = await Product.get(id=variant.product_id)
    assert product.name == {"en": "Ibuprofen", "ru": "Ибупрофен", "es": "Ibuprofeno"}
    assert product.description["es"] == "Para el dolor" and product.category_id == headache.id
    assert "ибупрофен" in product.search_text
    assert product.age_restricted and product.max_per_order == 3 and product.brand_id == brand.id
    assert product.tax_rate == Decimal("10.5")
    assert 'value="10.5"' in await (await client.get(texts)).text()
    cleared = await post_form(client, texts, {**values, "tax_rate": "", "age_restricted": ""})
    assert cleared.status == 303
    product = await Product.get(id=variant.product_id)
    assert product.tax_rate is None and product.age_restricted is False
    history = await client.get(f"/admin/stores/{demo.store_id}/products/{variant.id}")
    assert history.status == 200 and "VAT %: 10.5" in await history.text()
    assert await ProductAuditLog.filter(product_id=product.id, actor_id=manager.id).exists()


async def test_a_driver_sees_the_cash_they_hold_and_their_shifts(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    person, driver = await make_driver(settings, demo.store_id)
    await DriverShift.create(
        store_id=demo.store_id, driver=driver, started_at=utcnow(), cash_collected_cents=1875
    )
    await session_for(settings, client, person.user)
    page = await client.get("/admin/deliveries", allow_redirects=False)
    assert page.status == 200
    text = await page.text()
    own = text.split("data-own-cash>")[1].split("</p>")[0]
    assert "18.75" in own or "18,75" in own
    assert "on shift" in text


async def test_a_manager_redraws_reprices_and_stops_a_zone(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    from services import stores as store_reads

    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    zone = await DeliveryZone.filter(store_id=demo.store_id).first()
    assert zone is not None
    path = f"/admin/stores/{demo.store_id}/zones/{zone.id}"
    page = await (await client.get(path)).text()
    assert "&#34;Polygon&#34;" in page or "&quot;Polygon&quot;" in page  # the polygon, to edit
    ring = [[2.15, 41.38], [2.18, 41.38], [2.18, 41.40], [2.15, 41.40], [2.15, 41.38]]
    form = {
        "name": "Centre",
        "polygon": json.dumps({"type": "Polygon", "coordinates": [ring]}),
        "fee_cents": "250",
        "min_order_cents": "1500",
        "eta_minutes": "40",
    }
    swapped = [[lat, lng] for lng, lat in ring]
    bad = await post_form(
        client, path, {**form, "polygon": json.dumps({"type": "Polygon", "coordinates": [swapped]})}
    )
    assert bad.status == 422 and 'data-field="polygon"' in await bad.text()
    saved = await post_form(client, path, form)
    assert saved.status == 303, await saved.text()
    await zone.refresh_from_db()
    assert (zone.name, zone.fee_cents, zone.min_order_cents, zone.eta_minutes) == (
        "Centre",
        250,
        1500,
        40,
    )
    assert zone.polygon["coordinates"] == [ring]
    zones = f"/admin/stores/{demo.store_id}/zones"
    stopped = await post_form(client, path + "/active", {"active": "no"}, csrf_from=zones)
    assert stopped.status == 303
    assert zone.id not in [z.id for z in await store_reads.active_zones(demo.store_id)]
    unknown = await client.get(f"/admin/stores/{demo.store_id}/zones/99999999")
    assert unknown.status == 404
