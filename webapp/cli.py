"""The `pharmacy` command: serve, migrate, seed, routes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from aiohttp import web

from core.settings import Settings, SettingsError, load_settings

log = logging.getLogger("pharmacy")


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"pharmacy: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _print_credentials(report: object) -> None:
    from services.demo import SeedReport

    assert isinstance(report, SeedReport)
    if not report.created:
        print(
            f"demo store already present (store id {report.store_id}, {report.products} products)"
        )
        return
    print(f"demo store created (store id {report.store_id}, {report.products} products)")
    print("demo sign-ins (email / role / password), shown once:")
    for email, role, password in report.credentials:
        print(f"  {email:24} {role:11} {password}")


async def _ensure_schema(settings: Settings) -> None:
    """Refuse to serve PostgreSQL before `pharmacy migrate` has built its schema."""
    if not settings.uses_postgres:
        return
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict(
        "SELECT to_regclass('public.stores') AS t"
    )
    if not rows or rows[0]["t"] is None:
        raise SystemExit("pharmacy: the database has no schema yet: run `pharmacy migrate` first")


def cmd_serve(args: argparse.Namespace) -> None:
    from webapp.app import build_app

    settings = _settings()
    app = build_app(settings)

    async def first_start(app: web.Application) -> None:
        await _ensure_schema(settings)
        if settings.is_production:
            return
        from models import Store
        from services.demo import seed_demo

        if not await Store.exists():
            _print_credentials(await seed_demo(settings.bcrypt_rounds))

    app.on_startup.append(first_start)
    url = f"http://{args.host}:{args.port}"
    backend = "PostgreSQL" if settings.uses_postgres else "SQLite"
    bus = "Redis" if settings.redis_url else "in-process"

    def announce(_: str) -> None:  # run_app calls this once the socket is listening
        log.info("serving Pharmacy Delivery on %s (database: %s, bus/cache: %s)", url, backend, bus)

    web.run_app(app, host=args.host, port=args.port, print=announce, access_log=None)


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = _settings()

    async def run() -> None:
        if settings.uses_postgres:
            from core.migrations import apply_migrations

            applied = await apply_migrations(settings.database_url)
            print(
                f"applied {len(applied)} migration(s)"
                + (": " + ", ".join(applied) if applied else "")
            )
        else:
            from core.db import close_db, init_db

            await init_db(settings)
            await close_db()
            print(f"SQLite schema is up to date at {settings.sqlite_path() or ':memory:'}")

    asyncio.run(run())


def cmd_seed(args: argparse.Namespace) -> None:
    settings = _settings()

    async def run() -> None:
        from core.db import close_db, init_db
        from services.demo import seed_demo

        await init_db(settings)
        try:
            await _ensure_schema(settings)
            _print_credentials(await seed_demo(settings.bcrypt_rounds))
        finally:
            await close_db()

    asyncio.run(run())


def cmd_routes(args: argparse.Namespace) -> None:
    from webapp.app import build_app

    app = build_app(_settings(), workers=False)
    for route in app.router.routes():
        if route.method == "HEAD":
            continue
        info = route.get_info()
        path = info.get("formatter") or info.get("path") or info.get("prefix") or ""
        handler = getattr(route.handler, "__qualname__", type(route.handler).__name__)
        module = getattr(route.handler, "__module__", "")
        print(f"{route.method:7} {path:45} {module}.{handler}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharmacy",
        description="Pharmacy Delivery: bots, mini apps, storefront API and admin in one process.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web server (API, pages, websocket, webhooks)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("seed", help="create the demo store (idempotent)").set_defaults(func=cmd_seed)
    sub.add_parser("routes", help="print the route table").set_defaults(func=cmd_routes)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args.func(args)


if __name__ == "__main__":
    main()
