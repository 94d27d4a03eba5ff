"""What the bots consume from the outbox: one handler per channel, registered at start."""

from __future__ import annotations

from functools import partial

from bot.common import alerts
from bot.common.bots import BotSet
from bot.common.pushover import PUSHOVER_CHANNEL, PushoverClient
from bot.common.sender import TELEGRAM_CHANNEL, TelegramSender
from bot.customer import notify as customer_notify
from bot.customer.news import CampaignSender
from bot.dispatcher import notify as dispatcher_notify
from bot.driver import notify as driver_notify
from core.context import AppContext
from services.campaigns import CAMPAIGN_CHANNEL
from services.events import ALERTS, NOTIFY_CUSTOMER, NOTIFY_DISPATCHER, NOTIFY_DRIVER


def register_senders(ctx: AppContext, bots: BotSet) -> None:
    outbox = ctx.outbox
    outbox.register(NOTIFY_CUSTOMER, partial(customer_notify.on_event, settings=ctx.settings))
    outbox.register(NOTIFY_DISPATCHER, dispatcher_notify.on_event)
    outbox.register(NOTIFY_DRIVER, driver_notify.on_event)
    outbox.register(ALERTS, alerts.on_event)
    telegram = TelegramSender(ctx, bots.bots)
    outbox.register(TELEGRAM_CHANNEL, telegram.deliver)
    campaigns = CampaignSender(telegram, per_second=ctx.settings.campaign_per_second)
    outbox.register(CAMPAIGN_CHANNEL, campaigns.deliver)
    outbox.register(PUSHOVER_CHANNEL, PushoverClient(ctx).deliver)
