from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from api.keys import CTX
from services.demo import seed_demo
from tests.fixtures.data import make_store


async def test_healthz_reports_database_and_redis(client: TestClient, backend: str) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["database"] == "ok"
    assert body["redis"] == ("ok" if backend == "postgres" else "disabled")


async def test_stores_list_real_data(client: TestClient) -> None:
    report = await seed_demo(password_rounds=4)
    response = await client.get("/api/v1/stores")
    assert response.status == 200
    items = (await response.json())["items"]
    assert [s["id"] for s in items] == [report.store_id]
    assert items[0]["slug"] == "demo"


async def test_store_detail_has_zone_polygons(client: TestClient) -> None:
    report = await seed_demo(password_rounds=4)
    body = await (await client.get(f"/api/v1/stores/{report.store_id}")).json()
    assert {z["name"] for z in body["zones"]} == {"Centre", "Outskirts"}
    polygon = body["zones"][0]["polygon"]
    assert polygon["type"] == "Polygon"
    ring = polygon["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 5


async def test_unknown_or_malformed_store_id_is_a_json_404(client: TestClient) -> None:
    await make_store()
    for path in (
        "/api/v1/stores/999",
        "/api/v1/stores/abc",
        "/api/v1/stores/-1",
        "/api/v1/stores/99999999999999999999",
    ):
        response = await client.get(path)
        assert response.status == 404, path
        error = (await response.json())["error"]
        assert error["code"] == "not_found"
        assert error["fields"] == {"store_id": "unknown id"}


async def test_unknown_api_path_answers_json(client: TestClient) -> None:
    response = await client.get("/api/v1/nothing-here")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"


async def test_admin_api_needs_an_admin(client: TestClient) -> None:
    response = await client.get("/api/v1/admin/stores")
    assert response.status == 401
    response = await client.get("/api/v1/admin/stores", headers={"Authorization": "Bearer junk"})
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "invalid_token"


async def test_index_page_shows_the_store(client: TestClient) -> None:
    await seed_demo(password_rounds=4)
    response = await client.get("/")
    assert response.status == 200
    assert "Demo Pharmacy" in await response.text()


async def test_webhooks_are_mounted_and_check_the_secret(client: TestClient) -> None:
    for bot in ("customer", "dispatcher", "driver"):
        response = await client.post(f"/webhook/{bot}", json={"update_id": 1})
        assert response.status == 403, bot
        response = await client.post(
            f"/webhook/{bot}",
            json={"update_id": 1},
            headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
        )
        assert response.status == 403, bot


async def test_openapi_document_lists_the_routes(client: TestClient) -> None:
    doc = await (await client.get("/api/openapi.json")).json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/stores/{store_id}" in doc["paths"]
    assert "get" in doc["paths"]["/api/v1/stores"]


@pytest.mark.postgres_only
async def test_healthz_reports_redis_going_away_but_stays_ready(client: TestClient) -> None:
    ctx = client.app[CTX]
    real = ctx.redis
    ctx.redis = Redis.from_url("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        response = await client.get("/healthz")
        # The process still serves on its fallbacks: degraded, not taken out of rotation.
        assert response.status == 200
        body = await response.json()
        assert body["status"] == "degraded"
        assert body["database"] == "ok"
        assert body["redis"].startswith("error")
    finally:
        await ctx.redis.aclose()
        ctx.redis = real
