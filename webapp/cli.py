"""The `pharmacy` command: serve, migrate, seed, routes, set-webhooks, poll."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import os
import sys
from collections.abc import Sequence

from aiohttp import web

from core.event_loop import loop_name, new_event_loop
from core.observability import configure_logging
from core.settings import Settings, SettingsError, load_settings

log = logging.getLogger("pharmacy")


SHUTDOWN_GRACE = 1.0  # seconds in-flight requests may take after SIGTERM


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


def _require_schema(settings: Settings) -> None:
    """Before anything starts (jobs, workers, the socket, a command's work): a PostgreSQL
    database that `pharmacy migrate` has not built is refused with one clear line, exit 1."""
    if not settings.uses_postgres:
        return
    import asyncpg

    async def has_schema() -> bool:
        # Connected as the ORM will connect: Tortoise reads the URL's options (a PgBouncer
        # URL's statement_cache_size=0) that asyncpg's own URL parser would send to the
        # server as settings, which refuses them.
        from tortoise.backends.base.config_generator import expand_db_url

        accepted = inspect.signature(asyncpg.connect).parameters
        credentials = expand_db_url(settings.database_url)["credentials"]
        conn = await asyncpg.connect(**{k: v for k, v in credentials.items() if k in accepted})
        try:
            return await conn.fetchval("SELECT to_regclass('public.stores')") is not None
        finally:
            await conn.close()

    try:
        ready = asyncio.run(has_schema())
    except (OSError, asyncpg.PostgresError) as exc:  # the URL holds a password: not printed
        raise SystemExit(
            f"pharmacy: cannot reach the database ({type(exc).__name__}): start PostgreSQL "
            "or correct DATABASE_URL"
        ) from None
    if not ready:
        raise SystemExit("pharmacy: the database has no schema yet: run `pharmacy migrate` first")


def cmd_serve(args: argparse.Namespace) -> None:
    from webapp.app import build_app, freeze_heap_after_start

    settings = _settings()
    _require_schema(settings)
    if _serve_workers(args, settings):
        return
    app = build_app(settings)

    async def first_start(app: web.Application) -> None:
        if settings.is_production:
            return
        from models import Store
        from services.demo import seed_demo

        if not await Store.exists():
            _print_credentials(
                await seed_demo(settings.bcrypt_rounds, media_dir=settings.media_path())
            )

    app.on_startup.append(first_start)
    freeze_heap_after_start(app)  # last: after the first start's work
    url = f"http://{args.host}:{args.port}"
    backend = "PostgreSQL" if settings.uses_postgres else "SQLite"
    bus = "Redis" if settings.redis_url else "in-process"

    loop = new_event_loop(settings)

    def announce(_: str) -> None:  # run_app calls this once the socket is listening
        log.info(
            "serving Pharmacy Delivery on %s (database: %s, bus/cache: %s, event loop: %s)",
            url,
            backend,
            bus,
            loop_name(loop),
        )

    # SIGTERM: websockets are told "going away" at once, in-flight requests get a short
    # grace, the outbox worker finishes its round: a rolling restart takes under 2 seconds.
    web.run_app(
        app,
        host=args.host,
        port=args.port,
        print=announce,
        access_log=None,
        shutdown_timeout=SHUTDOWN_GRACE,
        reuse_port=args.reuse_port or None,
        loop=loop,
    )


def _serve_workers(args: argparse.Namespace, settings: Settings) -> bool:
    """Hand `serve --workers N` (N > 1) to the supervisor; True when it ran."""
    from webapp.workers import check_workers, default_workers, serve_workers

    workers = args.workers if args.workers is not None else default_workers(settings)
    check_workers(settings, workers)
    if workers == 1:
        return False
    serve_workers(settings, args.host, args.port, workers)
    return True


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
    _require_schema(settings)

    async def run() -> None:
        from core.db import close_db, init_db
        from services.demo import seed_demo

        await init_db(settings)
        try:
            report = await seed_demo(settings.bcrypt_rounds, media_dir=settings.media_path())
            _print_credentials(report)
            if args.show_credentials and not report.created:
                if settings.is_production:
                    raise SystemExit("pharmacy: --show-credentials is for development only")
                from services.demo import reset_demo_credentials

                print("demo sign-ins (email / role / password), new passwords:")
                for email, role, password in await reset_demo_credentials(settings.bcrypt_rounds):
                    print(f"  {email:24} {role:11} {password}")
        finally:
            await close_db()

    asyncio.run(run())


def _read_password() -> str:
    """From standard input when it is not a terminal, else asked twice without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise SystemExit("the passwords differ")
    return first


def cmd_create_admin(args: argparse.Namespace) -> None:
    settings = _settings()
    _require_schema(settings)
    password = _read_password()

    async def run() -> None:
        from core.db import close_db, init_db
        from core.errors import DomainError
        from services.employees import create_or_reset_admin

        await init_db(settings)
        try:
            created = await create_or_reset_admin(
                args.email, password, bcrypt_rounds=settings.bcrypt_rounds
            )
        except DomainError as exc:
            fields = ", ".join(exc.fields or {})
            raise SystemExit(f"create-admin: {exc.message} ({fields})") from None
        finally:
            await close_db()
        print(f"admin {args.email}: {'created' if created else 'password reset'}")

    asyncio.run(run())


def cmd_check_ledger(args: argparse.Namespace) -> None:
    """Exit 0 when every wallet balance equals the sum of its transactions, else list them."""
    settings = _settings()
    _require_schema(settings)

    async def run() -> int:
        from core.db import close_db, init_db
        from services.loyalty import check_ledger

        await init_db(settings)
        try:
            problems = await check_ledger()
        finally:
            await close_db()
        for p in problems:
            print(
                f"wallet {p.wallet_id}: balance {p.balance_cents}, transactions sum to "
                f"{p.transactions_sum_cents}, last balance_after {p.last_balance_after_cents}"
            )
        print("ledger: ok" if not problems else f"ledger: {len(problems)} wallet(s) disagree")
        return 1 if problems else 0

    raise SystemExit(asyncio.run(run()))


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


MINI_APPS = {"customer": "/app/shop", "dispatcher": "/app/dispatch", "driver": "/app/driver"}
MINI_APP_TITLES = {"customer": "Shop", "dispatcher": "Dispatch", "driver": "Deliveries"}


def cmd_set_webhooks(args: argparse.Namespace) -> None:
    """Register the three webhooks with Telegram at PUBLIC_BASE_URL/webhook/{bot}."""
    from aiogram.types import MenuButtonWebApp, WebAppInfo

    from bot.common.bots import build_bot_set
    from bot.webhooks import webhook_path
    from core.context import build_context
    from core.settings import BOT_NAMES, is_dev_bot_token

    settings = _settings()
    base = settings.public_base_url.rstrip("/")
    if not base.startswith("https://"):
        print(
            f"pharmacy: Telegram only calls HTTPS webhooks; PUBLIC_BASE_URL is {base}",
            file=sys.stderr,
        )

    async def run() -> int:
        bots = build_bot_set(build_context(settings))
        failures = 0
        try:
            for name in BOT_NAMES:
                bot = bots.bots[name]
                if is_dev_bot_token(bot.token):
                    print(f"{name}: skipped (no {name.upper()}_BOT_TOKEN set)")
                    continue
                url = base + webhook_path(name)
                try:
                    await bot.set_webhook(
                        url=url,
                        secret_token=settings.webhook_secret(name),
                        allowed_updates=bots.dispatchers[name].resolve_used_update_types(),
                        max_connections=settings.webhook_max_in_flight,
                    )
                    print(f"{name}: webhook set to {url}")
                    if base.startswith("https://"):
                        # The chat's menu button opens this bot's Mini App.
                        await bot.set_chat_menu_button(
                            menu_button=MenuButtonWebApp(
                                text=MINI_APP_TITLES[name],
                                web_app=WebAppInfo(url=base + MINI_APPS[name]),
                            )
                        )
                except Exception as exc:
                    failures += 1
                    print(f"{name}: failed: {exc}", file=sys.stderr)
        finally:
            await bots.close()
        return failures

    raise SystemExit(1 if asyncio.run(run()) else 0)


def cmd_poll(args: argparse.Namespace) -> None:
    """Run one bot in long-poll mode (local development without a public URL)."""
    from bot.common.bots import build_bot_set
    from bot.outbox import register_senders
    from core.context import build_context, running

    settings = _settings()

    async def run() -> None:
        ctx = build_context(settings)
        async with running(ctx):
            bots = build_bot_set(ctx)
            register_senders(ctx, bots)
            await ctx.scheduler.spawn(ctx.outbox.run(), name="outbox")
            bot, dispatcher = bots.bots[args.bot], bots.dispatchers[args.bot]
            try:
                await bot.delete_webhook(drop_pending_updates=False)
                log.info("polling the %s bot; Ctrl+C stops", args.bot)
                await dispatcher.start_polling(bot, handle_signals=True)
            finally:
                await bots.close()

    asyncio.run(run())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharmacy",
        description="Pharmacy Delivery: bots, mini apps, storefront API and admin in one process.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web server (API, pages, websocket, webhooks)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="server processes on the port (default: cores in production, 1 in development; "
        "more than 1 needs REDIS_URL)",
    )
    # Set by the supervisor on each worker: the port is shared with SO_REUSEPORT.
    serve.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    seed = sub.add_parser("seed", help="create the demo store (idempotent)")
    seed.add_argument(
        "--show-credentials",
        action="store_true",
        help="print the demo sign-ins again (they are stored hashed: this sets new passwords "
        "and signs the demo accounts out; development only)",
    )
    seed.set_defaults(func=cmd_seed)
    admin = sub.add_parser(
        "create-admin",
        help="create an admin or reset their password (read from standard input, or asked)",
    )
    admin.add_argument("--email", required=True)
    admin.set_defaults(func=cmd_create_admin)
    sub.add_parser(
        "check-ledger", help="prove every wallet balance equals the sum of its transactions"
    ).set_defaults(func=cmd_check_ledger)
    sub.add_parser("routes", help="print the route table").set_defaults(func=cmd_routes)
    sub.add_parser(
        "set-webhooks", help="register the three bots' webhooks at PUBLIC_BASE_URL"
    ).set_defaults(func=cmd_set_webhooks)
    poll = sub.add_parser("poll", help="run one bot in long-poll mode (local development)")
    poll.add_argument("bot", choices=["customer", "dispatcher", "driver"])
    poll.set_defaults(func=cmd_poll)
    from webapp.ops_cli import add_ops_commands

    add_ops_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    # Read before the settings are: a settings error is itself logged in the chosen format.
    configure_logging(os.environ.get("LOG_FORMAT", "text").lower())
    args.func(args)


if __name__ == "__main__":
    main()
