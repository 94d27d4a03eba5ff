"""Hot paths next to their physical baselines, every party in its own process.

    python scripts/bench/run.py [--rounds 3] [--seconds 5] [--backends postgres,sqlite]
                                [--connections 32] [--bot-connections 8]
                                [--cases catalog,product,checkout,bot]

For each backend (PostgreSQL + Redis, and SQLite without Redis) it seeds a scratch database,
starts the platform (`targets.py product`) and each baseline (`targets.py plain|rawdb|botbase`,
plus a fake Bot API) as separate processes, and drives them with `wrk` (installed with apt-get
when missing). Product and baseline alternate (A, B, A, B ...) for `--rounds` rounds; the
table shows medians of req/s, p50 and p99 latency, and the ratio product/baseline.

Cases: catalog list (warm cache) and product detail vs plain aiohttp serving the same bytes;
checkout (POST /api/v1/orders) vs aiohttp + raw asyncpg/aiosqlite doing the same writes in one
transaction; the customer bot's "add to cart" callback vs a bare aiogram Dispatcher whose one
handler answers the callback through the same fake Bot API. Bot updates are sent over
`--bot-connections` connections, as Telegram does with the webhook's max_connections.
`--cases bot` (any comma-separated subset) measures only those cases and starts only their
baselines.

Needs PostgreSQL at TEST_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test) and
Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/5). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGETS = HERE / "targets.py"
ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")

CHECKOUT_LUA = """
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local body = os.getenv("BENCH_BODY")
local counter, tid = 0, 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) tid = tonumber(wrk.thread:get("tid")) or math.random(1000000) end
function request()
  counter = counter + 1
  local headers = {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(counter + tid) % #tokens + 1],
    ["Idempotency-Key"] = os.getenv("BENCH_RUN") .. "-" .. tid .. "-" .. counter}
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
"""

BOT_LUA = """
local data = os.getenv("BENCH_ADD")
local users = {}
for id in string.gmatch(os.getenv("BENCH_TG_IDS"), "%d+") do users[#users + 1] = id end
local base = tonumber(os.getenv("BENCH_UPDATE_BASE"))
local counter, tid, threads = 0, 0, 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) tid = tonumber(wrk.thread:get("tid")) or 1 end
function request()
  counter = counter + 1
  local n = base + tid * 10000000 + counter
  local user = users[(counter * 7 + tid) % #users + 1]
  local body = '{"update_id":' .. n .. ',"callback_query":{"id":"' .. n ..
    '","chat_instance":"x","data":"' .. data .. '","from":{"id":' .. user ..
    ',"is_bot":false,"first_name":"B","language_code":"en"},"message":{"message_id":1,' ..
    '"date":0,"chat":{"id":' .. user .. ',"type":"private"},"text":"x"}}}'
  return wrk.format("POST", "/webhook/customer", {["Content-Type"] = "application/json",
    ["X-Telegram-Bot-Api-Secret-Token"] = "bench-secret"}, body)
end
"""


CASES = ("catalog", "product", "checkout", "bot")


@dataclass
class Figure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing; installing it with apt-get", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("could not install wrk")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(*args: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    argv = [sys.executable, str(TARGETS), args[0], *args[1:]]
    argv = [a.replace("{port}", str(port)) for a in argv]
    proc = subprocess.Popen(argv, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"{args[0]} did not start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{args[0]} did not listen")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(
    binary: str,
    url: str,
    *,
    seconds: float,
    connections: int,
    script: str | None = None,
    env: dict[str, str] | None = None,
) -> Figure:
    argv = [binary, "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    if script:
        argv += ["-s", script]
    out = subprocess.run(
        [*argv, url], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    if errors and total:
        # Only answered-successfully requests count as throughput.
        good = int(total.group(1)) - errors
        rps = rps * good / max(1, int(total.group(1)))
    return Figure(rps, p50, p99, errors)


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url) as response:  # localhost only
        return response.read(), response.headers.get_content_type()


def settle(url: str, tries: int = 60) -> None:
    """Fetch `url` until one answer takes under 20 ms (the server is idle and the page warm)."""
    for _ in range(tries):
        started = time.perf_counter()
        fetch(url)
        if time.perf_counter() - started < 0.02:
            return
        time.sleep(0.5)


def pg_create(template: str | None = None) -> tuple[str, str]:
    name = f"pharmacy_bench_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    subprocess.run(
        [
            "psql",
            ADMIN.replace("postgres://", "postgresql://", 1),
            "-qc",
            f'CREATE DATABASE "{name}"{copy}',
        ],
        check=True,
    )
    return name, ADMIN.rsplit("/", 1)[0] + "/" + name


def pg_drop(name: str) -> None:
    subprocess.run(
        [
            "psql",
            ADMIN.replace("postgres://", "postgresql://", 1),
            "-qc",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        ],
        check=False,
    )


def seed(database_url: str, seed_file: Path, env: dict[str, str]) -> dict[str, Any]:
    """Seed the scratch database (`targets.py seed`, its own process); its info, also kept
    in `seed_file`."""
    subprocess.run(
        [sys.executable, str(TARGETS), "seed", database_url, str(seed_file)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return json.loads(seed_file.read_text())  # type: ignore[no-any-return]


@contextlib.contextmanager
def seeded_for_profiling(
    backend: str, *, fake_bot: bool
) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """For the in-process profilers: a scratch database seeded as the benchmark seeds it
    (PostgreSQL + Redis, or SQLite), its seed info and a work folder; with `fake_bot` the fake
    Bot API runs as its own process (BENCH_TG). All of it is removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_REDIS": ""}
        dropped = None
        if backend == "postgres":
            dropped, database_url = pg_create()
            env["BENCH_REDIS"] = os.environ["BENCH_REDIS"] = REDIS
        else:
            database_url = f"sqlite://{work}/bench.sqlite3"
        fakebot = None
        try:
            info = seed(database_url, work / "seed.json", env)
            if fake_bot:
                fakebot, tg_url = start("fakebot", "{port}", env=env)
                os.environ["BENCH_TG"] = tg_url
            yield database_url, info, work
        finally:
            if fakebot is not None:
                stop(fakebot)
            if dropped:
                pg_drop(dropped)


def median(figures: list[Figure]) -> Figure:
    return Figure(
        statistics.median(f.rps for f in figures),
        statistics.median(f.p50_ms for f in figures),
        statistics.median(f.p99_ms for f in figures),
        sum(f.errors for f in figures),
    )


def bench_backend(backend: str, args: argparse.Namespace, binary: str, work: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_REDIS": ""}
    dropped = raw_copy = None
    if backend == "postgres":
        dropped, database_url = pg_create()
        env["BENCH_REDIS"] = REDIS
    else:
        database_url = f"sqlite://{work}/bench.sqlite3"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        seed_file = work / f"seed-{backend}.json"
        info = seed(database_url, seed_file, env)
        raw_url = database_url
        if dropped is not None:
            # Its own copy: the product's and the baseline's checkouts overlapping at a round's
            # edges in one database deadlocked each other (they take the store row in
            # different orders), which measured neither.
            raw_copy, raw_url = pg_create(template=dropped)
        if backend == "sqlite":
            # Its own copy: two processes writing one SQLite file would lock each other out.
            shutil.copy(work / "bench.sqlite3", work / "raw.sqlite3")
            raw_url = f"sqlite://{work}/raw.sqlite3"
        fakebot, tg_url = start("fakebot", "{port}", env=env)
        procs.append(fakebot)
        env["BENCH_TG"] = tg_url
        product, product_url = start("product", database_url, "{port}", env=env)
        procs.append(product)
        store, product_id = info["store_id"], info["product_id"]
        paths = {
            "catalog list (warm)": f"/api/v1/stores/{store}/products?page=1",
            "product detail": f"/api/v1/stores/{store}/products/{product_id}",
        }
        table = {}
        for path in paths.values():
            body, content_type = fetch(product_url + path)
            table[path] = (body.hex(), content_type)
        bytes_file = work / f"bytes-{backend}.json"
        bytes_file.write_text(json.dumps(table))
        cases = set(args.cases.split(","))
        if "catalog" not in cases:
            paths.pop("catalog list (warm)")
        if "product" not in cases:
            paths.pop("product detail")
        plain_url = rawdb_url = botbase_url = ""
        if paths:
            plain, plain_url = start("plain", "{port}", str(bytes_file), env=env)
            procs.append(plain)
        if "checkout" in cases:
            rawdb, rawdb_url = start("rawdb", raw_url, "{port}", str(seed_file), env=env)
            procs.append(rawdb)
        if "bot" in cases:
            botbase, botbase_url = start("botbase", "{port}", env=env)
            procs.append(botbase)

        tokens = work / "tokens.txt"
        tokens.write_text("\n".join(info["tokens"]) + "\n")
        checkout_lua = work / "checkout.lua"
        checkout_lua.write_text(CHECKOUT_LUA)
        bot_lua = work / "bot.lua"
        bot_lua.write_text(BOT_LUA)
        order_body = json.dumps(
            {
                "store_id": store,
                "items": [{"variant_id": info["variant_id"], "quantity": 1}],
                "address": {"text": "Carrer de Mallorca 200", "lat": 41.3925, "lng": 2.16},
                "payment_method": "cash",
            }
        )
        checkout_env = {"BENCH_TOKENS": str(tokens), "BENCH_BODY": order_body}
        bot_env = {
            "BENCH_ADD": info["add_data"],
            "BENCH_TG_IDS": ",".join(map(str, info["tg_ids"])),
        }

        for url in (product_url, rawdb_url) if rawdb_url else ():  # one order each: a good one
            request = urllib.request.Request(
                url + "/api/v1/orders",
                data=order_body.encode(),
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {info['tokens'][0]}",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
            )
            try:
                urllib.request.urlopen(request).read()
            except urllib.error.HTTPError as exc:
                raise SystemExit(
                    f"checkout at {url} failed: {exc.code} {exc.read()[:500]!r}"
                ) from None
        results: dict[str, tuple[list[Figure], list[Figure]]] = {}

        def measure(
            case: str, a: tuple[str, dict[str, object]], b: tuple[str, dict[str, object]]
        ) -> None:
            mine, base = results.setdefault(case, ([], []))
            mine.append(wrk(binary, a[0], seconds=args.seconds, **a[1]))  # type: ignore[arg-type]
            base.append(wrk(binary, b[0], seconds=args.seconds, **b[1]))  # type: ignore[arg-type]

        # Warm both (caches, connection pools, the 64 bot users' first update).
        for url in (product_url, plain_url) if paths else ():
            for path in paths.values():
                fetch(url + path)
        update_base = 0
        for round_no in range(args.rounds):
            for case, path in paths.items():
                # "Warm": the previous round's orders changed the stock, hence the catalog
                # version; let the server finish that work and rebuild the page first.
                settle(product_url + path)
                opts: dict[str, object] = {"connections": args.connections}
                measure(case, (product_url + path, opts), (plain_url + path, opts))
            if "checkout" in cases:
                run_id = f"{uuid.uuid4().hex[:6]}{round_no}"
                opts = {
                    "connections": args.connections,
                    "script": str(checkout_lua),
                    "env": {**checkout_env, "BENCH_RUN": run_id},
                }
                measure("checkout", (product_url, opts), (rawdb_url, opts))
            if "bot" not in cases:
                continue
            update_base += 10**9
            product_bot = {
                "connections": args.bot_connections,
                "script": str(bot_lua),
                "env": {**bot_env, "BENCH_UPDATE_BASE": str(update_base)},
            }
            update_base += 10**9
            base_bot = {**product_bot, "env": {**bot_env, "BENCH_UPDATE_BASE": str(update_base)}}
            measure(
                'bot "add to cart" callback', (product_url, product_bot), (botbase_url, base_bot)
            )
        label = "PostgreSQL + Redis" if backend == "postgres" else "SQLite"
        lines = [
            f"\n{label}: {args.rounds} rounds × {args.seconds:g}s, wrk -t2 -c{args.connections} "
            f"(bot: -c{args.bot_connections}), medians\n",
            "| path | product req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for case, (mine_all, base_all) in results.items():
            mine, base = median(mine_all), median(base_all)
            note = f" ({mine.errors} non-2xx)" if mine.errors else ""
            lines.append(
                f"| {case}{note} | {mine.rps:,.0f} | {mine.p50_ms:.1f} | {mine.p99_ms:.1f} | "
                f"{base.rps:,.0f} | {base.p50_ms:.1f} | {base.p99_ms:.1f} | "
                f"{mine.rps / base.rps:.2f} |"
            )
        return lines
    finally:
        for proc in reversed(procs):
            stop(proc)
        for name in (dropped, raw_copy):
            if name:
                pg_drop(name)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--bot-connections", type=int, default=8)
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help="comma-separated subset of: " + ", ".join(CASES),
    )
    args = parser.parse_args()
    unknown = set(args.cases.split(",")) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    binary = ensure_wrk()
    lines = [f"machine: {machine()}"]
    with tempfile.TemporaryDirectory() as folder:
        for backend in args.backends.split(","):
            lines += bench_backend(backend.strip(), args, binary, Path(folder))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
