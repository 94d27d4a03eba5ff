"""Websocket fan-out: with N clients in one store room, the delay from publish to receipt
(p50/p99) and the memory each connection costs.

    python scripts/bench/ws_fanout.py [--clients 5000] [--events 20] [--redis]
                                      [--client-processes 4] [--gap 0.5]

The server runs in a child process and the clients in `--client-processes` more (so no event
loop is shared); they connect over loopback. With --redis the event goes through Redis pub/sub
(REDIS_URL or redis://127.0.0.1:6379/14). It stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]

SERVER = r"""
import asyncio, json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from aiohttp import web
from core.bus import BusMessage
from core.settings import load_settings
from webapp.app import build_app
from webapp.realtime import HUB, REALTIME_CHANNEL
from services.demo import seed_demo

async def main():
    settings = load_settings(database_url=os.environ["BENCH_DB"], redis_url=os.environ.get("BENCH_REDIS") or None,
                             secret_key="bench" * 8, bcrypt_rounds=4, rate_limit_global="1000000/60")
    app = build_app(settings, workers=False)

    async def publish(request):
        body = await request.json()
        ctx = request.app["ctx_ref"]
        await ctx.bus.publish(REALTIME_CHANNEL, BusMessage(id=f"outbox-{body['n']}", type="ORDER_STATUS_CHANGED",
                              payload={"store_id": 1, "order_id": body["n"], "sent": body["sent"]}))
        return web.json_response({})

    async def stats(request):
        rss_kb = int(open("/proc/self/statm").read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        return web.json_response({"rss_kb": rss_kb, "connections": request.app[HUB].connections})

    from api.keys import CTX
    app["ctx_ref"] = app[CTX]
    app.router.add_post("/bench/publish", publish)
    app.router.add_get("/bench/stats", stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", int(sys.argv[2]), backlog=4096).start()
    await seed_demo(password_rounds=4)
    print("ready", flush=True)
    await asyncio.Event().wait()

_, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (_hard, _hard))
asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--redis", action="store_true")
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--gap", type=float, default=0.5)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    port = free_port()
    folder = tempfile.mkdtemp()
    env = {
        **os.environ,
        "BENCH_DB": f"sqlite://{folder}/bench.sqlite3",
        "BENCH_REDIS": (os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14")
        if args.redis
        else "",
    }
    server = subprocess.Popen(  # noqa: ASYNC220 (once, before any client connects)
        [sys.executable, "-c", SERVER, str(ROOT), str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
    )
    try:
        assert server.stdout is not None
        while "ready" not in server.stdout.readline():
            if server.poll() is not None:
                raise SystemExit("the server did not start")
        await run(f"http://127.0.0.1:{port}", args)
    finally:
        server.terminate()
        server.wait(timeout=10)


async def client(base: str, token: str, clients: int, events: int) -> None:
    """One client process: connect `clients` sockets, report "connected", then print the
    delays (seconds) of the first `events` events each socket receives, as JSON."""
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        sockets = []
        for start in range(0, clients, 200):
            batch = [
                http.ws_connect(f"{base}/ws?token={token}", max_msg_size=0)
                for _ in range(min(200, clients - start))
            ]
            sockets += await asyncio.gather(*batch)
        for ws in sockets:
            await ws.receive()  # welcome
        print("connected", flush=True)
        delays: list[float] = []

        async def receive(ws: aiohttp.ClientWebSocketResponse) -> None:
            for _ in range(events):
                message = await ws.receive(timeout=120)
                frame = json.loads(message.data)
                delays.append(time.time() - frame["payload"]["sent"])

        await asyncio.gather(*(receive(ws) for ws in sockets))
        print(json.dumps(delays), flush=True)
        for ws in sockets:
            await ws.close()


async def run(base: str, args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    from core.security import Principal, issue_access_token

    token = issue_access_token(Principal(1, "admin", (1,)), "bench" * 8, 3600)
    async with aiohttp.ClientSession() as http:
        before = await (await http.get(f"{base}/bench/stats")).json()
        share = -(-args.clients // args.client_processes)
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                __file__,
                "--client",
                base,
                token,
                str(min(share, args.clients - i * share)),
                str(args.events),
                stdout=asyncio.subprocess.PIPE,
                limit=2**24,
            )
            for i in range(args.client_processes)
        ]
        for proc in procs:
            assert proc.stdout is not None
            if b"connected" not in await proc.stdout.readline():
                raise SystemExit("a client process could not connect")
        after = await (await http.get(f"{base}/bench/stats")).json()
        for n in range(1, args.events + 1):
            await http.post(f"{base}/bench/publish", json={"n": n, "sent": time.time()})
            await asyncio.sleep(args.gap)  # pacing between events, not a measurement
        delays: list[float] = []
        for proc in procs:
            assert proc.stdout is not None
            delays += json.loads(await proc.stdout.readline())
            await proc.wait()
    delays.sort()
    per_conn = (after["rss_kb"] - before["rss_kb"]) / max(1, after["connections"])
    print(
        f"{after['connections']} clients in one store room ({args.client_processes} client "
        f"processes), {args.events} events {args.gap:g}s apart, "
        f"{'Redis' if args.redis else 'in-process'} bus, one machine"
    )
    print(
        f"publish→receipt delay: p50 {statistics.median(delays) * 1000:.1f} ms, "
        f"p99 {delays[int(len(delays) * 0.99) - 1] * 1000:.1f} ms, max {delays[-1] * 1000:.1f} ms"
    )
    print(f"server memory per connection: {per_conn:.1f} KiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:
        _soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(_hard, 65536), _hard))
        base_url, client_token, n_clients, n_events = sys.argv[2:6]
        asyncio.run(client(base_url, client_token, int(n_clients), int(n_events)))
    else:
        asyncio.run(main())
