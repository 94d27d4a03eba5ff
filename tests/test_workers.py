"""`pharmacy serve --workers N`: N processes on one port that behave as one server."""

from __future__ import annotations

import asyncio
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import aiohttp
import pytest

from core.security import Principal, issue_access_token
from core.settings import load_settings
from tests.fixtures.backend import SECRETS
from tests.multiworker import ROOT, Pinned, Server, free_port, pin_each_worker, serve
from webapp.workers import default_workers, usable_cpus

WORKERS = 2


def test_more_than_one_worker_without_redis_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.endswith("_URL")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "webapp.cli", "serve", "--workers", "2", "--port", str(free_port())],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "--workers 2 needs REDIS_URL" in result.stderr


def test_default_worker_count_is_every_core_in_production_one_in_development() -> None:
    assert default_workers(load_settings()) == 1
    production = load_settings(secret_key="k")
    production.environment = production.environment.PRODUCTION
    assert default_workers(production) == usable_cpus()
    assert 1 <= usable_cpus() <= (os.cpu_count() or 1)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    # Tight auth limit (shared?) and a one-second periodic job (once per tick?).
    with serve(WORKERS, RATE_LIMIT_AUTH="4/60", SLOT_GENERATION_INTERVAL="1") as running:
        yield running


@pytest.fixture
def pins(server: Server) -> Iterator[list[Pinned]]:
    pinned = pin_each_worker(server.port, WORKERS)
    yield pinned
    for pin in pinned:
        pin.close()


def login(pin: Pinned, server: Server, email: str) -> str:
    status, body = pin.request(
        "POST",
        "/api/v1/auth/login",
        {"email": email, "password": server.credentials[email]},
    )
    assert status == 200, body
    return str(body["access_token"])


@pytest.mark.postgres_only
def test_workers_are_separate_processes_under_one_supervisor(
    server: Server, pins: list[Pinned]
) -> None:
    pids = {pin.pid for pin in pins}
    assert len(pids) == WORKERS and server.proc.pid not in pids


@pytest.mark.postgres_only
def test_rate_limits_are_shared_by_the_workers(server: Server, pins: list[Pinned]) -> None:
    statuses = []
    for attempt in range(8):  # alternate workers: 4 each
        pin = pins[attempt % WORKERS]
        status, _ = pin.request(
            "POST", "/api/v1/auth/login", {"email": "customer@demo.test", "password": "wrong"}
        )
        statuses.append(status)
    # RATE_LIMIT_AUTH=4/60 for the whole server, not 4 per worker.
    assert statuses[:4] == [401] * 4 and statuses[4:] == [429] * 4, statuses


@pytest.mark.postgres_only
def test_an_update_delivered_to_both_workers_is_handled_once(pins: list[Pinned]) -> None:
    before = [pin.health()["bots"] for pin in pins]
    update = {
        "update_id": 777001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 555001, "type": "private"},
            "from": {"id": 555001, "is_bot": False, "first_name": "Twice"},
            "text": "/start",
        },
    }
    headers = {"X-Telegram-Bot-Api-Secret-Token": "customer-hook-secret"}
    for pin in pins:  # Telegram retried on the other worker
        status, _ = pin.request("POST", "/webhook/customer", update, headers)
        assert status == 200
    after = [pin.health()["bots"] for pin in pins]

    def delta(key: str) -> int:
        return sum(a.get(key, 0) - b.get(key, 0) for a, b in zip(after, before, strict=True))

    assert delta("updates") == 1
    assert delta("duplicate_updates") == WORKERS - 1


@pytest.mark.postgres_only
def test_a_periodic_job_runs_once_per_tick_across_workers(pins: list[Pinned]) -> None:
    def total() -> int:
        return sum(pin.health()["jobs"].get("slot-generation", 0) for pin in pins)

    started, runs_before = time.time(), total()
    time.sleep(4.5)
    ended, runs_after = time.time(), total()
    ticks = math.floor(ended) - math.floor(started)  # one-second wall-clock ticks begun
    # Each worker on its own would give WORKERS runs per tick.
    assert abs((runs_after - runs_before) - ticks) <= 1, (runs_after - runs_before, ticks)


