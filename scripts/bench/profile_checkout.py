"""Profile checkout (POST /api/v1/orders) inside the platform process, and count its SQL.

    python scripts/bench/profile_checkout.py [--backend sqlite|postgres] [--seconds 5]
                                             [--connections 32] [--trace]
                                             [--profiler cprofile|pyinstrument|none] [--out FILE]
                                             [--dump STATS]

Seeds a scratch database as `run.py` does, starts the fake Bot API as its own process, serves `build_app` in this process and drives it
with `wrk` (its own process) sending the benchmark's orders. `--trace` first places one order
on its own and prints every SQL statement (and Redis command) it made, the request's and then
the outbox worker's. Under load it counts the statements and Redis commands per order (the
outbox's delivery included), then prints the profile (cProfile: top functions by cumulative
and own time; pyinstrument: the call tree, if installed).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import logging
import pstats
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import run  # noqa: E402  (the benchmark's helpers)
import targets  # noqa: E402


class Tally(logging.Handler):
    """Counts (and, when asked, keeps) the statements Tortoise logs at DEBUG."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.kept: list[str] | None = None
        self.paused = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.paused:
            return
        if "connection pool" in str(record.msg):
            return
        self.count += 1
        if self.kept is None:
            return
        if record.args and isinstance(record.args, tuple) and "%s: %s" in str(record.msg):
            text = str(record.args[0])
        else:
            text = record.getMessage()
        try:
            task = asyncio.current_task()
        except RuntimeError:
            task = None
        who = task.get_name() if task is not None else "?"
        self.kept.append(f"[{who[:12]}] " + " ".join(text.split())[:300])


@contextmanager
def counting_redis(commands: list[str]) -> Iterator[None]:
    """Record every Redis command (a pipeline counts once, as one round trip)."""
    from redis.asyncio.client import Pipeline, Redis

    plain, piped = Redis.execute_command, Pipeline.execute

    async def execute_command(self: Any, *args: Any, **options: Any) -> Any:
        if not isinstance(self, Pipeline):
            commands.append(" ".join(str(a) for a in args[:2]))
        return await plain(self, *args, **options)

    async def execute(self: Any, *args: Any, **options: Any) -> Any:
        commands.append(f"PIPELINE x{len(self.command_stack)}")
        return await piped(self, *args, **options)

    Redis.execute_command = execute_command  # type: ignore[method-assign]
    Pipeline.execute = execute  # type: ignore[method-assign]
    try:
        yield
    finally:
        Redis.execute_command = plain  # type: ignore[method-assign]
        Pipeline.execute = piped  # type: ignore[method-assign]


async def outbox_idle(sql: Tally, within: float = 30.0) -> None:
    """Wait until no outbox message is pending (the worker delivered the orders' rows); the
    look-ups made here are not counted."""
    from models import OutboxMessage
    from models.enums import OutboxStatus

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        sql.paused = True
        try:
            pending = await OutboxMessage.filter(status=OutboxStatus.PENDING).exists()
        finally:
            sql.paused = False
        if not pending:
            return
        await asyncio.sleep(0.05)


