"""Profile the customer bot's "add to cart" webhook path inside the platform process.

    python scripts/bench/profile_bot.py [--backend sqlite|postgres] [--seconds 5]
                                        [--profiler cprofile|pyinstrument] [--out FILE]

Seeds a scratch database as `run.py` does, starts the fake Bot API as its own process, serves
`build_app` in this process under the profiler, and drives it with `wrk` (its own process)
sending the same "add to cart" callback updates as the benchmark. Prints the profile (cProfile:
top functions by cumulative and by own time; pyinstrument: the call tree, if installed).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import run  # noqa: E402  (the benchmark's helpers)
import targets  # noqa: E402


async def serve_and_load(
    database_url: str, info: dict[str, object], args: argparse.Namespace, work: Path
) -> None:
    from aiohttp import web

    from bot.webhooks import WEBHOOKS
    from webapp.app import build_app

    app = build_app(targets._settings(database_url))
    statuses: Counter[int] = Counter()

    async def tally(request: web.Request, response: web.StreamResponse) -> None:
        statuses[response.status] += 1

    app.on_response_prepare.append(tally)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = run.free_port()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await site.start()
    lua = work / "bot.lua"
    lua.write_text(run.BOT_LUA)
    env = {
        "BENCH_ADD": str(info["add_data"]),
        "BENCH_TG_IDS": ",".join(map(str, info["tg_ids"])),  # type: ignore[call-overload]
    }
    binary = run.ensure_wrk()

    def load(seconds: float, base: int) -> run.Figure:
        return run.wrk(
            binary,
            f"http://127.0.0.1:{port}",
            seconds=seconds,
            connections=args.connections,
            script=str(lua),
            env={**env, "BENCH_UPDATE_BASE": str(base)},
        )

    await asyncio.to_thread(load, 1.0, 10**9)  # warm up: pools, first queries
    # wrk leaves its last updates running; let them end so they do not hold webhook slots.
    await app[WEBHOOKS]["customer"].drain()
    profiler: object
    if args.profiler == "pyinstrument":
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="disabled", interval=0.0005)
        profiler.start()
    else:
        profiler = cProfile.Profile()
        profiler.enable()
    figure = await asyncio.to_thread(load, args.seconds, 2 * 10**9)
    if args.profiler == "pyinstrument":
        profiler.stop()  # type: ignore[attr-defined]
        text = profiler.output_text(unicode=False, color=False, show_all=False)  # type: ignore[attr-defined]
    else:
        profiler.disable()  # type: ignore[attr-defined]
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)  # type: ignore[arg-type]
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        text = out.getvalue()
    await runner.cleanup()
    summary = f"{figure.rps:.1f} updates/s, p50 {figure.p50_ms:.1f} ms, p99 {figure.p99_ms:.1f} ms, {figure.errors} non-2xx"
    summary += f"; statuses {dict(statuses)}"
    if args.out:
        Path(args.out).write_text(summary + "\n" + text)  # noqa: ASYNC240 (once, at the end)
    else:
        print(text)
    print(summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--profiler", choices=("cprofile", "pyinstrument"), default="cprofile")
    parser.add_argument("--out")
    args = parser.parse_args()
    with run.seeded_for_profiling(args.backend, fake_bot=True) as (database_url, info, work):
        asyncio.run(serve_and_load(database_url, info, args, work))


if __name__ == "__main__":
    main()
