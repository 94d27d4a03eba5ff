"""Campaign broadcast: N messages through the outbox and the customer bot's campaign sender,
against a local fake Bot API that enforces Telegram's limits (429 with retry_after past 30
sends a second per bot or 1 a second per chat). Prints the duration, the rate and the number
of 429s, which must be 0: the broadcast paces itself.

    python scripts/bench/broadcast.py [--messages 10000] [--postgres]

With the default CAMPAIGN_PER_SECOND (25) 10,000 messages take about 400 s. Only localhost
is contacted; it stops by itself and exits non-zero when a 429 was answered or a message was
not sent.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import asyncpg

ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--per-second", type=int, default=25, help="CAMPAIGN_PER_SECOND")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if not args.postgres:
        with tempfile.TemporaryDirectory() as folder:
            return await run(f"sqlite://{folder}/bench.sqlite3", args)
    name = f"pharmacy_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        from core.migrations import apply_migrations

        url = ADMIN.rsplit("/", 1)[0] + "/" + name
        await apply_migrations(url)
        return await run(url, args)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(database_url: str, args: argparse.Namespace) -> int:
    from aiohttp.test_utils import TestServer

    from api.keys import CTX
    from core.security import Principal
    from core.settings import load_settings
    from models import Campaign, Store, User, Wallet
    from models.enums import CampaignStatus, Role
    from services import campaigns
    from services.demo import seed_demo
    from tests.fakes.telegram import start_fake_telegram
    from webapp.app import build_app

    fake, fake_runner = await start_fake_telegram()
    fake.enforce_limits = True
    settings = load_settings(
        database_url=database_url,
        secret_key="bench" * 8,
        bcrypt_rounds=4,
        telegram_api_url=fake.url,
        customer_bot_token="42:BENCH-customer",
        campaign_per_second=args.per_second,
    )
    app = build_app(settings, workers=False)
    server = TestServer(app)
    await server.start_server()  # runs the app's start-up: database, bots, outbox handlers
    ctx = app[CTX]
    try:
        await seed_demo(password_rounds=4)
        store = await Store.all().order_by("id").first()
        assert store is not None
        await User.bulk_create(
            [
                User(
                    role=Role.CUSTOMER,
                    tg_id=5_000_000 + i,
                    name=f"Reader {i}",
                    referral_code=f"B{i:09d}",
                )
                for i in range(args.messages)
            ],
            batch_size=1000,
        )
        readers = await User.filter(tg_id__gte=5_000_000).values_list("id", flat=True)
        await Wallet.bulk_create(
            [Wallet(user_id=uid, store_id=store.id) for uid in readers], batch_size=1000
        )
        admin = await User.filter(role=Role.ADMIN).order_by("id").first()
        assert admin is not None
        manager = Principal(admin.id, Role.ADMIN.value)
        campaign = await campaigns.create_campaign(
            manager,
            store,
            {"name": "Bench", "text": "News from the pharmacy", "segment": "all"},
            public_base_url=settings.public_base_url,
        )
        worker = asyncio.create_task(ctx.outbox.run())
        start = time.perf_counter()
        await campaigns.start_due(per_second=settings.campaign_per_second)
        while True:
            await asyncio.sleep(1.0)
            found = await Campaign.get(id=campaign.id)
            progress = campaigns.progress(found)
            print(
                f"\r{time.perf_counter() - start:6.1f} s  sent {progress.sent:6d} / "
                f"{progress.recipients}  429s {fake.flood_429s}",
                end="",
                flush=True,
            )
            if found.status == CampaignStatus.SENT:
                break
        seconds = time.perf_counter() - start
        ctx.outbox.stop()
        await asyncio.wait_for(worker, 5)
    finally:
        await server.close()
        await fake_runner.cleanup()
    backend = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print()
    print(f"{progress.recipients} campaign messages, {backend}, one machine, one run")
    print(
        f"duration {seconds:.1f} s   rate {progress.sent / seconds:.1f}/s   "
        f"sent {progress.sent}   failed {progress.failed}   429s from the Bot API {fake.flood_429s}"
    )
    return 0 if fake.flood_429s == 0 and progress.sent == args.messages else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
