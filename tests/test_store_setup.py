"""Setting a pharmacy up through the admin API contract: create-admin, stores, zones, slot
rules (DST included), the catalog as CSV, employees; and who may do each."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
import time as clock
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import InventoryLog, ProductVariant, TimeSlot, User
from models.enums import Role
from services.demo import SeedReport
from services.store_setup import Rule, slot_starts
from tests.fixtures.people import Person, make_person

ROOT = Path(__file__).resolve().parent.parent
MADRID = ZoneInfo("Europe/Madrid")
STORE = {
    "slug": "gracia",
    "name": "Farmacia Gràcia",
    "address": "Carrer Gran de Gràcia 100, Barcelona",
    "lat": 41.4,
    "lng": 2.155,
    "timezone": "Europe/Madrid",
    "currency": "EUR",
    "default_locale": "es",
    "legal_age": 18,
    "opening_hours": {"mon": [["09:00", "21:00"]]},
}
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[2.14, 41.39], [2.17, 41.39], [2.17, 41.41], [2.14, 41.41], [2.14, 41.39]]],
}


@pytest.fixture
async def admin(settings: Settings) -> Person:
    return await make_person(settings, Role.ADMIN)


async def new_store(client: TestClient, admin: Person, **changes: object) -> dict:
    response = await client.post(
        "/api/v1/admin/stores", json={**STORE, **changes}, headers=admin.headers
    )
    assert response.status == 201, await response.text()
    return await response.json()  # type: ignore[no-any-return]


def test_create_admin_reads_the_password_from_stdin_and_resets_it(
    database_url: str, redis_url: str | None, tmp_path: Path
) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "BCRYPT_ROUNDS": "4"}
    env.pop("REDIS_URL", None)

    def run(password: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "webapp.cli", "create-admin", "--email", "Root@Pharm.test"],
            input=password + "\n",
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**env, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )

    first = run("first admin password")
    assert first.returncode == 0, first.stderr
    assert "created" in first.stdout
    again = run("second admin password")
    assert again.returncode == 0 and "password reset" in again.stdout
    weak = run("short")
    assert weak.returncode != 0 and "password" in weak.stderr


async def test_the_new_admin_signs_in_with_the_password_given_last(
    client: TestClient, database_url: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BCRYPT_ROUNDS": "4",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    for password in ("first admin password", "second admin password"):
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "webapp.cli", "create-admin", "--email", "boss@pharm.test"],
            input=password,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    user = await User.get(email="boss@pharm.test")
    assert user.role is Role.ADMIN
    ok = await client.post(
        "/api/v1/auth/login", json={"email": "boss@pharm.test", "password": "second admin password"}
    )
    assert ok.status == 200 and (await ok.json())["user"]["role"] == "admin"
    old = await client.post(
        "/api/v1/auth/login", json={"email": "boss@pharm.test", "password": "first admin password"}
    )
    assert old.status == 401


async def test_an_admin_creates_a_store_and_nobody_else_can(
    client: TestClient, settings: Settings, admin: Person, demo: SeedReport
) -> None:
    created = await new_store(client, admin)
    assert created["id"] and created["timezone"] == "Europe/Madrid"
    public = await (await client.get(f"/api/v1/stores/{created['id']}")).json()
    assert public["name"] == STORE["name"] and public["zones"] == []
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    other = {**STORE, "slug": "other"}
    refused = await client.post("/api/v1/admin/stores", json=other, headers=manager.headers)
    assert refused.status == 403
    twice = await client.post("/api/v1/admin/stores", json=STORE, headers=admin.headers)
    assert twice.status == 409 and (await twice.json())["error"]["fields"] == {"slug": "taken"}
    for bad, field in (
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"lat": 91}, "lat"),
        ({"currency": "euro"}, "currency"),
        ({"opening_hours": {"mon": [["9am", "21:00"]]}}, "opening_hours"),
    ):
        response = await client.post(
            "/api/v1/admin/stores", json={**other, **bad}, headers=admin.headers
        )
        assert response.status == 422
        assert any(k.startswith(field) for k in (await response.json())["error"]["fields"])


async def test_zones_are_validated_and_then_appear_on_the_store(
    client: TestClient, settings: Settings, admin: Person, demo: SeedReport
) -> None:
    store = await new_store(client, admin)
    url = f"/api/v1/admin/stores/{store['id']}/zones"
    zone = {"name": "Gràcia", "polygon": SQUARE, "fee_cents": 299, "min_order_cents": 1500}
    bowtie = [[2.14, 41.39], [2.17, 41.41], [2.17, 41.39], [2.14, 41.41], [2.14, 41.39]]
    swapped = [[lat, lng] for lng, lat in SQUARE["coordinates"][0]]
    for polygon, hint in (
        ({"type": "Polygon", "coordinates": [SQUARE["coordinates"][0][:-1]]}, "closed"),
        ({"type": "Polygon", "coordinates": [bowtie]}, "self-intersecting"),
        ({"type": "Polygon", "coordinates": [swapped]}, "swapped"),
        ({"type": "Polygon", "coordinates": [[[200, 41], [2, 41], [2, 42], [200, 41]]]}, "range"),
        ({"type": "Point", "coordinates": [2, 41]}, "Polygon"),
    ):
        response = await client.post(url, json={**zone, "polygon": polygon}, headers=admin.headers)
        assert response.status == 422, polygon
        assert hint in (await response.json())["error"]["fields"]["polygon"]
    made = await client.post(url, json={**zone, "eta_minutes": 35}, headers=admin.headers)
    assert made.status == 201
    public = await (await client.get(f"/api/v1/stores/{store['id']}")).json()
    assert [z["name"] for z in public["zones"]] == ["Gràcia"]
    quote = await client.post(
        f"/api/v1/stores/{store['id']}/delivery/quote",
        json={"address": {"lat": 41.40, "lng": 2.15}},
    )
    assert quote.status == 200 and (await quote.json())["eta_minutes"] == 35
    # A manager of another store sees no such store.
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    foreign = await client.post(url, json=zone, headers=manager.headers)
    assert foreign.status == 404


async def test_slot_rules_generate_slots_at_once_and_keep_bookings(
    client: TestClient, admin: Person
) -> None:
    store = await new_store(client, admin)
    url = f"/api/v1/admin/stores/{store['id']}/slot-rules"
    rules = [
        {"weekday": d, "start": "10:00", "end": "14:00", "length_minutes": 120, "capacity": 4}
        for d in range(7)
    ]
    response = await client.put(url, json=rules, headers=admin.headers)
    assert response.status == 200, await response.text()
    slots = (await (await client.get(f"/api/v1/stores/{store['id']}/slots")).json())["items"]
    assert len(slots) >= 12  # listed right away (the list shows the coming week)
    made = await TimeSlot.filter(store_id=store["id"]).count()
    assert 26 <= made <= 28  # two a day for 14 days, less what today has passed
    for slot in slots:
        local = datetime.fromisoformat(slot["starts_at"]).astimezone(MADRID)
        assert local.strftime("%H:%M") in ("10:00", "12:00") and slot["capacity"] == 4
    # Three places are booked in one slot; the capacity is then cut to 1.
    booked = await TimeSlot.get(id=slots[-1]["id"])
    await TimeSlot.filter(id=booked.id).update(reserved=3)
    for rule in rules:
        rule["capacity"] = 1
    assert (await client.put(url, json=rules, headers=admin.headers)).status == 200
    await booked.refresh_from_db()
    assert booked.capacity == 3 and booked.is_active  # never below what is booked
    others = await TimeSlot.filter(store_id=store["id"], reserved=0, is_active=True)
    assert others and all(s.capacity == 1 for s in others)
    bad = [{**rules[0], "start": "14:00", "end": "10:00"}]
    response = await client.put(url, json=bad, headers=admin.headers)
    assert response.status == 422 and "0.end" in (await response.json())["error"]["fields"]


def test_slots_across_the_dst_changes_are_real_wall_clock_times() -> None:
    rule = Rule(6, time(1, 0), time(4, 0), 60, 5)
    spring = slot_starts(rule, date(2027, 3, 28), MADRID)  # 02:00 does not exist
    assert [s.astimezone(MADRID).strftime("%H:%M") for s, _ in spring] == ["01:00", "03:00"]
    autumn = slot_starts(rule, date(2026, 10, 25), MADRID)  # 02:00 happens twice
    assert [s.astimezone(MADRID).strftime("%H:%M") for s, _ in autumn] == [
        "01:00",
        "02:00",
        "03:00",
    ]
    assert len({s for s, _ in autumn}) == 3
    assert all((end - start).total_seconds() == 3600 for start, end in autumn)


CSV_HEADER = "sku,product,variant,category,brand,price,stock,age_restricted,description"
GOOD_CSV = "\n".join(
    [
        CSV_HEADER + ",name_ru,tax_rate",
        "IBU-200,Ibuprofeno,200 mg x20,Dolor,Cinfa,3.95,40,no,Para el dolor,Ибупрофен,10",
        "IBU-400,Ibuprofeno,400 mg x20,Dolor,Cinfa,4.95,25,no,Para el dolor,Ибупрофен,10",
        'VINO-1,"Vino tinto, reserva",75 cl,Bebidas,Torres,12.99,6,yes,,,21',
    ]
)


async def post_csv(client: TestClient, person: Person, store_id: int, body: str, query: str = ""):  # type: ignore[no-untyped-def]
    return await client.post(
        f"/api/v1/admin/stores/{store_id}/products/import{query}",
        data=body.encode(),
        headers={**person.headers, "Content-Type": "text/csv"},
    )


async def test_csv_import_is_all_or_nothing_and_reimports_in_place(
    client: TestClient, admin: Person
) -> None:
    store = await new_store(client, admin)
    dry = await post_csv(client, admin, store["id"], GOOD_CSV, "?dry_run=true")
    assert dry.status == 200 and (await dry.json())["created"] == 3
    assert not await ProductVariant.filter(store_id=store["id"]).exists()
    first = await post_csv(client, admin, store["id"], GOOD_CSV)
    assert first.status == 200, await first.text()
    assert await first.json() == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "dry_run": False,
        "errors": [],
    }
    found = await (
        await client.get(f"/api/v1/stores/{store['id']}/products", params={"q": "ibuprofeno"})
    ).json()
    assert len(found["items"]) == 1 and len(found["items"][0]["variants"]) == 2
    again = await post_csv(client, admin, store["id"], GOOD_CSV)
    assert (await again.json())["unchanged"] == 3
    assert await ProductVariant.filter(store_id=store["id"]).count() == 3
    changed = GOOD_CSV.replace("3.95,40", "4.15,38")
    third = await (await post_csv(client, admin, store["id"], changed)).json()
    assert (third["updated"], third["unchanged"]) == (1, 2)
    log = await InventoryLog.filter(store_id=store["id"]).order_by("-id").first()
    assert log is not None and log.delta == -2 and log.resulting_quantity == 38
    bad = "\n".join(
        [
            CSV_HEADER,
            "NEW-1,Paracetamol,1 g,Dolor,Kern,2.50,10,no,",
            "NEW-2,Paracetamol,650 mg,Dolor,Kern,2,5O,no,",
            "NEW-3,,x,Dolor,Kern,-1,3,maybe,",
            "NEW-1,Paracetamol,1 g,Dolor,Kern,2.505,10,no,",
        ]
    )
    refused = await post_csv(client, admin, store["id"], bad)
    assert refused.status == 422
    errors = (await refused.json())["error"]["errors"]
    assert {(e["line"], e["field"]) for e in errors} == {
        (3, "stock"),
        (4, "product"),
        (4, "price"),
        (4, "age_restricted"),
        (5, "sku"),
        (5, "price"),
    }
    assert not await ProductVariant.filter(store_id=store["id"], sku="NEW-1").exists()
    header = await post_csv(client, admin, store["id"], "sku,name\nA,B")
    assert header.status == 422
    assert {e["field"] for e in (await header.json())["error"]["errors"]} >= {"product", "name"}
    wrong_type = await client.post(
        f"/api/v1/admin/stores/{store['id']}/products/import",
        data=GOOD_CSV.encode(),
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert wrong_type.status == 415


async def test_an_export_imported_back_changes_nothing(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    export = await client.get(
        f"/api/v1/admin/stores/{demo.store_id}/products/export", headers=manager.headers
    )
    assert export.status == 200 and export.content_type == "text/csv"
    text = await export.text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == await ProductVariant.filter(store_id=demo.store_id).count()
    back = await post_csv(client, manager, demo.store_id, text)
    body = await back.json()
    assert back.status == 200 and body["created"] == body["updated"] == 0, body
    again = await client.get(
        f"/api/v1/admin/stores/{demo.store_id}/products/export", headers=manager.headers
    )
    assert await again.text() == text
    dispatcher = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    refused = await client.get(
        f"/api/v1/admin/stores/{demo.store_id}/products/export", headers=dispatcher.headers
    )
    assert refused.status == 403


async def test_ten_thousand_rows_import_in_seconds(client: TestClient, admin: Person) -> None:
    store = await new_store(client, admin)
    lines = [CSV_HEADER] + [
        f"SKU-{i:05d},Product {i // 4},Size {i % 4},Category {i % 20},Brand {i % 50},"
        f"{1 + i % 97}.{i % 100:02d},{i % 30},{'yes' if i % 11 == 0 else 'no'},Row {i}"
        for i in range(10_000)
    ]
    started = clock.perf_counter()
    response = await post_csv(client, admin, store["id"], "\n".join(lines))
    elapsed = clock.perf_counter() - started
    assert response.status == 200, (await response.text())[:500]
    assert (await response.json())["created"] == 10_000
    assert await ProductVariant.filter(store_id=store["id"]).count() == 10_000
    print(f"\n10,000-row CSV import: {elapsed:.1f} s")


async def test_an_employee_is_created_with_a_link_code_and_sees_only_that_store(
    client: TestClient, settings: Settings, admin: Person, demo: SeedReport
) -> None:
    store = await new_store(client, admin)
    url = f"/api/v1/admin/stores/{store['id']}/employees"
    body = {
        "email": "dina@pharm.test",
        "name": "Dina",
        "role": "dispatcher",
        "password": "dina's password",
    }
    response = await client.post(url, json=body, headers=admin.headers)
    assert response.status == 201, await response.text()
    made = await response.json()
    assert made["id"] and len(made["link_code"]) >= 8
    tokens = await (
        await client.post(
            "/api/v1/auth/login", json={"email": "dina@pharm.test", "password": "dina's password"}
        )
    ).json()
    assert tokens["user"]["role"] == "dispatcher" and tokens["user"]["stores"] == [store["id"]]
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    own = await client.get(f"/api/v1/staff/stores/{store['id']}/orders", headers=headers)
    other = await client.get(f"/api/v1/staff/stores/{demo.store_id}/orders", headers=headers)
    assert own.status == 200 and other.status in (403, 404)
    customer = await make_person(settings, Role.CUSTOMER, email="cust@pharm.test")
    taken = await client.post(
        url, json={**body, "email": customer.user.email}, headers=admin.headers
    )
    assert taken.status == 409
    await customer.user.refresh_from_db()
    assert customer.user.role is Role.CUSTOMER
    manager = await make_person(settings, Role.MANAGER, store_ids=(store["id"],))
    promote = await client.post(
        url, json={**body, "email": "m2@pharm.test", "role": "manager"}, headers=manager.headers
    )
    assert promote.status == 403
