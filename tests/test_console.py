"""The admin console (/admin): sign-in with the API's sessions and CSRF on every form, the
pages behind the permission table for every route × role × own/other store, the set-up
forms (stores, zones, slot rules, CSV import, staff) and the order page's actions."""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient
from yarl import URL

from core.clock import utcnow
from core.context import AppContext
from core.i18n import money
from core.passwords import hash_password
from core.settings import Settings
from models import (
    AlertRecipient,
    Banner,
    Brand,
    Campaign,
    CashDrop,
    Category,
    DeliveryZone,
    DriverShift,
    Employee,
    Inventory,
    InventoryLog,
    Order,
    OrderItem,
    Product,
    ProductAuditLog,
    ProductVariant,
    PromoCode,
    RefreshToken,
    SessionRecording,
    SlotRule,
    Store,
    User,
    Vehicle,
    WalletTransaction,
)
from models.enums import CampaignStatus, OrderStatus, PromoKind, Role, TransportType, WalletTxKind
from services import recipients, wallets
from services.auth.browser import csrf_token
from services.auth.sessions import ClientInfo, start_session
from services.demo import SeedReport
from services.invoices import vat_included
from tests.fixtures.data import make_store
from tests.fixtures.orders import place
from tests.fixtures.people import make_driver, make_person

PASSWORD = "console password 1"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
SQUARE = (
    '{"type": "Polygon", "coordinates": [[[2.14, 41.39], [2.17, 41.39], [2.17, 41.41], '
    "[2.14, 41.41], [2.14, 41.39]]]}"
)
STORE_FORM = {
    "slug": "gracia",
    "name": "Farmacia Gràcia",
    "address": "Carrer Gran de Gràcia 100",
    "lat": "41.4",
    "lng": "2.155",
    "timezone": "Europe/Madrid",
    "currency": "EUR",
    "default_locale": "es",
    "phone": "",
    "legal_age": "18",
    "opening_hours": '{"mon": [["09:00", "21:00"]]}',
}
CSV_GOOD = (
    "sku,product,variant,category,brand,price,stock,age_restricted,description\n"
    "IBU-200,Ibuprofen,200 mg x 20,Pain,Acme,3.50,40,no,For pain\n"
    "IBU-400,Ibuprofen,400 mg x 20,Pain,Acme,4.99,25,no,For pain\n"
)
CSV_BAD = (
    "sku,product,variant,category,brand,price,stock,age_restricted,description\n"
    "OK-1,Fine,one,Cat,Brand,1.00,1,no,ok\n"
    "BAD-1,Broken,one,Cat,Brand,abc,1,no,bad price\n"
    "BAD-2,Broken2,one,Cat,Brand,1.00,1,perhaps,bad flag\n"
)


async def staff_user(settings: Settings, role: Role, store_ids: tuple[int, ...] = ()) -> User:
    person = await make_person(settings, role, store_ids=store_ids)
    person.user.password_hash = await hash_password(PASSWORD, settings.bcrypt_rounds)
    await person.user.save()
    return person.user


async def csrf_of(client: TestClient, path: str) -> str:
    response = await client.get(path)
    assert response.status == 200, (path, response.status, await response.text())
    found = CSRF.search(await response.text())
    assert found, f"no CSRF token on {path}"
    return found.group(1)


async def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    token = await csrf_of(client, "/admin/login")
    return await client.post(
        "/admin/login",
        data={"email": email, "password": password, "csrf": token, "next": "/admin/"},
        allow_redirects=False,
    )


async def session_for(settings: Settings, client: TestClient, user: User) -> str:
    """A console session cookie without the bcrypt round trip (the matrix signs in often)."""
    pair = await start_session(
        settings, user, method="password", identifier=user.email or "", client=ClientInfo()
    )
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies(
        {"console_session": pair.refresh_token}, URL(str(client.make_url("/admin/")))
    )
    return csrf_token(settings, pair.refresh_token)


async def post_form(client: TestClient, path: str, data: dict[str, str], **kw: Any) -> Any:
    token = await csrf_of(client, kw.pop("csrf_from", path))
    return await client.post(path, data={**data, "csrf": token}, allow_redirects=False, **kw)


# --- signing in ----------------------------------------------------------------------------


