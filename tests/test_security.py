"""An attacker's requests, kept as regressions: account takeover through registration and the
other doors that write a password, phone or e-mail; hostile ids, text, JSON and content types;
oversized ids from signed sources; deployments sharing one Redis."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta

import jwt
import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.bus import BusMessage
from core.clock import utcnow
from core.context import build_context, running
from core.passwords import hash_password
from core.security import ISSUER
from core.settings import Settings
from models import Order, PendingRegistration, User
from models.enums import OrderStatus, Role
from services.demo import SeedReport
from tests.fixtures.fakes import Mailbox, OtpProviders
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_person
from tests.test_auth_telegram import ALICE, sign_in, signed_init_data

ADMIN_EMAIL, ADMIN_PASSWORD = "boss@pharmacy.test", "the real admin password"
ATTACKER = {
    "email": ADMIN_EMAIL,
    "password": "attacker-pass-123",
    "phone": "+34699999999",
    "name": "Mallory",
}


async def admin_account() -> User:
    return await User.create(
        role=Role.ADMIN,
        email=ADMIN_EMAIL,
        name="Real Admin",
        password_hash=await hash_password(ADMIN_PASSWORD, 4),
        referral_code="ADMIN001",
    )


async def login(client: TestClient, email: str, password: str) -> int:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    return response.status


async def deliver_outbox(client: TestClient) -> None:
    ctx = client.app[CTX]
    for _ in range(5):
        if not await ctx.outbox.deliver_due():
            return


async def test_registering_an_admins_address_changes_nothing_and_tells_the_owner(
    app_client, otp_providers: OtpProviders, mailbox: Mailbox
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(
        **otp_providers.settings(
            smtp_host=mailbox.host, smtp_port=mailbox.port, smtp_starttls=False
        )
    )
    admin = await admin_account()
    taken = await client.post("/api/v1/auth/register", json=ATTACKER)
    fresh = await client.post(
        "/api/v1/auth/register",
        json={**ATTACKER, "email": "new@example.com", "phone": "+34699999998"},
    )
    # The same answer for a taken address as for a new one: nothing to enumerate.
    assert taken.status == fresh.status == 202
    taken_body, fresh_body = await taken.json(), await fresh.json()
    assert set(taken_body) == set(fresh_body) == {"phone", "channel", "expires_in"}
    assert taken_body["channel"] == fresh_body["channel"]
    # The account is untouched: the admin's password works, the attacker's does not.
    assert await login(client, ADMIN_EMAIL, ATTACKER["password"]) == 401
    assert await login(client, ADMIN_EMAIL, ADMIN_PASSWORD) == 200
    await admin.refresh_from_db()
    assert admin.phone is None and admin.name == "Real Admin" and admin.role is Role.ADMIN
    await deliver_outbox(client)
    warnings = [m for m in mailbox.messages if m["To"] == ADMIN_EMAIL]
    assert len(warnings) == 1 and "register" in warnings[0]["Subject"]
    assert all(m["To"] != "new@example.com" for m in mailbox.messages)


async def test_confirming_a_registration_for_a_taken_address_creates_nothing(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    await admin_account()
    assert (await client.post("/api/v1/auth/register", json=ATTACKER)).status == 202
    code = otp_providers.last_code()
    verify = await client.post(
        "/api/v1/auth/register/verify", json={"phone": ATTACKER["phone"], "code": code}
    )
    assert verify.status == 409 and (await verify.json())["error"]["code"] == "email_taken"
    assert await User.filter(email=ADMIN_EMAIL).count() == 1
    assert not await User.exists(phone=ATTACKER["phone"])
    assert await login(client, ADMIN_EMAIL, ADMIN_PASSWORD) == 200


async def test_a_pending_registration_is_confirmed_only_by_its_phone_and_expires(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    body = {"email": "zoe@example.com", "password": "zoe's password", "phone": "+34611000111"}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 202
    assert not await User.exists(email="zoe@example.com")  # nothing exists before the code
    # A second sign-up for the same phone replaces the first (one pending per phone).
    again = {**body, "email": "zoe2@example.com"}
    assert (await client.post("/api/v1/auth/register", json=again)).status == 202
    assert await PendingRegistration.filter(phone=body["phone"]).count() == 1
    code = otp_providers.last_code()
    await PendingRegistration.all().update(expires_at=utcnow() - timedelta(seconds=1))
    late = await client.post(
        "/api/v1/auth/register/verify", json={"phone": body["phone"], "code": code}
    )
    assert late.status == 401 and not await User.exists(phone=body["phone"])
    assert (await client.post("/api/v1/auth/register", json=again)).status == 202
    done = await client.post(
        "/api/v1/auth/register/verify",
        json={"phone": body["phone"], "code": otp_providers.last_code()},
    )
    assert done.status == 201
    user = await User.get(email="zoe2@example.com")
    assert user.phone == body["phone"] and user.phone_verified
    assert not await PendingRegistration.exists(phone=body["phone"])


async def test_two_sign_ups_for_one_phone_at_once_never_fail(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings(otp_resend_cooldown=0))
    bodies = [
        {"email": f"twin{i}@example.com", "password": "twin password", "phone": "+34611000222"}
        for i in range(2)
    ]
    responses = await asyncio.gather(
        *(client.post("/api/v1/auth/register", json=b) for b in bodies)
    )
    assert sorted(r.status for r in responses) in ([202, 202], [202, 429])
    assert await PendingRegistration.filter(phone="+34611000222").count() == 1


async def test_a_phone_code_does_not_sign_into_an_account_that_never_proved_that_phone(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    squatter = await User.create(
        email="squat@example.com",
        phone="+34611000333",
        phone_verified=False,
        password_hash=await hash_password("squatter password", 4),
        referral_code="SQUAT001",
    )
    await client.post("/api/v1/auth/otp/request", json={"phone": "+34611000333"})
    response = await client.post(
        "/api/v1/auth/otp/verify",
        json={"phone": "+34611000333", "code": otp_providers.last_code()},
    )
    assert response.status == 200
    body = await response.json()
    assert body["user"]["id"] != squatter.id and body["user"]["email"] is None
    await squatter.refresh_from_db()
    assert squatter.phone is None  # the unproven claim lapsed


async def test_a_manager_cannot_make_a_telegram_link_code_for_an_admin(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    admin = await make_person(settings, Role.ADMIN, store_ids=(demo.store_id,))
    dispatcher = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    refused = await client.post(
        f"/api/v1/admin/staff/{admin.user.id}/link-code", headers=manager.headers
    )
    assert refused.status == 403
    allowed = await client.post(
        f"/api/v1/admin/staff/{dispatcher.user.id}/link-code", headers=manager.headers
    )
    assert allowed.status in (200, 201)


ODD_DIGITS = ["%C2%B3", "%E2%91%A0", "%D9%A1", "%EF%BC%91", "1%00", "+1", "%201", "1.0", "0x1"]


async def test_ids_are_ascii_digits_only(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    order = await place(client.app[CTX], customer.user.id, demo.store_id)
    store = demo.store_id
    templates = [
        ("GET", "/api/v1/stores/{x}"),
        ("GET", f"/api/v1/stores/{store}/products/{{x}}"),
        ("GET", "/api/v1/stores/{x}/products/1"),
        ("GET", f"/api/v1/stores/{store}/products/{{x}}/reviews"),
        ("GET", "/api/v1/orders/{x}"),
        ("POST", "/api/v1/orders/{x}/cancel"),
        ("GET", "/api/v1/stores/{x}/cart"),
    ]
    for method, template in templates:
        for odd in ODD_DIGITS:
            response = await client.request(
                method, template.format(x=odd), headers=customer.headers
            )
            assert response.status in (404, 422), (method, template, odd, response.status)
            assert (await response.json())["error"]["code"]
    # Arabic-Indic and fullwidth digits for the order's id do not cancel it.
    await Order.filter(id=order.id).update(status=OrderStatus.PENDING)
    for odd in ("%D9%A1", "%EF%BC%91"):
        await client.post(f"/api/v1/orders/{odd}/cancel", headers=customer.headers)
    await order.refresh_from_db()
    assert order.status is OrderStatus.PENDING
    huge = await client.get(f"/api/v1/orders/{2**31}", headers=customer.headers)
    assert huge.status == 404


TEXT_WITH_NUL = "a\x00b"


async def test_control_characters_are_refused_naming_the_field(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    cases = [
        ("POST", "/api/v1/auth/login", {"email": TEXT_WITH_NUL, "password": "x" * 8}, "email"),
        ("POST", "/api/v1/auth/password/forgot", {"email": TEXT_WITH_NUL}, "email"),
        (
            "POST",
            "/api/v1/auth/register",
            {
                "email": "a@b.example",
                "password": "x" * 8,
                "phone": "+34600111222",
                "name": TEXT_WITH_NUL,
            },
            "name",
        ),
        *(
            ("POST", "/api/v1/orders", {**order_body(demo.store_id), **extra}, field)
            for extra, field in (
                ({"address": {"text": "Mallorca\x00 200"}}, "address.text"),
                ({"note": "ring\x07twice"}, "note"),
                ({"promo_code": "FIVE\x00"}, "promo_code"),
            )
        ),
    ]
    for method, path, body, field in cases:
        response = await client.request(
            method, path, json=body, headers={**customer.headers, "Idempotency-Key": "nul"}
        )
        assert response.status == 422, (path, response.status)
        fields = (await response.json())["error"]["fields"]
        assert field in fields or any(name.startswith(field) for name in fields), (path, fields)
    for params in ({"q": TEXT_WITH_NUL}, {"status": "\x1b[31m"}, {"q": "x\x7f"}):
        response = await client.get(f"/api/v1/stores/{demo.store_id}/products", params=params)
        assert response.status == 422
        assert set((await response.json())["error"]["fields"]) == set(params)
    # A lone surrogate (not encodable) in JSON is refused, too.
    response = await client.post(
        "/api/v1/auth/password/forgot",
        data=b'{"email": "\\ud800@x.example"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 422 and "email" in (await response.json())["error"]["fields"]


async def test_telegram_names_with_control_characters_are_cleaned_not_fatal(
    client: TestClient, settings: Settings
) -> None:
    user = {**ALICE, "id": 515151, "first_name": "Ev\x00e", "last_name": "\x1bX"}
    response = await sign_in(client, signed_init_data(settings.customer_bot_token, user))
    assert response.status == 200
    stored = await User.get(tg_id=515151)
    assert stored.name == "Eve X"


async def test_deeply_nested_json_is_a_clear_4xx(client: TestClient, customer: Person) -> None:
    headers = {**customer.headers, "Content-Type": "application/json"}
    bodies = [
        b"[" * 100_000,
        b'{"email": ' + b"[" * 5000 + b"]" * 5000 + b', "password": "x"}',
        b'{"email": ' + b'{"a":' * 40 + b"1" + b"}" * 40 + b"}",
        b'{"email": NaN, "password": "x"}',
    ]
    for body in bodies:
        response = await client.post("/api/v1/auth/login", data=body, headers=headers)
        assert response.status in (400, 422), response.status
        assert (await response.json())["error"]["code"]


async def test_oversized_ids_from_signed_sources_are_401(
    client: TestClient, settings: Settings
) -> None:
    for tg_id in (10**30, 0, -5, True, "123", 2**52 + 1):
        user = {**ALICE, "id": tg_id}
        response = await sign_in(client, signed_init_data(settings.customer_bot_token, user))
        assert response.status == 401, tg_id
        assert (await response.json())["error"]["code"] == "init_data_invalid"
    now = int(time.time())
    for claims in (
        {"sub": str(10**30), "role": "admin", "stores": []},
        {"sub": "١", "role": "admin", "stores": []},
        {"sub": "7", "role": "admin", "stores": [10**30]},
        {"sub": "7", "role": ["admin"], "stores": []},
    ):
        token = jwt.encode(
            {**claims, "iss": ISSUER, "iat": now, "exp": now + 60, "typ": "access"},
            settings.secret_key,
            algorithm="HS256",
        )
        response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status == 401, claims


def order_body(store_id: int) -> dict:
    return {
        "store_id": store_id,
        "items": [{"variant_id": 1, "quantity": 1}],
        "address": {"lat": 41.3925, "lng": 2.16},
        "payment_method": "cash",
    }


async def test_order_placement_wants_json_strict_numbers_and_an_idempotency_key(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    body = order_body(demo.store_id)
    keyed = {**customer.headers, "Idempotency-Key": "strict-1"}
    raw = json.dumps(body).encode()
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = dict(keyed)
        if content_type:
            headers["Content-Type"] = content_type
        response = await client.post("/api/v1/orders", data=raw, headers=headers)
        assert response.status == 415, content_type
        assert "Content-Type" in (await response.json())["error"]["fields"]
    for line, field in (
        ({"variant_id": 1, "quantity": True}, "items.0.quantity"),
        ({"variant_id": 1, "quantity": "2"}, "items.0.quantity"),
        ({"variant_id": "1", "quantity": 1}, "items.0.variant_id"),
        ({"variant_id": 1.0, "quantity": 1}, "items.0.variant_id"),
    ):
        response = await client.post(
            "/api/v1/orders", json={**body, "items": [line]}, headers=keyed
        )
        assert response.status == 422 and field in (await response.json())["error"]["fields"]
    for extra in ({"store_id": str(demo.store_id)}, {"wallet_cents": True}):
        response = await client.post("/api/v1/orders", json={**body, **extra}, headers=keyed)
        assert response.status == 422 and set(extra) <= set(
            (await response.json())["error"]["fields"]
        )
    missing = await client.post("/api/v1/orders", json=body, headers=customer.headers)
    assert missing.status == 428
    assert (await missing.json())["error"]["fields"] == {"Idempotency-Key": "required"}
    assert not await Order.exists(customer_id=customer.user.id)


async def test_a_request_line_over_8_kb_gets_the_json_error_shape(client: TestClient) -> None:
    host, port = client.server.host, client.server.port
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /api/v1/stores?q={'x' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(65536), 5)
    writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    assert b"application/json" in head.lower()
    assert json.loads(payload)["error"]["code"] == "bad_request"


def test_the_namespace_defaults_to_the_database_name() -> None:
    assert Settings(database_url="postgres://u@h:5432/shop_prod").namespace == "shop_prod"
    assert Settings(database_url="sqlite://var/pharmacy.sqlite3").namespace == "pharmacy"
    named = Settings(database_url="postgres://u@h/x", deployment_namespace="staging")
    assert named.namespace == "staging"


@pytest.mark.postgres_only
async def test_deployments_sharing_one_redis_never_see_each_others_events(
    make_settings, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    received: dict[str, list[str]] = {"prod": [], "staging": []}
    contexts = {
        name: build_context(make_settings(deployment_namespace=f"{name}-{id(received)}"))
        for name in received
    }
    async with running(contexts["prod"]) as prod, running(contexts["staging"]) as staging:
        for name, ctx in (("prod", prod), ("staging", staging)):

            async def keep(channel: str, message: BusMessage, name: str = name) -> None:
                received[name].append(message.type)

            ctx.bus.subscribe("realtime", keep)
        await asyncio.sleep(0.2)
        await prod.bus.publish("realtime", BusMessage(type="PROD_ONLY"))
        await staging.bus.publish("realtime", BusMessage(type="STAGING_ONLY"))
        await asyncio.sleep(0.5)
    assert received == {"prod": ["PROD_ONLY"], "staging": ["STAGING_ONLY"]}


async def test_a_malformed_realtime_message_is_ignored_with_a_warning(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    from webapp.realtime import HUB, REALTIME_CHANNEL

    hub = client.app[HUB]
    with caplog.at_level("WARNING"):
        await hub.on_bus(REALTIME_CHANNEL, BusMessage(type="ORDER_CREATED", payload={"x": 1}))
    assert "malformed" in caplog.text


def test_a_remembered_access_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoded tokens are remembered for speed; the expiry is still checked on every use, and
    a forged or altered token is never taken for a remembered one."""
    from core import security
    from core.errors import Unauthorized

    secret = "s" * 40
    now = time.time()
    claims = {"sub": "7", "role": "customer", "iss": ISSUER, "typ": "access"}
    token = jwt.encode({**claims, "exp": int(now) + 2}, secret, algorithm="HS256")
    assert security.decode_access_token(token, secret).user_id == 7
    assert security.decode_access_token(token, secret).user_id == 7  # remembered
    with pytest.raises(Unauthorized) as wrong_key:
        security.decode_access_token(token, "k" * 40)
    assert wrong_key.value.code == "invalid_token"
    with pytest.raises(Unauthorized) as altered:
        security.decode_access_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), secret)
    assert altered.value.code == "invalid_token"
    monkeypatch.setattr(security.time, "time", lambda: now + 5)
    monkeypatch.setattr(jwt.api_jwt, "datetime", _ClockAt(now + 5))
    with pytest.raises(Unauthorized) as expired:
        security.decode_access_token(token, secret)
    assert expired.value.code == "token_expired"


class _ClockAt:
    """Stands in for the datetime class PyJWT reads the time from."""

    def __init__(self, at: float) -> None:
        self._at = at

    def now(self, tz: object = None) -> object:
        from datetime import UTC, datetime

        return datetime.fromtimestamp(self._at, tz=UTC)
