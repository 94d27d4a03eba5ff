"""Profile a catalog read (list or product detail, warm cache) inside the platform process.

    python scripts/bench/profile_catalog.py [--case catalog|product] [--backend sqlite|postgres]
                                            [--seconds 5] [--connections 32]
                                            [--profiler cprofile|pyinstrument|none] [--out FILE]

Seeds a scratch database as `run.py` does, serves `build_app` in this process under the
profiler and drives the same GET as the benchmark with `wrk` (its own process). Prints the
profile (cProfile: top functions by cumulative and by own time; pyinstrument: the call tree,
if installed) and the request count, so the cost per request can be read off the profile.
`--profiler none` measures without a profiler; either way the summary gives the server's CPU
time per request (user + system, so other processes on the machine do not count), and with
`--baseline` the same for plain aiohttp serving the same bytes in this process, measured
right after: their ratio is the benchmark's ratio on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import run  # noqa: E402  (the benchmark's helpers)
import targets  # noqa: E402


async def serve_and_load(
    database_url: str, info: dict[str, object], args: argparse.Namespace
) -> None:
    from aiohttp import web

    from webapp.app import build_app, freeze_heap_after_start

    app = build_app(targets._settings(database_url))
    freeze_heap_after_start(app)  # as `pharmacy serve` does
    statuses: Counter[int] = Counter()

    async def tally(request: web.Request, response: web.StreamResponse) -> None:
        statuses[response.status] += 1

    app.on_response_prepare.append(tally)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = run.free_port()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await site.start()
    store, product_id = info["store_id"], info["product_id"]
    path = {
        "catalog": f"/api/v1/stores/{store}/products?page=1",
        "product": f"/api/v1/stores/{store}/products/{product_id}",
    }[args.case]
    url = f"http://127.0.0.1:{port}{path}"
    binary = run.ensure_wrk()

    def load(seconds: float, target: str = url) -> run.Figure:
        return run.wrk(binary, target, seconds=seconds, connections=args.connections)

    async def cpu_per_request(target: str) -> tuple[run.Figure, float]:
        """wrk against `target`; this process's CPU time per answered request, in us."""
        before, started = time.process_time(), time.monotonic()
        collections, collecting = _gc_totals()
        figure = await asyncio.to_thread(load, args.seconds, target)
        used = time.process_time() - before
        served = figure.rps * (time.monotonic() - started)
        after = _gc_totals()
        print(
            f"{target}: garbage collector {after[1] - collecting:.3f} s in "
            f"{after[0] - collections} collections"
        )
        return figure, used / max(1.0, served) * 1e6

    await asyncio.to_thread(load, 1.0)  # warm up: the cache entry, pools
    statuses.clear()
    profiler: object = None
    if args.profiler == "pyinstrument":
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="disabled", interval=0.0005)
        profiler.start()  # type: ignore[attr-defined]
    elif args.profiler == "cprofile":
        profiler = cProfile.Profile()
        profiler.enable()  # type: ignore[attr-defined]
    figure, cpu_us = await cpu_per_request(url)
    text = ""
    if args.profiler == "pyinstrument":
        profiler.stop()  # type: ignore[attr-defined]
        text = profiler.output_text(unicode=False, color=False, show_all=False)  # type: ignore[attr-defined]
    elif args.profiler == "cprofile":
        profiler.disable()  # type: ignore[attr-defined]
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)  # type: ignore[arg-type]
        if args.dump:
            stats.dump_stats(args.dump)
        stats.sort_stats("cumulative").print_stats(70)
        stats.sort_stats("tottime").print_stats(50)
        text = out.getvalue()
    summary = (
        f"{args.case}: {figure.rps:.1f} req/s, p50 {figure.p50_ms:.1f} ms, "
        f"p99 {figure.p99_ms:.1f} ms, {figure.errors} non-2xx; statuses {dict(statuses)}; "
        f"{cpu_us:.1f} us CPU per request"
    )
    if args.baseline:
        summary += await _baseline(url, path, load, cpu_per_request, cpu_us)
    await runner.cleanup()
    if args.out:
        Path(args.out).write_text(summary + "\n" + text)  # noqa: ASYNC240 (once, at the end)
    else:
        print(text)
    print(summary)


async def _baseline(url: str, path: str, load: Any, cpu_per_request: Any, cpu_us: float) -> str:
    """Plain aiohttp serving the bytes `url` answers, as `targets.py plain` does."""
    from aiohttp import web

    body, content_type = await asyncio.to_thread(run.fetch, url)

    async def serve(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type=content_type)

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = run.free_port()
    await web.TCPSite(runner, "127.0.0.1", port, backlog=4096).start()
    plain = f"http://127.0.0.1:{port}{path}"
    await asyncio.to_thread(load, 1.0, plain)
    figure, plain_us = await cpu_per_request(plain)
    await runner.cleanup()
    return (
        f"\nbaseline: {figure.rps:.1f} req/s, {plain_us:.1f} us CPU per request; "
        f"CPU ratio baseline/product {plain_us / cpu_us:.2f}"
    )


_GC = {"collections": 0, "seconds": 0.0, "started": 0.0}


def _gc_watch(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _GC["started"] = time.perf_counter()
    else:
        _GC["seconds"] += time.perf_counter() - _GC["started"]
        _GC["collections"] += 1


def _gc_totals() -> tuple[int, float]:
    return int(_GC["collections"]), _GC["seconds"]


def main() -> None:
    gc.callbacks.append(_gc_watch)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=("catalog", "product"), default="catalog")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--profiler", choices=("cprofile", "pyinstrument", "none"), default="cprofile"
    )
    parser.add_argument("--baseline", action="store_true", help="measure plain aiohttp too")
    parser.add_argument("--out")
    parser.add_argument("--dump", help="cProfile: also write the raw stats (pstats) here")
    args = parser.parse_args()
    with run.seeded_for_profiling(args.backend, fake_bot=False) as (database_url, info, _):
        asyncio.run(serve_and_load(database_url, info, args))


if __name__ == "__main__":
    main()
