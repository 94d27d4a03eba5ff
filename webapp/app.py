"""The composition root: build_app(settings) -> the one aiohttp Application.

It hosts the REST API (/api/v1), the admin API (/api/v1/admin), the pages, the websocket
gateway (/ws) and the three bots' webhooks (/webhook/{bot}). Nothing is built at import time.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from aiohttp import web

from api.edge import edge
from api.errors import use_json_protocol_errors
from api.keys import CTX, SETTINGS
from api.protection import response_headers
from api.routes import setup_api
from bot.common.bots import BotSet, build_bot_set
from bot.outbox import register_senders
from bot.webhooks import mount_webhooks
from core.clock import utcnow
from core.context import build_context, running
from core.settings import Settings
from models import OutboxMessage
from models.enums import OutboxStatus
from services import (
    auto_dispatch,
    campaigns,
    client_events,
    crypto_payments,
    prescriptions,
    proof,
)
from services.auth.passwords import purge_expired_registrations
from services.store_setup import generate_all_slots
from webapp.console import setup_console
from webapp.pages import setup_pages
from webapp.realtime import setup_realtime
from webapp.seo import setup_seo

log = logging.getLogger(__name__)

BOTS = web.AppKey("bots", BotSet)
MAX_BODY_BYTES = 1024 * 1024
OUTBOX_RETENTION = timedelta(days=7)


def build_app(settings: Settings, *, workers: bool = True) -> web.Application:
    """The whole platform as one Application. `workers=False` leaves the outbox worker and
    periodic jobs off (tests that drive them by hand)."""
    use_json_protocol_errors()
    ctx = build_context(settings)
    app = web.Application(
        middlewares=[edge(ctx)],
        client_max_size=MAX_BODY_BYTES,
    )
    app.on_response_prepare.append(response_headers(settings))
    app[SETTINGS] = settings
    app[CTX] = ctx
    app.cleanup_ctx.append(_infrastructure)
    if workers:
        app.cleanup_ctx.append(_workers)
    bots = build_bot_set(ctx)
    app[BOTS] = bots
    app.on_cleanup.append(_close_bots)
    mount_webhooks(app, bots, settings, ctx.cache)
    register_senders(ctx, bots)
    setup_api(app)
    setup_realtime(app)
    setup_pages(app)
    setup_seo(app)
    setup_console(app)
    return app


def freeze_heap_after_start(app: web.Application) -> None:
    """For a serving process (`pharmacy serve`, its workers): once the app has started,
    what exists lives as long as the process, so it leaves the garbage collector's view.
    Otherwise every full collection walks the whole startup heap (modules, models, bots):
    about 100 ms with the loop stopped, a p99 spike on a busy API. Tests leave it off."""

    async def freeze(_: web.Application) -> None:
        gc.collect()
        gc.freeze()

    app.on_startup.append(freeze)


async def _infrastructure(app: web.Application) -> AsyncIterator[None]:
    async with running(app[CTX]):
        yield


# At shutdown the outbox worker may finish the delivery round in hand for this long; rows it
# did not reach stay pending for the next process (delivery is at least once).
OUTBOX_FLUSH = 0.5


async def _workers(app: web.Application) -> AsyncIterator[None]:
    ctx = app[CTX]
    worker = asyncio.create_task(ctx.outbox.run(), name="outbox")

    async def purge() -> None:
        await purge_delivered_outbox()
        await purge_expired_registrations()

    await ctx.scheduler.every("outbox-cleanup", ctx.settings.outbox_cleanup_interval, purge)

    async def slots() -> None:
        await generate_all_slots()

    await ctx.scheduler.every("slot-generation", ctx.settings.slot_generation_interval, slots)

    async def dispatch_offers() -> None:
        if await auto_dispatch.expire_due():
            ctx.outbox.wake()

    await ctx.scheduler.every(
        "dispatch-offers", ctx.settings.dispatch_offer_interval, dispatch_offers
    )

    async def payments() -> None:
        if crypto_payments.any_chain(ctx.settings):
            await crypto_payments.monitor_once(ctx)
        await crypto_payments.cancel_expired()

    await ctx.scheduler.every("crypto-payments", ctx.settings.payment_poll_interval, payments)

    async def due_campaigns() -> None:
        if await campaigns.start_due(per_second=ctx.settings.campaign_per_second):
            ctx.outbox.wake()

    await ctx.scheduler.every("campaigns", ctx.settings.campaign_poll_interval, due_campaigns)

    async def prescription_jobs() -> None:
        await prescriptions.run_due_jobs(ctx)

    await ctx.scheduler.every(
        "prescriptions", ctx.settings.prescription_job_interval, prescription_jobs
    )

    async def analytics_retention() -> None:
        await client_events.purge_old_analytics(
            event_days=ctx.settings.client_event_retention_days,
            recording_days=ctx.settings.session_recording_retention_days,
        )

    await ctx.scheduler.every(
        "analytics-retention", ctx.settings.analytics_cleanup_interval, analytics_retention
    )

    async def proof_photo_retention() -> None:
        await proof.purge_old_photos(ctx.settings)

    await ctx.scheduler.every(
        "proof-photo-retention", ctx.settings.proof_photo_cleanup_interval, proof_photo_retention
    )
    yield
    ctx.outbox.stop()
    try:
        await asyncio.wait_for(worker, OUTBOX_FLUSH)
    except TimeoutError:
        log.warning("outbox: stopped mid-round at shutdown; the rest stays pending")


async def purge_delivered_outbox() -> int:
    """Delete delivered outbox messages older than the retention period."""
    cutoff = utcnow() - OUTBOX_RETENTION
    return await OutboxMessage.filter(status=OutboxStatus.DONE, delivered_at__lt=cutoff).delete()


async def _close_bots(app: web.Application) -> None:
    await app[BOTS].close()
