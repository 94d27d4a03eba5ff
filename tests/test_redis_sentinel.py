"""REDIS_URL=redis+sentinel://...: the app finds the master through Sentinel (a private Redis
and a private Sentinel on free ports, never the shared server)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis as SyncRedis

from core.bus import BusMessage
from core.context import build_context, running
from core.redis_connect import parse_sentinel_url
from core.settings import SettingsError, load_settings
from tests.multiworker import free_port


def test_sentinel_urls_are_parsed_and_bad_ones_name_redis_url() -> None:
    conf = parse_sentinel_url("redis+sentinel://:s3cret@a:26379,b:26380/mymaster/2")
    assert conf.sentinels == [("a", 26379), ("b", 26380)]
    assert (conf.service, conf.db, conf.password) == ("mymaster", 2, "s3cret")
    assert parse_sentinel_url("redis+sentinel://a:26379/m").db == 0
    for bad in ("redis+sentinel://a:26379", "redis+sentinel://a/m", "redis+sentinel://a:1/m/x"):
        with pytest.raises(SettingsError, match="REDIS_URL"):
            load_settings(redis_url=bad)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if SyncRedis(port=port, socket_timeout=1).ping():
                return
        except Exception:
            time.sleep(0.1)
    raise AssertionError(f"nothing answers on {port}")


@pytest.fixture
def sentinel(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    assert server, "redis-server (apt: redis-server) is needed; scripts/setup-test-deps"
    master, sentinel_port = free_port(), free_port()
    conf = tmp_path / "sentinel.conf"
    conf.write_text(
        f"port {sentinel_port}\nbind 127.0.0.1\ndir {tmp_path}\n"
        f"sentinel monitor t19 127.0.0.1 {master} 1\n"
    )
    procs = [
        subprocess.Popen(
            [server, "--port", str(master), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        ),
        subprocess.Popen([server, str(conf), "--sentinel"], stdout=subprocess.DEVNULL),
    ]  # fmt: skip
    try:
        _wait(master)
        _wait(sentinel_port)
        yield f"redis+sentinel://127.0.0.1:{sentinel_port}/t19/0"
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.mark.postgres_only
async def test_the_app_uses_the_master_sentinel_names(make_settings, sentinel: str) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(redis_url=sentinel, deployment_namespace="sentinel-test")
    async with running(build_context(settings)) as ctx:
        assert (await ctx.health())["redis"] == "ok"
        await ctx.cache.set("k", {"v": 1}, 60)
        assert await ctx.cache.get("k") == {"v": 1}
        got: list[BusMessage] = []

        async def on_message(channel: str, message: BusMessage) -> None:
            got.append(message)

        ctx.bus.subscribe("sentinel-test", on_message)
        await asyncio.sleep(0.2)
        await ctx.bus.publish("sentinel-test", BusMessage(type="HELLO"))
        for _ in range(50):
            if got:
                break
            await asyncio.sleep(0.05)
        assert [m.type for m in got] == ["HELLO"]
        assert await ctx.leases.acquire("once", 5) and not await ctx.leases.acquire("once", 5)