@pytest.mark.postgres_only
async def test_a_websocket_on_one_worker_gets_an_event_caused_through_the_other(
    server: Server,
) -> None:
    # One connection for the whole session: /healthz then the websocket upgrade on it.
    connector = aiohttp.TCPConnector(limit=1)
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession(base, connector=connector) as session:
        admin_pin = Pinned(server.port)
        token = await asyncio.to_thread(login, admin_pin, server, "admin@demo.test")
        admin_pin.close()
        async with session.get("/healthz") as response:
            ws_pid = (await response.json())["pid"]
        # The kept-alive connection that answered, now back in the pool.
        (pooled,) = [proto for conns in connector._conns.values() for proto, _ in conns]
        local = pooled.transport.get_extra_info("sockname")  # type: ignore[union-attr]
        async with session.ws_connect(f"/ws?token={token}") as ws:
            assert ws.get_extra_info("sockname") == local  # the upgrade reused it
            welcome = await ws.receive_json(timeout=10)
            assert welcome["type"] == "welcome"
            other = await asyncio.to_thread(_pin_other_than, server.port, ws_pid)
            driver = await asyncio.to_thread(login, other, server, "driver1@demo.test")
            status, body = await asyncio.to_thread(
                other.request,
                "POST",
                "/api/v1/driver/shift",
                {"action": "start"},
                {"Authorization": f"Bearer {driver}"},
            )
            assert status == 200, body
            other.close()
            deadline = time.monotonic() + 10
            while True:
                frame = await ws.receive_json(timeout=max(0.1, deadline - time.monotonic()))
                if frame.get("type") == "DRIVER_STATUS_CHANGED":
                    break
            assert frame["room"].startswith("store:")


def _pin_other_than(port: int, pid: int) -> Pinned:
    for _ in range(200):
        pin = Pinned(port)
        if pin.pid != pid:
            return pin
        pin.close()
    raise AssertionError("never reached another worker")


@pytest.mark.postgres_only
def test_a_worker_that_dies_is_replaced(server: Server) -> None:
    pins = pin_each_worker(server.port, WORKERS)
    victim = pins[0].pid
    for pin in pins:
        pin.close()
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 60
    pids: set[int] = set()
    while time.monotonic() < deadline:
        try:
            pins = pin_each_worker(server.port, WORKERS, tries=30)
        except (AssertionError, OSError):
            time.sleep(0.5)
            continue
        pids = {pin.pid for pin in pins}
        for pin in pins:
            pin.close()
        if victim not in pids:
            break
    assert len(pids) == WORKERS and victim not in pids, pids
    assert server.proc.poll() is None  # the supervisor carried on


def _healthz_count(pin: Pinned) -> float:
    from prometheus_client.parser import text_string_to_metric_families

    pin.conn.request("GET", "/metrics")
    text = pin.conn.getresponse().read().decode()
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "pharmacy_http_requests_total"
        and sample.labels == {"route": "/healthz", "method": "GET", "status": "200"}
    )


@pytest.mark.postgres_only
def test_metrics_on_one_worker_count_every_workers_requests(pins: list[Pinned]) -> None:
    before = _healthz_count(pins[0])
    for _ in range(5):
        pins[1].health()
    assert _healthz_count(pins[0]) - before == 5


@pytest.mark.postgres_only
def test_a_price_change_through_one_worker_is_served_by_the_other_without_waiting(
    pins: list[Pinned],
) -> None:
    token = issue_access_token(Principal(1, "admin", (1,)), SECRETS["secret_key"], 600)
    status, page = pins[0].request("GET", "/api/v1/stores/1/products?page=1")
    assert status == 200, page
    product = page["items"][0]
    variant = product["variants"][0]
    path = f"/api/v1/stores/1/products/{product['id']}"
    for pin in pins:  # both workers now hold the page as ready bytes
        status, body = pin.request("GET", path)
        assert status == 200 and body["variants"][0]["price_cents"] == variant["price_cents"]
    new_price = variant["price_cents"] + 111
    status, body = pins[0].request(
        "PUT",
        f"/api/v1/admin/stores/1/variants/{variant['id']}/price",
        {"price_cents": new_price},
        {"Authorization": f"Bearer {token}"},
    )
    assert status == 200, body
    # The other worker hears of the new catalog version over the bus (a few ms; far less
    # than the 30 s its copy would otherwise live, or the 5 s version recheck).
    prices = []
    for _ in range(50):
        status, body = pins[1].request("GET", path)
        prices.append(body["variants"][0]["price_cents"])
        if prices[-1] == new_price:
            break
        time.sleep(0.02)
    assert prices[-1] == new_price, prices
