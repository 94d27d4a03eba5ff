"""A customer's saved addresses through the API: own only, one default, first is default."""

from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Address
from models.enums import Role
from tests.fixtures.people import make_person

URL = "/api/v1/me/addresses"


async def test_saved_addresses_list_add_default_delete_own_only(
    client: TestClient, settings: Settings
) -> None:
    me = await make_person(settings, Role.CUSTOMER)
    other = await make_person(settings, Role.CUSTOMER)
    assert (await client.get(URL)).status == 401
    home = await client.post(
        URL, headers=me.headers, json={"text": "Carrer de Mallorca 1", "details": "3º 2ª"}
    )
    assert home.status == 201
    home_id = (await home.json())["id"]
    assert (await home.json())["is_default"] is True  # the first one
    work = await client.post(
        URL,
        headers=me.headers,
        json={"text": "Gran Via 10", "label": "Work", "lat": 41.39, "lng": 2.16},
    )
    work_id = (await work.json())["id"]
    assert (await work.json())["is_default"] is False
    bad = await client.post(URL, headers=me.headers, json={"text": "  ", "lat": 1})
    assert bad.status == 422 and "text" in (await bad.json())["error"]["fields"]

    # Someone else's id is not found, and changes nothing.
    for response in (
        await client.put(f"{URL}/{home_id}/default", headers=other.headers),
        await client.delete(f"{URL}/{home_id}", headers=other.headers),
    ):
        assert response.status == 404
    assert (await (await client.get(URL, headers=other.headers)).json())["items"] == []

    # Two taps on "make default" at once leave exactly one default.
    await asyncio.gather(
        client.put(f"{URL}/{work_id}/default", headers=me.headers),
        client.put(f"{URL}/{work_id}/default", headers=me.headers),
    )
    listed = (await (await client.get(URL, headers=me.headers)).json())["items"]
    assert [(a["id"], a["is_default"]) for a in listed] == [(work_id, True), (home_id, False)]

    left = await client.delete(f"{URL}/{work_id}", headers=me.headers)
    assert [(a["id"], a["is_default"]) for a in (await left.json())["items"]] == [(home_id, True)]
    assert await Address.filter(user_id=me.user.id, is_default=True).count() == 1