async def serve_and_load(
    database_url: str, info: dict[str, Any], args: argparse.Namespace, work: Path
) -> None:
    from aiohttp import ClientSession, web

    from webapp.app import build_app

    app = build_app(targets._settings(database_url))
    statuses: Counter[int] = Counter()

    async def tally(request: web.Request, response: web.StreamResponse) -> None:
        if request.path == "/api/v1/orders":
            statuses[response.status] += 1

    app.on_response_prepare.append(tally)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = run.free_port()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await site.start()
    url = f"http://127.0.0.1:{port}"
    body = json.dumps(
        {
            "store_id": info["store_id"],
            "items": [{"variant_id": info["variant_id"], "quantity": 1}],
            "address": {"text": "Carrer de Mallorca 200", "lat": 41.3925, "lng": 2.16},
            "payment_method": "cash",
        }
    )
    sql = Tally()
    db_log = logging.getLogger("tortoise.db_client")
    db_log.addHandler(sql)
    db_log.setLevel(logging.DEBUG)
    db_log.propagate = False
    redis: list[str] = []

    async def one_order(session: ClientSession, token: str) -> int:
        async with session.post(
            url + "/api/v1/orders",
            data=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": uuid.uuid4().hex,
            },
        ) as response:
            await response.read()
            return response.status

    with counting_redis(redis):
        async with ClientSession() as session:
            for token in info["tokens"][:4]:  # warm: pools, caches, each path once
                await one_order(session, token)
            await outbox_idle(sql)
            if args.trace:
                sql.kept, redis[:] = [], []
                status = await one_order(session, info["tokens"][5])
                request_sql, request_redis = list(sql.kept), list(redis)
                sql.kept[:], redis[:] = [], []
                await outbox_idle(sql)
                await asyncio.sleep(0.2)
                print(f"\n== one order (HTTP {status}): {len(request_sql)} SQL statements ==")
                print("\n".join(f"  {s}" for s in request_sql))
                print(f"== its Redis commands: {len(request_redis)} ==")
                print("\n".join(f"  {c}" for c in request_redis))
                print(f"\n== then the outbox worker: {len(sql.kept)} SQL statements ==")
                print("\n".join(f"  {s}" for s in sql.kept))
                print(f"== its Redis commands: {len(redis)} ==")
                print("\n".join(f"  {c}" for c in redis))
                sql.kept = None

        lua = work / "checkout.lua"
        lua.write_text(run.CHECKOUT_LUA)
        tokens = work / "tokens.txt"
        tokens.write_text("\n".join(info["tokens"]) + "\n")
        env = {
            "BENCH_TOKENS": str(tokens),
            "BENCH_BODY": body,
            "BENCH_RUN": uuid.uuid4().hex[:8],
        }
        binary = run.ensure_wrk()
        profiler: Any = None
        if args.profiler == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(async_mode="disabled", interval=0.0005)
            profiler.start()
        elif args.profiler == "cprofile":
            profiler = cProfile.Profile()
            profiler.enable()
        statuses.clear()
        sql.count, redis[:] = 0, []
        cpu_before, wall_before = time.process_time(), time.monotonic()
        figure = await asyncio.to_thread(
            run.wrk,
            binary,
            url,
            seconds=args.seconds,
            connections=args.connections,
            script=str(lua),
            env=env,
        )
        # The profile covers the load only; the counts wait for the outbox to deliver what the
        # orders queued (their deliveries belong to their cost).
        if args.profiler == "pyinstrument":
            profiler.stop()
        elif args.profiler == "cprofile":
            profiler.disable()
        cpu = time.process_time() - cpu_before
        busy = cpu / (time.monotonic() - wall_before)
        await outbox_idle(sql)
        text = ""
        if args.profiler == "pyinstrument":
            text = profiler.output_text(unicode=False, color=False, show_all=False)
        elif args.profiler == "cprofile":
            if args.dump:
                profiler.dump_stats(args.dump)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(70)
            stats.sort_stats("tottime").print_stats(40)
            text = out.getvalue()
        orders = max(1, statuses[201])
        counts = (
            f"per order (request + outbox): {sql.count / orders:.1f} SQL statements, "
            f"{len(redis) / orders:.1f} Redis round trips; this process's CPU "
            f"{cpu / orders * 1000:.2f} ms per order, busy {busy:.0%} of the time"
        )
    await runner.cleanup()
    summary = (
        f"{figure.rps:.1f} orders/s, p50 {figure.p50_ms:.1f} ms, p99 {figure.p99_ms:.1f} ms, "
        f"{figure.errors} non-2xx; statuses {dict(statuses)}; {counts}"
    )
    if args.out:
        Path(args.out).write_text(summary + "\n" + text)  # noqa: ASYNC240 (once, at the end)
    elif text:
        print(text)
    print(summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--trace", action="store_true", help="print one order's statements")
    parser.add_argument(
        "--profiler", choices=("cprofile", "pyinstrument", "none"), default="cprofile"
    )
    parser.add_argument("--out")
    parser.add_argument("--dump", help="cProfile: also save the raw stats here (pstats)")
    args = parser.parse_args()
    with run.seeded_for_profiling(args.backend, fake_bot=True) as (database_url, info, work):
        asyncio.run(serve_and_load(database_url, info, args, work))


if __name__ == "__main__":
    main()