async def test_admin_signs_in_with_an_http_only_strict_cookie_and_signs_out(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    response = await sign_in(client, admin.email or "")
    assert response.status == 303 and response.headers["Location"] == "/admin/"
    cookie = response.headers["Set-Cookie"]
    assert "console_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # development; production adds it (test below)
    assert await RefreshToken.filter(user_id=admin.id, revoked_at__isnull=True).count() == 1
    home = await client.get("/admin/")
    assert home.status == 200 and "Your stores" in await home.text()
    assert home.headers["X-Frame-Options"] == "DENY"
    token = CSRF.search(await home.text())
    assert token
    out = await client.post("/admin/logout", data={"csrf": token.group(1)}, allow_redirects=False)
    assert out.status == 303
    assert await RefreshToken.filter(user_id=admin.id, revoked_at__isnull=True).count() == 0
    again = await client.get("/admin/", allow_redirects=False)
    assert again.status == 303 and again.headers["Location"].startswith("/admin/login")


async def test_the_cookie_is_secure_in_production(app_client, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    strong = {
        name: secrets.token_urlsafe(32)
        for name in (
            "secret_key",
            "customer_webhook_secret",
            "dispatcher_webhook_secret",
            "driver_webhook_secret",
        )
    }
    tokens = {
        f"{bot}_bot_token": f"{700000 + i}:{secrets.token_urlsafe(30)}"
        for i, bot in enumerate(("customer", "dispatcher", "driver"))
    }
    client = await app_client(
        environment="production", secret_box_keys="k1:" + "A" * 43 + "=", **strong, **tokens
    )
    response = await client.get("/admin/login")
    cookie = response.headers["Set-Cookie"]
    assert "console_pre=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    # Over plain HTTP the browser keeps no Secure cookie, so no form can be posted.
    admin = await staff_user(settings, Role.ADMIN)
    assert (await sign_in(client, admin.email or "")).status == 403


async def test_wrong_password_and_customers_are_refused(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    wrong = await sign_in(client, admin.email or "", "not the password")
    assert wrong.status == 401 and "wrong e-mail or password" in await wrong.text()
    customer = await staff_user(settings, Role.CUSTOMER)
    refused = await sign_in(client, customer.email or "")
    assert refused.status == 403 and "for staff" in await refused.text()
    assert await RefreshToken.filter(user_id=customer.id, revoked_at__isnull=True).count() == 0


async def test_login_without_csrf_token_is_refused(client: TestClient, settings: Settings) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await client.get("/admin/login")
    response = await client.post(
        "/admin/login", data={"email": admin.email, "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    assert await RefreshToken.filter(user_id=admin.id).count() == 0


async def test_a_form_without_or_with_a_foreign_csrf_token_changes_nothing(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    missing = await client.post("/admin/stores/new", data=STORE_FORM, allow_redirects=False)
    assert missing.status == 403 and "form expired" in await missing.text()
    other = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, other)
    foreign = await csrf_of(client, "/admin/stores/new")
    await session_for(settings, client, admin)
    stolen = await client.post(
        "/admin/stores/new", data={**STORE_FORM, "csrf": foreign}, allow_redirects=False
    )
    assert stolen.status == 403
    assert not await Store.filter(slug="gracia").exists()


async def test_next_never_leaves_the_console(client: TestClient, settings: Settings) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    token = await csrf_of(client, "/admin/login")
    response = await client.post(
        "/admin/login",
        data={"email": admin.email, "password": PASSWORD, "csrf": token, "next": "//evil.test/"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/admin/"


# --- the permission matrix -----------------------------------------------------------------

OWN, OTHER = "own", "other"


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # {store} and {order} are filled in
    allowed: frozenset[str]  # roles that may, in their own store
    # What an allowed role gets when it is not the page (the matrix order has no prescription).
    answers: frozenset[int] | None = None


ADMIN_ONLY = frozenset({"admin"})
RUNNERS = frozenset({"admin", "manager"})
ORDER_DESK = frozenset({"admin", "manager", "dispatcher"})
STAFF = frozenset({"admin", "manager", "dispatcher", "driver"})
ROUTES = [
    Route("GET", "/admin/", STAFF),
    Route("GET", "/admin/switch?store={store}", STAFF - {"driver"}),
    Route("GET", "/admin/stores", STAFF),
    Route("GET", "/admin/stores/new", ADMIN_ONLY),
    Route("POST", "/admin/stores/new", ADMIN_ONLY),
    Route("GET", "/admin/stores/{store}", ORDER_DESK),
    Route("GET", "/admin/stores/{store}/edit", ADMIN_ONLY),
    Route("POST", "/admin/stores/{store}/edit", ADMIN_ONLY),
    Route("POST", "/admin/stores/{store}/active", ADMIN_ONLY),
    Route("GET", "/admin/stores/{store}/zones", RUNNERS),
    Route("POST", "/admin/stores/{store}/zones", RUNNERS),
    Route("GET", "/admin/stores/{store}/zones/{zone}", RUNNERS),
    Route("POST", "/admin/stores/{store}/zones/{zone}", RUNNERS),
    Route("POST", "/admin/stores/{store}/zones/{zone}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/slot-rules", RUNNERS),
    Route("POST", "/admin/stores/{store}/slot-rules", RUNNERS),
    Route("GET", "/admin/stores/{store}/closing-days", RUNNERS),
    Route("POST", "/admin/stores/{store}/closing-days", RUNNERS),
    Route("GET", "/admin/stores/{store}/products", RUNNERS),
    Route("GET", "/admin/stores/{store}/products/import", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/import", RUNNERS),
    Route("GET", "/admin/stores/{store}/products/export", RUNNERS),
    Route("GET", "/admin/stores/{store}/products/{variant}", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/price", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/stock", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/products/{variant}/texts", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/texts", RUNNERS),
    Route("GET", "/admin/stores/{store}/categories", RUNNERS),
    Route("GET", "/admin/stores/{store}/categories/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/categories/new", RUNNERS),
    Route("GET", "/admin/stores/{store}/categories/{category}", RUNNERS),
    Route("POST", "/admin/stores/{store}/categories/{category}", RUNNERS),
    Route("GET", "/admin/stores/{store}/brands", RUNNERS),
    Route("GET", "/admin/stores/{store}/brands/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/brands/new", RUNNERS),
    Route("GET", "/admin/stores/{store}/brands/{brand}", RUNNERS),
    Route("POST", "/admin/stores/{store}/brands/{brand}", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/image", RUNNERS),
    Route("POST", "/admin/stores/{store}/products/{variant}/image/remove", RUNNERS),
    Route("GET", "/admin/stores/{store}/staff", RUNNERS),
    Route("GET", "/admin/stores/{store}/staff/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/staff/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/staff/{employee}/invite", RUNNERS),
    Route("POST", "/admin/stores/{store}/staff/{employee}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/orders", ORDER_DESK),
    Route("GET", "/admin/stores/{store}/board", ORDER_DESK),
    Route("GET", "/admin/stores/{store}/orders/{order}", ORDER_DESK),
    Route("POST", "/admin/stores/{store}/orders/{order}/action", ORDER_DESK),
    Route("GET", "/admin/stores/{store}/promos", RUNNERS),
    Route("GET", "/admin/stores/{store}/promos/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/promos/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/promos/{promo}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/promos/{promo}", RUNNERS),
    Route("GET", "/admin/stores/{store}/promos/{promo}/edit", RUNNERS),
    Route("POST", "/admin/stores/{store}/promos/{promo}/edit", RUNNERS),
    Route("GET", "/admin/stores/{store}/plans", RUNNERS),
    Route("POST", "/admin/stores/{store}/plans/{code}", RUNNERS),
    Route("POST", "/admin/stores/{store}/plan-switches", RUNNERS),
    Route("GET", "/admin/stores/{store}/campaigns", RUNNERS),
    Route("GET", "/admin/stores/{store}/campaigns/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/campaigns/new", RUNNERS),
    Route("GET", "/admin/stores/{store}/campaigns/{campaign}", RUNNERS),
    Route("POST", "/admin/stores/{store}/campaigns/{campaign}/cancel", RUNNERS),
    Route("GET", "/admin/stores/{store}/banners", RUNNERS),
    Route("GET", "/admin/stores/{store}/banners/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/banners/new", RUNNERS),
    Route("GET", "/admin/stores/{store}/banners/{banner}", RUNNERS),
    Route("POST", "/admin/stores/{store}/banners/{banner}", RUNNERS),
    Route("POST", "/admin/stores/{store}/banners/{banner}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/alerts", RUNNERS),
    Route("POST", "/admin/stores/{store}/alerts", RUNNERS),
    Route("POST", "/admin/stores/{store}/alerts/{recipient}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/customers", ORDER_DESK),
    Route("GET", "/admin/stores/{store}/customers/{customer}", ORDER_DESK),
    Route("POST", "/admin/stores/{store}/customers/{customer}/wallet", ADMIN_ONLY),
    Route("POST", "/admin/stores/{store}/customers/{customer}/block", ADMIN_ONLY),
    Route("GET", "/admin/stores/{store}/orders/{order}/invoice.pdf", ORDER_DESK),
    Route(
        "GET",
        "/admin/stores/{store}/orders/{order}/prescription/file",
        ORDER_DESK,
        answers=frozenset({404}),
    ),
    Route("POST", "/admin/stores/{store}/orders/{order}/prescription", ORDER_DESK),
    Route("POST", "/admin/stores/{store}/staff/{user}/pharmacist", RUNNERS),
    Route("GET", "/admin/stores/{store}/drivers", ORDER_DESK),
    Route("POST", "/admin/stores/{store}/drivers/cash", RUNNERS),
    Route("POST", "/admin/stores/{store}/drivers/vehicle", RUNNERS),
    Route("GET", "/admin/stores/{store}/vehicles", RUNNERS),
    Route("GET", "/admin/stores/{store}/vehicles/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/vehicles/new", RUNNERS),
    Route("POST", "/admin/stores/{store}/vehicles/{vehicle}/active", RUNNERS),
    Route("GET", "/admin/stores/{store}/shifts", ORDER_DESK),
    Route("GET", "/admin/deliveries", frozenset({"admin", "driver"})),
    Route("GET", "/admin/reports", RUNNERS),
    Route("GET", "/admin/reports?store={store}&format=csv&report=days", RUNNERS),
    Route("GET", "/admin/reports/activity", RUNNERS),
    Route("GET", "/admin/reports/replays", RUNNERS),
    Route("GET", "/admin/reports/replays/{recording}", RUNNERS),
    Route("GET", "/admin/reports/replays/{recording}/events", RUNNERS),
]
# The switcher reaches a driver's own store (they work there) but a driver has no store page.
ROUTES[1] = Route("GET", "/admin/switch?store={store}", STAFF)


def test_the_matrix_covers_every_console_route(client: TestClient) -> None:
    listed = {(r.method, re.sub(r"\{\w+\}", "{}", r.path.split("?")[0])) for r in ROUTES}
    mounted = set()
    for resource in client.app.router.resources():
        info = resource.get_info()
        if "app" not in info:
            continue
        for sub in info["app"].router.resources():
            path = sub.canonical
            for route in sub:
                if route.method != "HEAD":
                    mounted.add((route.method, re.sub(r"\{\w+\}", "{}", path)))
    mounted.discard(("GET", "/admin/login"))
    mounted.discard(("POST", "/admin/login"))
    mounted.discard(("POST", "/admin/logout"))
    # An invitation's page is for whoever holds the link (tests/test_console_operations.py).
    mounted.discard(("GET", "/admin/invite/{}"))
    mounted.discard(("POST", "/admin/invite/{}"))
    assert mounted == listed


@pytest.mark.parametrize(
    "role", ["anonymous", "customer", "driver", "dispatcher", "manager", "manager-other", "admin"]
)
async def test_permission_matrix(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport, role: str
) -> None:
    """Every console route answers as the permission table says, for every role, in its own
    store and in somebody else's: anonymous → sign-in page, customer or a role without the
    permission → 403, another store → 404, allowed → the page (or a re-rendered form)."""
    other = await make_store("elsewhere", lat=41.4, lng=2.15)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    promo = await PromoCode.create(
        store_id=demo.store_id, code=f"M{role[:8].upper()}", kind=PromoKind.PERCENT, value=5
    )
    recipient = await AlertRecipient.create(
        store_id=demo.store_id, name="Owner", pushover_user_key=ctx.secret_box.seal("u" * 30)
    )
    mate = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    vehicle = await Vehicle.create(store_id=demo.store_id, transport=TransportType.BIKE)
    category = await Category.create(store_id=demo.store_id, slug=f"m-{role}", name={"en": role})
    zone = await DeliveryZone.filter(store_id=demo.store_id).first()
    assert zone is not None
    brand = await Brand.create(store_id=demo.store_id, slug=f"m-{role}", name=f"M {role}")
    colleague = await Employee.get(user_id=mate.user.id)
    campaign = await Campaign.create(
        store_id=demo.store_id,
        name="Matrix",
        status=CampaignStatus.SCHEDULED,
        scheduled_at=utcnow(),
    )
    banner = await Banner.create(store_id=demo.store_id, image_url="https://img.example/b.png")
    order_line = await OrderItem.filter(order_id=order.id).first()
    assert order_line is not None
    recording = await SessionRecording.create(
        session_id="rec-matrix-1", chunk_index=0, user_id=buyer.user.id, events=[],
        store_id=demo.store_id,
    )  # fmt: skip
    if role == "anonymous":
        user = None
    elif role == "manager-other":
        user = await staff_user(settings, Role.MANAGER, (other.id,))
    else:
        stores = (demo.store_id,) if role in ("driver", "dispatcher", "manager") else ()
        user = await staff_user(settings, Role(role), stores)
    token = ""
    if user is not None:
        token = await session_for(settings, client, user)
    name = "manager" if role == "manager-other" else role
    failures = []
    for route in ROUTES:
        path = route.path.format(
            store=demo.store_id,
            order=order.id,
            promo=promo.id,
            recipient=recipient.id,
            customer=buyer.user.id,
            employee=colleague.id,
            user=mate.user.id,
            variant=order_line.variant_id,
            vehicle=vehicle.id,
            category=category.id,
            zone=zone.id,
            brand=brand.id,
            code="premium",
            campaign=campaign.id,
            banner=banner.id,
            recording=recording.session_id,
        )
        if route.method == "GET":
            response = await client.get(path, allow_redirects=False)
        else:
            response = await client.post(path, data={"csrf": token}, allow_redirects=False)
        # A recording belongs to the store whose pages were recorded.
        store_scoped = "{store}" in route.path or "{recording}" in route.path
        if role == "anonymous":
            expected = {303}
        elif role == "customer" or name not in route.allowed:
            expected = {403}
        elif role == "manager-other" and store_scoped:
            expected = {404}
        elif route.answers is not None:
            expected = set(route.answers)
        elif route.method == "GET":
            expected = {200, 303} if "switch" in path else {200}
        else:
            expected = {200, 303, 422}  # an empty form comes back naming its fields
        if response.status not in expected:
            failures.append((route.method, path, response.status, expected))
        if role == "anonymous":
            assert response.headers.get("Location", "").startswith("/admin/login")
    assert not failures, failures
    if role == "manager-other":
        # Their own store works, and the switcher lists only it.
        home = await (await client.get("/admin/")).text()
        assert "elsewhere" in home.lower() or other.name in home
        assert "Demo" not in home.split("<main>")[0]


# --- stores, zones, slots, catalog, staff ------------------------------------------------------


async def test_admin_creates_a_store_and_bad_fields_are_named(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    bad = {**STORE_FORM, "lat": "north", "name": "Bad\x00name", "timezone": "Mars/Olympus"}
    response = await post_form(client, "/admin/stores/new", bad)
    text = await response.text()
    assert response.status == 422
    assert 'data-field="name"' in text or 'data-field="lat"' in text
    assert not await Store.filter(slug="gracia").exists()
    response = await post_form(client, "/admin/stores/new", {**STORE_FORM, "lat": "north"})
    assert response.status == 422 and 'data-field="lat"' in await response.text()
    response = await post_form(client, "/admin/stores/new", {**STORE_FORM, "timezone": "Mars/X"})
    assert response.status == 422 and 'data-field="timezone"' in await response.text()
    response = await post_form(client, "/admin/stores/new", {**STORE_FORM, "opening_hours": "{"})
    assert response.status == 422 and 'data-field="opening_hours"' in await response.text()
    created = await post_form(client, "/admin/stores/new", STORE_FORM)
    assert created.status == 303, await created.text()
    store = await Store.get(slug="gracia")
    assert store.opening_hours == {"mon": [["09:00", "21:00"]]} and store.currency == "EUR"
    taken = await post_form(client, "/admin/stores/new", STORE_FORM)
    assert taken.status == 409 and 'data-field="slug"' in await taken.text()
    edited = await post_form(
        client, f"/admin/stores/{store.id}/edit", {**STORE_FORM, "name": "Gràcia 2"}
    )
    assert edited.status == 303
    assert (await Store.get(id=store.id)).name == "Gràcia 2"
    off = await post_form(
        client,
        f"/admin/stores/{store.id}/active",
        {"active": "no"},
        csrf_from=f"/admin/stores/{store.id}",
    )
    assert off.status == 303 and not (await Store.get(id=store.id)).is_active


async def test_zone_as_geojson_and_invalid_polygons_named(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    store = await make_store("z1", lat=41.4, lng=2.155, currency="EUR", default_locale="es")
    path = f"/admin/stores/{store.id}/zones"
    base = {"name": "Centre", "fee_cents": "299", "min_order_cents": "1500", "eta_minutes": ""}
    unclosed = SQUARE.replace("[2.14, 41.39]]]", "[2.14, 41.40]]]")
    swapped = (
        '{"type": "Polygon", "coordinates": [[[41.39, 2.14], [41.39, 2.17], [41.41, 2.17], '
        "[41.41, 2.14], [41.39, 2.14]]]}"
    )
    for polygon in (unclosed, swapped, "not json", '{"type": "Point"}'):
        response = await post_form(client, path, {**base, "polygon": polygon})
        assert response.status == 422, polygon
        assert 'data-field="polygon"' in await response.text()
    response = await post_form(client, path, {**base, "fee_cents": "2.5", "polygon": SQUARE})
    assert response.status == 422 and 'data-field="fee_cents"' in await response.text()
    assert not await DeliveryZone.filter(store_id=store.id).exists()
    added = await post_form(client, path, {**base, "polygon": SQUARE})
    assert added.status == 303
    zone = await DeliveryZone.get(store_id=store.id)
    assert zone.fee_cents == 299 and zone.polygon["coordinates"][0][0] == [2.14, 41.39]
    page = await (await client.get(path)).text()
    assert "2,99" in page and "€" in page  # babel, the store's currency and locale (es)


async def test_slot_rules_form_generates_slots_and_names_bad_rows(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    store = await make_store("s-slots", lat=41.4, lng=2.155)
    path = f"/admin/stores/{store.id}/slot-rules"
    row = {
        "rules.0.weekday": "0",
        "rules.0.start": "09:00",
        "rules.0.end": "13:00",
        "rules.0.length_minutes": "60",
        "rules.0.capacity": "3",
        "rules.1.weekday": "",
        "rules.1.start": "",
        "rules.1.end": "",
        "rules.1.length_minutes": "",
        "rules.1.capacity": "",
    }
    bad = await post_form(client, path, {**row, "rules.0.end": "08:00"})
    assert bad.status == 422 and 'data-field="rules.0.end"' in await bad.text()
    bad = await post_form(client, path, {**row, "rules.0.capacity": "lots"})
    assert bad.status == 422 and 'data-field="rules.0.capacity"' in await bad.text()
    assert not await SlotRule.filter(store_id=store.id).exists()
    good = await post_form(client, path, row)
    assert good.status == 200 and "new slot(s) generated" in await good.text()
    assert await SlotRule.filter(store_id=store.id).count() == 1


async def test_csv_import_shows_errors_by_line_then_imports_and_exports(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    store = await make_store("cat1", lat=41.4, lng=2.155, currency="EUR", default_locale="es")
    path = f"/admin/stores/{store.id}/products/import"

    async def upload(text: str, dry: bool = False) -> Any:
        token = await csrf_of(client, path)
        form = FormData()
        form.add_field("csrf", token)
        form.add_field("file", text.encode(), filename="c.csv", content_type="text/csv")
        if dry:
            form.add_field("dry_run", "yes")
        return await client.post(path, data=form)

    bad = await upload(CSV_BAD)
    text = await bad.text()
    assert bad.status == 422 and "nothing was imported" in text
    assert re.search(r'data-label="Line">3<', text) and re.search(r'data-label="Line">4<', text)
    assert not await ProductVariant.filter(store_id=store.id).exists()
    dry = await upload(CSV_GOOD, dry=True)
    assert dry.status == 200 and "dry run" in await dry.text()
    assert not await ProductVariant.filter(store_id=store.id).exists()
    good = await upload(CSV_GOOD)
    assert good.status == 200 and "2 created" in await good.text()
    again = await upload(CSV_GOOD)
    assert "2 unchanged" in await again.text()
    assert await ProductVariant.filter(store_id=store.id).count() == 2
    table = await client.get(f"/admin/stores/{store.id}/products?q=IBU-400")
    body = await table.text()
    assert "IBU-400" in body and "IBU-200" not in body and "4,99" in body
    export = await client.get(f"/admin/stores/{store.id}/products/export")
    assert export.content_type == "text/csv" and "IBU-200" in await export.text()
    csv_view = await client.get(f"/admin/stores/{store.id}/products?format=csv&sort=-price_cents")
    lines = (await csv_view.text()).splitlines()
    assert lines[0].startswith("SKU") and lines[1].startswith("IBU-400")
    binary = await upload("\xff\xfe".encode("latin-1").decode("latin-1") + "x")
    assert binary.status in (200, 422)


async def test_manager_employs_a_dispatcher_and_gets_the_link_code(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    path = f"/admin/stores/{demo.store_id}/staff/new"
    bad = await post_form(client, path, {"email": "d@x.test", "name": "", "role": "dispatcher"})
    assert bad.status == 422 and 'data-field="name"' in await bad.text()
    boss = await post_form(client, path, {"email": "m@x.test", "name": "M", "role": "manager"})
    assert boss.status == 403 and "only an admin" in await boss.text()
    done = await post_form(
        client, path, {"email": "Dina@X.test", "name": "Dina", "role": "dispatcher"}
    )
    text = await done.text()
    assert done.status == 200
    code = re.search(r'data-link-code="([^"]+)"', text)
    assert code and len(code.group(1)) >= 6
    user = await User.get(email="dina@x.test")
    assert await Employee.filter(
        user_id=user.id, store_id=demo.store_id, role=Role.DISPATCHER
    ).exists()
    table = await client.get(f"/admin/stores/{demo.store_id}/staff?role=dispatcher&q=dina")
    assert "dina@x.test" in await table.text()
    unknown = await client.get(f"/admin/stores/{demo.store_id}/staff?role=pilot")
    assert unknown.status == 422 and 'data-field="role"' in await unknown.text()


# --- orders ------------------------------------------------------------------------------------


async def test_dispatcher_confirms_readies_assigns_and_the_timeline_shows_it(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    dispatcher = await staff_user(settings, Role.DISPATCHER, (demo.store_id,))
    _, driver = await make_driver(settings, demo.store_id, lat=41.39, lng=2.16)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    await session_for(settings, client, dispatcher)
    page = f"/admin/stores/{demo.store_id}/orders/{order.id}"
    action = page + "/action"
    table = await client.get(f"/admin/stores/{demo.store_id}/orders?status=pending")
    assert order.number in await table.text()
    wrong = await post_form(client, action, {"action": "ready"}, csrf_from=page)
    assert wrong.status == 422 and "cannot go from pending" in await wrong.text()
    for step in ("confirm", "ready"):
        response = await post_form(client, action, {"action": step}, csrf_from=page)
        assert response.status == 303, await response.text()
    assigned = await post_form(
        client, action, {"action": "assign", "driver_id": str(driver.id)}, csrf_from=page
    )
    assert assigned.status == 303
    fresh = await Order.get(id=order.id)
    assert fresh.status is OrderStatus.ASSIGNED and fresh.driver_id == driver.id
    text = await (await client.get(page)).text()
    timeline = text.split("data-timeline")[1]
    for status in ("pending", "confirmed", "ready", "assigned"):
        assert status in timeline
    assert dispatcher.name in timeline
    bogus = await post_form(client, action, {"action": "assign", "driver_id": "x"}, csrf_from=page)
    assert bogus.status == 422 and 'data-field="driver_id"' in await bogus.text()


async def test_orders_of_another_store_are_not_found(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    other = await make_store("o2", lat=41.4, lng=2.15)
    dispatcher = await staff_user(settings, Role.DISPATCHER, (other.id,))
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    await session_for(settings, client, dispatcher)
    # Their own store in the path, somebody else's order in it.
    response = await client.get(f"/admin/stores/{other.id}/orders/{order.id}")
    assert response.status == 404
    response = await client.get(f"/admin/stores/{demo.store_id}/orders/{order.id}")
    assert response.status == 404


async def test_bad_query_parameters_are_named_never_a_500(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    base = f"/admin/stores/{demo.store_id}/orders"
    for query, field in (
        ("sort=password", "sort"),
        ("page=0", "page"),
        ("from=yesterday", "from"),
        ("status=lost", "status"),
        ("q=%00", "q"),
        ("driver=%D9%A1", "driver"),
        ("per_page=100000", "per_page"),
    ):
        response = await client.get(f"{base}?{query}")
        assert response.status == 422, query
        assert f'data-field="{field}"' in await response.text(), query
    for path in ("/admin/stores/%D9%A1", "/admin/stores/99999999999", "/admin/stores/0/orders"):
        response = await client.get(path)
        assert response.status == 404, path


async def test_the_invoice_pdf_lists_items_vat_and_totals(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    from pypdf import PdfReader

    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    buyer = await make_person(settings, Role.CUSTOMER, adult=True, name="Ana Comprador")
    order = await place(ctx, buyer.user.id, demo.store_id)
    items = await OrderItem.filter(order_id=order.id).order_by("id")
    await Product.filter(id=items[0].product_id).update(tax_rate=Decimal("21"))
    await session_for(settings, client, manager)
    response = await client.get(f"/admin/stores/{demo.store_id}/orders/{order.id}/invoice.pdf")
    assert response.status == 200 and response.content_type == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(await response.read())).pages)
    store = await Store.get(id=demo.store_id)
    assert f"Invoice {order.number}" in text and "Ana Comprador" in text
    for item in items:
        assert item.sku in text
    gross = items[0].price_cents * items[0].quantity
    assert money(vat_included(gross, Decimal(21)), order.currency, store.default_locale) in text
    assert money(order.total_cents, order.currency, store.default_locale) in text
    assert vat_included(1210, Decimal(21)) == 210 and vat_included(999, Decimal(0)) == 0


async def test_a_driver_hands_in_cash_and_the_balance_goes_to_zero(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    _, driver = await make_driver(settings, demo.store_id)
    shift = await DriverShift.create(
        store_id=demo.store_id, driver=driver, started_at=utcnow(), cash_collected_cents=4250
    )
    await session_for(settings, client, manager)
    page = f"/admin/stores/{demo.store_id}/drivers"
    text = await (await client.get(page)).text()
    assert "42.50" in text or "42,50" in text
    done = await post_form(client, page + "/cash", {"driver_id": str(driver.id)}, csrf_from=page)
    assert done.status == 200 and "handed in" in await done.text()
    await shift.refresh_from_db()
    assert shift.cash_dropped_cents == 4250
    drop = await CashDrop.get(driver_id=driver.id, received_by_id=manager.id)
    assert drop.amount_cents == 4250
    again = await post_form(client, page + "/cash", {"driver_id": str(driver.id)}, csrf_from=page)
    assert again.status == 422 and 'data-field="driver_id"' in await again.text()
    other = await make_store("cash-elsewhere")
    _, stranger = await make_driver(settings, other.id)
    refused = await post_form(
        client, page + "/cash", {"driver_id": str(stranger.id)}, csrf_from=page
    )
    assert refused.status == 404


async def test_a_manager_creates_pauses_and_resumes_a_promo_code(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    path = f"/admin/stores/{demo.store_id}/promos/new"
    form = {
        "code": "spring10",
        "kind": "percent",
        "value": "10",
        "min_order_cents": "1000",
        "starts_on": "2026-03-01",
        "expires_on": "2026-03-31",
        "max_uses": "",
        "max_uses_per_customer": "1",
    }
    for change, field in (
        ({"value": "150"}, "value"),
        ({"expires_on": "2026-02-01"}, "expires_on"),
        ({"code": "no spaces"}, "code"),
        ({"starts_on": "soon"}, "starts_on"),
        ({"kind": "gift"}, "kind"),
    ):
        bad = await post_form(client, path, {**form, **change})
        assert bad.status == 422, change
        assert f'data-field="{field}"' in await bad.text(), change
    created = await post_form(client, path, form)
    assert created.status == 303, await created.text()
    promo = await PromoCode.get(store_id=demo.store_id, code="SPRING10")
    store = await Store.get(id=demo.store_id)
    assert promo.value == 10 and promo.max_uses_per_customer == 1 and promo.max_uses is None
    assert promo.starts_at is not None and promo.expires_at is not None
    local = ZoneInfo(store.timezone)
    assert promo.starts_at.astimezone(local).isoformat().startswith("2026-03-01T00:00")
    assert promo.expires_at.astimezone(local).isoformat().startswith("2026-04-01T00:00")
    taken = await post_form(client, path, form)
    assert taken.status == 409 and 'data-field="code"' in await taken.text()
    table = f"/admin/stores/{demo.store_id}/promos"
    listed = await (await client.get(table + "?q=spring")).text()
    assert "SPRING10" in listed and "10%" in listed
    toggle = f"{table}/{promo.id}/active"
    paused = await post_form(client, toggle, {"active": "no"}, csrf_from=table)
    assert paused.status == 303 and not (await PromoCode.get(id=promo.id)).is_active
    assert "SPRING10" in await (await client.get(table + "?active=no")).text()
    resumed = await post_form(client, toggle, {"active": "yes"}, csrf_from=table)
    assert resumed.status == 303 and (await PromoCode.get(id=promo.id)).is_active


async def test_alert_recipients_are_added_with_sealed_keys_and_paused(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    path = f"/admin/stores/{demo.store_id}/alerts"
    key = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG"
    bad = await post_form(client, path, {"name": "Owner", "pushover_user_key": "short"})
    assert bad.status == 422 and 'data-field="pushover_user_key"' in await bad.text()
    bad = await post_form(client, path, {"name": "Owner", "pushover_user_key": key, "kinds": "x"})
    assert bad.status == 422 and 'data-field="kinds.0"' in await bad.text()
    done = await post_form(
        client, path, {"name": "Owner", "pushover_user_key": key, "kinds": "new_order"}
    )
    assert done.status == 303
    row = await AlertRecipient.get(store_id=demo.store_id, name="Owner")
    assert row.pushover_user_key != key and ctx.secret_box.open(row.pushover_user_key) == key
    assert row.kinds == ["new_order"]
    page = await (await client.get(path)).text()
    assert key not in page and "…" + key[-4:] in page
    assert [r.name for r in await recipients.alert_recipients(demo.store_id, "new_order")] == [
        "Owner"
    ]
    paused = await post_form(client, f"{path}/{row.id}/active", {"active": "no"}, csrf_from=path)
    assert paused.status == 303
    assert await recipients.alert_recipients(demo.store_id, "new_order") == []


async def test_an_admin_adjusts_a_wallet_with_a_reason_and_blocks_a_customer(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True, name="Bea")
    await place(ctx, buyer.user.id, demo.store_id)
    await session_for(settings, client, admin)
    page = f"/admin/stores/{demo.store_id}/customers/{buyer.user.id}"
    listed = await (await client.get(f"/admin/stores/{demo.store_id}/customers?q=Bea")).text()
    assert page in listed
    no_reason = await post_form(
        client, page + "/wallet", {"amount_cents": "500", "reason": ""}, csrf_from=page
    )
    assert no_reason.status == 422 and 'data-field="reason"' in await no_reason.text()
    too_much = await post_form(
        client, page + "/wallet", {"amount_cents": "-500", "reason": "x"}, csrf_from=page
    )
    assert too_much.status == 409
    done = await post_form(
        client, page + "/wallet", {"amount_cents": "500", "reason": "late"}, csrf_from=page
    )
    assert done.status == 200 and "adjusted" in await done.text()
    assert await wallets.balance(buyer.user.id, demo.store_id) == 500
    tx = await WalletTransaction.get(wallet__user_id=buyer.user.id, kind=WalletTxKind.ADJUSTMENT)
    assert tx.reference == f"by user {admin.id}: late"
    blocked = await post_form(client, page + "/block", {"blocked": "yes"}, csrf_from=page)
    assert blocked.status == 303
    assert not (await User.get(id=buyer.user.id)).is_active
    stranger = await make_person(settings, Role.CUSTOMER)
    missing = await client.get(f"/admin/stores/{demo.store_id}/customers/{stranger.user.id}")
    assert missing.status == 404


async def test_signing_in_again_over_a_dead_session_cookie_works(
    client: TestClient, settings: Settings
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    await RefreshToken.filter(user_id=admin.id).update(revoked_at=utcnow())
    bounced = await client.get("/admin/stores", allow_redirects=False)
    assert bounced.status == 303 and bounced.headers["Location"].startswith("/admin/login")
    response = await sign_in(client, admin.email or "")
    assert response.status == 303, await response.text()
    assert (await client.get("/admin/stores")).status == 200


async def test_console_sign_in_is_rate_limited(app_client, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(rate_limit_auth="2/60")
    admin = await staff_user(settings, Role.ADMIN)
    for _ in range(2):
        assert (await sign_in(client, admin.email or "", "wrong password")).status == 401
    limited = await sign_in(client, admin.email or "")
    assert limited.status == 429 and "Retry-After" in limited.headers


async def test_csv_exports_do_not_carry_spreadsheet_formulas(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True, name="=HYPERLINK(1)")
    await place(ctx, buyer.user.id, demo.store_id)
    await session_for(settings, client, admin)
    text = await (await client.get(f"/admin/stores/{demo.store_id}/customers?format=csv")).text()
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text


async def test_an_upload_over_the_limit_is_a_named_413(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    path = f"/admin/stores/{demo.store_id}/products/import"
    token = await csrf_of(client, path)
    form = FormData()
    form.add_field("csrf", token)
    form.add_field("file", b"x" * (2 * 1024 * 1024), filename="big.csv", content_type="text/csv")
    response = await client.post(path, data=form)
    assert response.status == 413 and 'data-field="file"' in await response.text()


async def test_a_store_without_coordinates_is_located_from_its_address(
    app_client, settings: Settings, geocoder
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(geocoder_url=geocoder.url)
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    form = {**STORE_FORM, "slug": "located", "lat": "", "lng": ""}
    unknown = await post_form(client, "/admin/stores/new", {**form, "address": "Nowhere 1"})
    assert unknown.status == 422 and 'data-field="address"' in await unknown.text()
    empty = await post_form(client, "/admin/stores/new", {**form, "name": ""})
    assert empty.status == 422 and 'data-field="name"' in await empty.text()
    found = await post_form(
        client, "/admin/stores/new", {**form, "address": "Carrer de Mallorca 200"}
    )
    assert found.status == 303, await found.text()
    store = await Store.get(slug="located")
    assert (store.lat, store.lng) == (41.3925, 2.16)


async def test_deactivating_an_employee_signs_them_out_and_managers_keep_their_limits(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    other_manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    dispatcher = await staff_user(settings, Role.DISPATCHER, (demo.store_id,))
    await start_session(
        settings, dispatcher, method="password", identifier="d", client=ClientInfo()
    )
    await session_for(settings, client, manager)
    table = f"/admin/stores/{demo.store_id}/staff"
    job = await Employee.get(user_id=dispatcher.id, store_id=demo.store_id)
    done = await post_form(client, f"{table}/{job.id}/active", {"active": "no"}, csrf_from=table)
    assert done.status == 303
    assert not (await Employee.get(id=job.id)).is_active
    assert await RefreshToken.filter(user_id=dispatcher.id, revoked_at__isnull=True).count() == 0
    peer = await Employee.get(user_id=other_manager.id, store_id=demo.store_id)
    refused = await post_form(
        client, f"{table}/{peer.id}/active", {"active": "no"}, csrf_from=table
    )
    assert refused.status == 403 and (await Employee.get(id=peer.id)).is_active
    listed = await (await client.get(table + "?active=no")).text()
    assert dispatcher.email in listed and "Reactivate" in listed


async def test_a_manager_sets_a_price_and_adjusts_stock_which_the_log_shows(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    variant = await ProductVariant.filter(store_id=demo.store_id).order_by("id").first()
    assert variant is not None
    page = f"/admin/stores/{demo.store_id}/products/{variant.id}"
    before = await Inventory.get(store_id=demo.store_id, variant_id=variant.id)
    bad = await post_form(client, page + "/price", {"price_cents": "12.50"}, csrf_from=page)
    assert bad.status == 422 and 'data-field="price_cents"' in await bad.text()
    ok = await post_form(client, page + "/price", {"price_cents": "1250"}, csrf_from=page)
    assert ok.status == 200 and (await ProductVariant.get(id=variant.id)).price_cents == 1250
    added = await post_form(client, page + "/stock", {"quantity": "7"}, csrf_from=page)
    assert added.status == 200
    after = await Inventory.get(store_id=demo.store_id, variant_id=variant.id)
    assert after.quantity == before.quantity + 7
    log = await InventoryLog.filter(variant_id=variant.id).order_by("-id").first()
    assert log is not None and log.delta == 7 and log.actor_id == manager.id
    text = await (await client.get(page)).text()
    assert "+7" in text and str(after.quantity) in text
    off = await post_form(client, page + "/active", {"active": "no"}, csrf_from=page)
    assert off.status == 303
    assert not (await Product.get(id=variant.product_id)).is_active
    # The history: this manager's edits, minutes apart, are one block with readable values.
    text = await (await client.get(page)).text()
    history = text.split("data-history")[1]
    assert history.count("data-block") == 1 and manager.name in history
    store = await Store.get(id=demo.store_id)
    old_price = money(variant.price_cents, store.currency, store.default_locale)
    new_price = money(1250, store.currency, store.default_locale)
    assert f"Price of {variant.sku}: {old_price} → {new_price}" in history
    assert "Active: yes → no" in history
    await ProductAuditLog.filter(product_id=variant.product_id).update(
        created_at=datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    )
    await post_form(client, page + "/active", {"active": "yes"}, csrf_from=page)
    later = (await (await client.get(page)).text()).split("data-history")[1]
    assert later.count("data-block") == 2
    elsewhere = await make_store("cat-elsewhere")
    assert (await client.get(f"/admin/stores/{elsewhere.id}/products/{variant.id}")).status == 404


async def test_order_dates_filter_whole_days_in_the_stores_timezone(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    admin = await staff_user(settings, Role.ADMIN)
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id)
    store = await Store.get(id=demo.store_id)
    assert store.timezone == "Europe/Madrid"
    # 23:30 UTC on 14 January is 00:30 on the 15th in Madrid.
    await Order.filter(id=order.id).update(created_at=datetime(2026, 1, 14, 23, 30, tzinfo=UTC))
    await session_for(settings, client, admin)
    base = f"/admin/stores/{demo.store_id}/orders"
    on_15th = await (await client.get(f"{base}?from=2026-01-15&to=2026-01-15")).text()
    on_14th = await (await client.get(f"{base}?from=2026-01-14&to=2026-01-14")).text()
    assert order.number in on_15th and order.number not in on_14th
    exported = await (await client.get(f"{base}?from=2026-01-15&to=2026-01-15&format=csv")).text()
    assert order.number in exported


async def test_id_check_from_the_order_page_is_for_managers_not_dispatchers(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id, restricted=True)
    assert order.requires_id_check
    await Order.filter(id=order.id).update(status=OrderStatus.PICKED_UP)
    page = f"/admin/stores/{demo.store_id}/orders/{order.id}"
    dispatcher = await staff_user(settings, Role.DISPATCHER, (demo.store_id,))
    await session_for(settings, client, dispatcher)
    check = {"action": "id_check", "document_type": "passport", "birth_year": "1980"}
    refused = await post_form(client, page + "/action", check, csrf_from=page)
    assert refused.status == 403 and (await Order.get(id=order.id)).id_checked_at is None
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    assert "ID checked" in await (await client.get(page)).text()
    done = await post_form(client, page + "/action", check, csrf_from=page)
    assert done.status == 303 and (await Order.get(id=order.id)).id_checked_at is not None


async def test_a_manager_runs_plans_campaigns_and_banners_from_the_console(
    client: TestClient, settings: Settings, ctx: AppContext, demo: SeedReport
) -> None:
    store_id = demo.store_id
    manager = await staff_user(settings, Role.MANAGER, (store_id,))
    await session_for(settings, client, manager)
    plans_path = f"/admin/stores/{store_id}/plans"
    bad = await post_form(
        client, f"{plans_path}/premium", {"cashback_bps": "lots"}, csrf_from=plans_path
    )
    assert bad.status == 422 and 'data-field="cashback_bps"' in await bad.text()
    saved = await post_form(
        client,
        f"{plans_path}/premium",
        {"cashback_bps": "500", "wallet_limit_percent": "30", "free_delivery_over_cents": "2000"},
        csrf_from=plans_path,
    )
    assert saved.status == 200
    buyer = await make_person(settings, Role.CUSTOMER)
    switched = await post_form(
        client,
        f"/admin/stores/{store_id}/plan-switches",
        {"user_id": str(buyer.user.id), "plan": "premium"},
        csrf_from=plans_path,
    )
    page_text = await switched.text()
    assert switched.status == 200 and "premium plan." in page_text
    assert 'data-table="plan-switches"' in page_text and buyer.user.name in page_text

    new = f"/admin/stores/{store_id}/campaigns/new"
    form = {"name": "Flu season", "text": "Vaccines in stock", "segment": "recent", "days": "0"}
    refused = await post_form(client, new, form)
    assert refused.status == 422 and 'data-field="days"' in await refused.text()
    created = await post_form(client, new, {**form, "days": "30", "send_at": "2030-01-01 09:00"})
    assert created.status == 303, await created.text()
    campaign = await Campaign.get(store_id=store_id, name="Flu season")
    assert campaign.scheduled_at is not None and campaign.scheduled_at.year == 2030
    shown = await (await client.get(created.headers["Location"])).text()
    assert 'data-count="sent">0<' in shown and 'http-equiv="refresh"' in shown
    cancelled = await post_form(
        client, created.headers["Location"] + "/cancel", {}, csrf_from=created.headers["Location"]
    )
    assert cancelled.status == 303
    assert (await Campaign.get(id=campaign.id)).status == CampaignStatus.CANCELLED

    banner_new = f"/admin/stores/{store_id}/banners/new"
    made = await post_form(
        client,
        banner_new,
        {"title": "Winter", "image_url": "https://img.example/w.png", "is_active": "yes"},
    )
    assert made.status == 303, await made.text()
    listed = await (await client.get(f"/api/v1/stores/{store_id}/banners")).json()
    assert [b["title"] for b in listed["items"]] == ["Winter"]
