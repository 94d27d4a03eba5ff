from __future__ import annotations

from aiohttp.test_utils import TestClient

from core.settings import load_settings
from models import TimeSlot
from models.enums import TransportType
from services.delivery import eta_minutes, haversine_km, point_in_polygon
from services.demo import SeedReport
from tests.fixtures.fakes import FakeGeocoder

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}


def test_point_in_polygon_respects_holes_and_multipolygons() -> None:
    assert point_in_polygon(1, 1, SQUARE)  # (lat, lng)
    assert not point_in_polygon(5, 5, SQUARE)  # in the hole
    assert not point_in_polygon(11, 1, SQUARE)
    multi = {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"], [[[20, 20], [30, 20], [30, 30], [20, 20]]]],
    }
    assert point_in_polygon(21, 25, multi)
    assert not point_in_polygon(1, 1, {"type": "Point", "coordinates": [1, 1]})


def test_haversine_and_eta_by_transport() -> None:
    # Barcelona to Madrid is about 505 km as the crow flies.
    assert 500 < haversine_km(41.3874, 2.1686, 40.4168, -3.7038) < 510
    settings = load_settings(secret_key="x")
    foot, bike, car = (eta_minutes(2.0, t, settings) for t in TransportType)
    assert foot > bike > car > settings.eta_base_minutes


async def test_quote_geocodes_once_and_finds_the_zone(
    shop: TestClient, demo: SeedReport, geocoder: FakeGeocoder
) -> None:
    url = f"/api/v1/stores/{demo.store_id}/delivery/quote"
    for _ in range(2):
        response = await shop.post(url, json={"address": {"text": "Carrer de Mallorca 200"}})
        assert response.status == 200
        body = await response.json()
        assert body["zone_name"] == "Centre" and body["fee_cents"] == 299
    assert len(geocoder.calls) == 1  # the second answer came from the cache
    by_bike = await (
        await shop.post(url, json={"address": {"lat": 41.44, "lng": 2.2}, "transport": "foot"})
    ).json()
    assert by_bike["zone_name"] == "Outskirts" and by_bike["fee_cents"] == 599


async def test_a_shared_location_is_named_by_reverse_geocoding(
    shop: TestClient, demo: SeedReport, geocoder: FakeGeocoder
) -> None:
    url = f"/api/v1/stores/{demo.store_id}/delivery/quote"
    for _ in range(2):
        body = await (
            await shop.post(url, json={"address": {"lat": 41.3926, "lng": 2.1601}})
        ).json()
        assert body["address_text"] == "Carrer de Mallorca 200, Barcelona"
    assert len(geocoder.calls) == 1  # cached
    # A point the geocoder cannot name, or a geocoder that is down: coordinates, not an error.
    unknown = await (await shop.post(url, json={"address": {"lat": 41.40, "lng": 2.17}})).json()
    assert unknown["address_text"] == "41.400000, 2.170000"
    geocoder.fail_with = 500
    down = await shop.post(url, json={"address": {"lat": 41.395, "lng": 2.175}})
    assert down.status == 200
    assert (await down.json())["address_text"] == "41.395000, 2.175000"


async def test_outside_every_zone_is_zone_unavailable(
    shop: TestClient, demo: SeedReport, geocoder: FakeGeocoder
) -> None:
    url = f"/api/v1/stores/{demo.store_id}/delivery/quote"
    response = await shop.post(url, json={"address": {"text": "Far Away Street 1"}})
    assert response.status == 422
    assert (await response.json())["error"]["code"] == "zone_unavailable"
    response = await shop.post(url, json={"address": {"text": "Nowhere Known"}})
    assert (await response.json())["error"]["code"] == "address_not_found"
    geocoder.fail_with = 500
    response = await shop.post(url, json={"address": {"text": "Somewhere New"}})
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "geocoder_unavailable"


async def test_slots_show_remaining_capacity_and_hide_full_ones(
    client: TestClient, demo: SeedReport
) -> None:
    body = await (await client.get(f"/api/v1/stores/{demo.store_id}/slots")).json()
    assert body["timezone"] == "Europe/Madrid" and len(body["items"]) >= 6
    first = body["items"][0]
    await TimeSlot.filter(id=first["id"]).update(reserved=first["capacity"] - 1)
    body = await (await client.get(f"/api/v1/stores/{demo.store_id}/slots")).json()
    assert body["items"][0]["remaining"] == 1
    await TimeSlot.filter(id=first["id"]).update(reserved=first["capacity"])
    body = await (await client.get(f"/api/v1/stores/{demo.store_id}/slots")).json()
    assert first["id"] not in [s["id"] for s in body["items"]]
