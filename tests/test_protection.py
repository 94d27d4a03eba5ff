"""Security headers, CORS, rate limits (on whichever backend runs), secret box, permissions."""

from __future__ import annotations

import pytest

from core.permissions import Permission, has_permission
from core.secretbox import SecretBox, SecretBoxError, new_key_spec
from models.enums import Role
from services.demo import SeedReport


async def test_security_headers_everywhere(client, demo) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/v1/stores", "/", "/healthz", "/api/v1/nothing", "/static/app.css"):
        response = await client.get(path)
        assert (
            response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Content-Security-Policy" in response.headers, path
    page = await client.get("/")
    assert "X-Frame-Options" not in page.headers
    assert (
        "frame-ancestors 'self' https://web.telegram.org" in page.headers["Content-Security-Policy"]
    )
    admin = await client.get("/admin")
    assert admin.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in admin.headers["Content-Security-Policy"]


async def test_cors_only_for_allowed_origins(app_client, demo: SeedReport) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(cors_origins="https://shop.example")
    ok = await client.get("/api/v1/stores", headers={"Origin": "https://shop.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    other = await client.get("/api/v1/stores", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    # Error answers are readable by the allowed origin too, and a cached catalog page varies
    # by both language and origin.
    refused = await client.get(
        f"/api/v1/stores/{demo.store_id}/products?page=\x01",
        headers={"Origin": "https://shop.example"},
    )
    assert refused.status == 422
    assert refused.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    page = await client.get(
        f"/api/v1/stores/{demo.store_id}/products", headers={"Origin": "https://shop.example"}
    )
    assert page.status == 200
    assert page.headers["Vary"] == "Accept-Language, Origin"
    preflight = await client.options(
        "/api/v1/orders",
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,idempotency-key",
        },
    )
    assert preflight.status == 204
    assert "Idempotency-Key" in preflight.headers["Access-Control-Allow-Headers"]
    denied = await client.options(
        "/api/v1/orders",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert denied.status == 403


async def test_auth_routes_are_rate_limited_with_retry_after(app_client, backend: str) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(rate_limit_auth="3/60")
    statuses = []
    for _ in range(4):
        response = await client.post(
            "/api/v1/auth/login", json={"email": "a@b.co", "password": "x" * 8}
        )
        statuses.append(response.status)
    assert statuses == [401, 401, 401, 429]
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert (await response.json())["error"]["code"] == "rate_limited"
    # Refresh shares the strict limit; other routes only the lenient global one.
    refresh = await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 20})
    assert refresh.status == 429
    assert (await client.get("/api/v1/stores")).status == 200


async def test_global_limit_and_per_phone_otp_limit(app_client) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(rate_limit_global="5/60", rate_limit_otp_phone="2/3600")
    statuses = [(await client.get("/api/v1/stores")).status for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    client = await app_client(rate_limit_otp_phone="2/3600")
    phone = {"phone": "+34600123123"}
    codes = [(await client.post("/api/v1/auth/otp/request", json=phone)).status for _ in range(3)]
    assert codes == [202, 202, 429]


async def test_limits_are_shared_by_processes_on_redis(app_client, backend: str) -> None:  # type: ignore[no-untyped-def]
    if backend != "postgres":
        return  # in-process limits are per process by design
    first = await app_client(rate_limit_auth="2/60")
    second = await app_client(rate_limit_auth="2/60")
    body = {"email": "a@b.co", "password": "x" * 8}
    assert (await first.post("/api/v1/auth/login", json=body)).status == 401
    assert (await second.post("/api/v1/auth/login", json=body)).status == 401
    assert (await first.post("/api/v1/auth/login", json=body)).status == 429
    assert (await second.post("/api/v1/auth/login", json=body)).status == 429


def test_secret_box_seals_opens_rotates_and_detects_tampering() -> None:
    old = new_key_spec("k1")
    box = SecretBox(old)
    sealed = box.seal("pushover-user-key-123")
    assert sealed.startswith("v1.k1.") and "pushover" not in sealed
    assert box.open(sealed) == "pushover-user-key-123"
    assert box.seal("same") != box.seal("same")  # fresh nonce each time
    rotated = SecretBox(f"{new_key_spec('k2')},{old}")
    assert rotated.open(sealed) == "pushover-user-key-123"  # old values still open
    assert rotated.needs_reseal(sealed) and rotated.seal("x").startswith("v1.k2.")
    with pytest.raises(SecretBoxError):
        SecretBox(new_key_spec("k2")).open(sealed)  # the old key is gone
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SecretBoxError):
        box.open(tampered)
    with pytest.raises(SecretBoxError):
        SecretBox("k1:tooshort")


def test_permission_table_managers_have_no_billing_or_settings() -> None:
    assert has_permission(Role.MANAGER, Permission.MANAGE_CATALOG)
    assert not has_permission(Role.MANAGER, Permission.MANAGE_BILLING)
    assert not has_permission(Role.MANAGER, Permission.MANAGE_SETTINGS)
    assert has_permission(Role.ADMIN, Permission.MANAGE_BILLING)
    assert not has_permission(Role.DISPATCHER, Permission.MANAGE_CATALOG)
    assert not has_permission(Role.CUSTOMER, Permission.VIEW_STORE_ORDERS)
    assert not has_permission("nonsense", Permission.PLACE_ORDERS)
