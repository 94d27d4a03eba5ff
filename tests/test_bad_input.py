"""Every endpoint answers bad input with a 4xx that names the field — never a 500."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.people import make_person

# (method, path, valid-looking body or None, role that may call it)
WRITE_ENDPOINTS = [
    (
        "POST",
        "/api/v1/orders",
        {
            "store_id": 1,
            "items": [{"variant_id": 1, "quantity": 1}],
            "address": {"lat": 41.39, "lng": 2.16},
            "payment_method": "cash",
        },
        Role.CUSTOMER,
    ),
    (
        "POST",
        "/api/v1/stores/{store}/cart/price",
        {"items": [{"variant_id": 1, "quantity": 1}]},
        None,
    ),
    ("PUT", "/api/v1/stores/{store}/cart/items", {"variant_id": 1, "quantity": 1}, Role.CUSTOMER),
    (
        "POST",
        "/api/v1/stores/{store}/cart/merge",
        {"items": [{"variant_id": 1, "quantity": 1}]},
        Role.CUSTOMER,
    ),
    (
        "POST",
        "/api/v1/stores/{store}/delivery/quote",
        {"address": {"lat": 41.39, "lng": 2.16}},
        None,
    ),
    ("POST", "/api/v1/stores/{store}/products/1/reviews", {"rating": 5}, Role.CUSTOMER),
    ("POST", "/api/v1/orders/1/cancel", {"reason": "x"}, Role.CUSTOMER),
    ("POST", "/api/v1/staff/orders/1/status", {"status": "confirmed"}, Role.DISPATCHER),
    ("POST", "/api/v1/staff/orders/1/assign", {"driver_id": 1}, Role.DISPATCHER),
    ("PUT", "/api/v1/me/date-of-birth", {"date_of_birth": "1990-01-01"}, Role.CUSTOMER),
    (
        "POST",
        "/api/v1/staff/orders/1/id-check",
        {"document_type": "passport", "birth_year": 1990},
        Role.MANAGER,
    ),
    ("POST", "/api/v1/staff/orders/1/refuse-handover", {"reason": "no_id"}, Role.MANAGER),
    (
        "PUT",
        "/api/v1/staff/customers/1/date-of-birth",
        {"date_of_birth": "1990-01-01", "reason": "seen the passport"},
        Role.MANAGER,
    ),
    ("PATCH", "/api/v1/admin/stores/{store}/products/1", {"is_active": True}, Role.MANAGER),
    ("PUT", "/api/v1/admin/stores/{store}/variants/1/price", {"price_cents": 1}, Role.MANAGER),
    ("POST", "/api/v1/admin/stores/{store}/variants/1/stock", {"quantity": 1}, Role.MANAGER),
]


def _ids(param: tuple) -> str:
    return f"{param[0]} {param[1]}"


@pytest.fixture
async def callers(settings: Settings, demo: SeedReport) -> dict[Role | None, dict[str, str]]:
    result: dict[Role | None, dict[str, str]] = {None: {}}
    for role in (Role.CUSTOMER, Role.DISPATCHER, Role.MANAGER):
        stores = () if role is Role.CUSTOMER else (demo.store_id,)
        headers = (await make_person(settings, role, store_ids=stores, adult=True)).headers
        result[role] = {**headers, "Idempotency-Key": f"bad-input-{role.value}"}
    return result


JSON = {"Content-Type": "application/json"}


def assert_named_4xx(status: int, body: dict, field_hint: str | None = None) -> None:
    assert 400 <= status < 500, (status, body)
    error = body["error"]
    assert error["code"] and error["message"]
    if field_hint is not None:
        assert any(field_hint in name for name in error.get("fields", {})), error


@pytest.mark.parametrize("endpoint", WRITE_ENDPOINTS, ids=_ids)
async def test_malformed_json_wrong_types_and_huge_bodies(
    client: TestClient, demo: SeedReport, callers: dict, endpoint: tuple
) -> None:
    method, path, body, role = endpoint
    path = path.format(store=demo.store_id)
    headers = {**callers[role], **JSON}
    response = await client.request(method, path, data=b"{not json", headers=headers)
    assert_named_4xx(response.status, await response.json(), "body")
    response = await client.request(method, path, data=b"[1, 2, 3]", headers=headers)
    assert_named_4xx(response.status, await response.json())
    # Every field of the valid body, given the wrong type, is named in the answer.
    for field in body:
        broken = {**body, field: {"nested": ["wrong", "type"]}}
        response = await client.request(method, path, json=broken, headers=headers)
        assert_named_4xx(response.status, await response.json(), field)
    huge = b'{"x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = await client.request(method, path, data=huge, headers=headers)
    assert response.status == 413
    assert_named_4xx(response.status, await response.json(), "body")


async def test_negative_and_zero_quantities_are_named(
    client: TestClient, demo: SeedReport, callers: dict
) -> None:
    for quantity in (-1, 0, 10**6, 1.5, "two", None):
        response = await client.post(
            "/api/v1/orders",
            headers=callers[Role.CUSTOMER],
            json={
                "store_id": demo.store_id,
                "items": [{"variant_id": 1, "quantity": quantity}],
                "address": {"lat": 41.39, "lng": 2.16},
                "payment_method": "cash",
            },
        )
        assert_named_4xx(response.status, await response.json(), "items.0.quantity")
    response = await client.post(
        "/api/v1/orders",
        headers=callers[Role.CUSTOMER],
        json={
            "store_id": demo.store_id,
            "items": [],
            "address": {"text": " "},
            "payment_method": "gold",
        },
    )
    fields = (await response.json())["error"]["fields"]
    assert {"items", "address", "payment_method"} <= set(fields)


async def test_unknown_ids_are_404_naming_the_id(
    client: TestClient, demo: SeedReport, callers: dict
) -> None:
    customer = callers[Role.CUSTOMER]
    response = await client.post(
        "/api/v1/orders",
        headers=customer,
        json={
            "store_id": demo.store_id,
            "items": [{"variant_id": 999999, "quantity": 1}],
            "address": {"lat": 41.39, "lng": 2.16},
            "payment_method": "cash",
        },
    )
    assert_named_4xx(response.status, await response.json(), "items")
    response = await client.post(
        "/api/v1/orders",
        headers=customer,
        json={
            "store_id": 424242,
            "items": [{"variant_id": 1, "quantity": 1}],
            "address": {"lat": 41.39, "lng": 2.16},
            "payment_method": "cash",
        },
    )
    assert response.status == 404 and "store_id" in (await response.json())["error"]["fields"]
    for path in ("/api/v1/orders/999999", "/api/v1/orders/abc", "/api/v1/orders/0"):
        response = await client.get(path, headers=customer)
        assert_named_4xx(response.status, await response.json(), "order_id")
    response = await client.post(
        "/api/v1/orders",
        headers=customer,
        json={
            "store_id": demo.store_id,
            "items": [{"variant_id": 1, "quantity": 1}],
            "address": {"lat": 41.39, "lng": 2.16},
            "payment_method": "cash",
            "slot_id": 99999,
        },
    )
    assert_named_4xx(response.status, await response.json(), "slot_id")


async def test_bad_query_strings_are_named(client: TestClient, demo: SeedReport) -> None:
    url = f"/api/v1/stores/{demo.store_id}/products"
    for params, field in [
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"sort": "random"}, "sort"),
        ({"price_min": "-5"}, "price_min"),
        ({"category": "abc"}, "category"),
        ({"q": "x" * 500}, "q"),
    ]:
        response = await client.get(url, params=params)
        assert_named_4xx(response.status, await response.json(), field)


async def test_missing_or_bad_idempotency_key_and_auth(
    client: TestClient, demo: SeedReport, callers: dict
) -> None:
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": 1, "quantity": 1}],
        "address": {"lat": 41.39, "lng": 2.16},
        "payment_method": "cash",
    }
    response = await client.post("/api/v1/orders", json=body)
    assert response.status == 401
    response = await client.post(
        "/api/v1/orders",
        json=body,
        headers={**callers[Role.CUSTOMER], "Idempotency-Key": "k" * 300},
    )
    assert_named_4xx(response.status, await response.json(), "Idempotency-Key")
