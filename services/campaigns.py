"""Campaigns: a manager's message to a segment of a store's customers, sent by the customer
bot at a chosen time.

A one-runner periodic job (`start_due`) claims each due campaign once (a conditional update),
picks its recipients (skipping customers who opted out with /stop_news or blocked the bot) and
writes one outbox message per recipient, paced at `per_second`, in the same transaction. The
customer bot's campaign sender delivers them under Telegram's limits and reports each outcome
here (`record`), which keeps the sent / failed / blocked / skipped counters the console shows.

Customers of a store are the Telegram customers who ordered there or have a cart, a wallet or
a plan there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.expressions import F
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core import changes
from core.clock import utcnow
from core.errors import Conflict, NotFound
from core.outbox import enqueue_paced
from core.security import Principal
from models import (
    Campaign,
    Cart,
    CustomerPlan,
    Order,
    PlanMembership,
    Store,
    User,
    Wallet,
)
from models.enums import CampaignStatus, Role
from services.plans import STANDARD, check_marketing_staff

CAMPAIGN_CHANNEL = "campaign"
# Delivery attempts for a network or server error before a message counts as failed.
MAX_ATTEMPTS = 5


class Segment(StrEnum):
    ALL = "all"
    RECENT = "recent"  # an order in the last `days` days
    NEVER = "never"  # no order in this store
    PLAN = "plan"


class Outcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    SKIPPED = "skipped"


COUNTERS = {
    Outcome.SENT: "sent_count",
    Outcome.FAILED: "failed_count",
    Outcome.BLOCKED: "blocked_count",
    Outcome.SKIPPED: "skipped_count",
}


@dataclass(frozen=True)
class Progress:
    status: str
    recipients: int
    sent: int
    failed: int
    blocked: int
    skipped: int

    @property
    def pending(self) -> int:
        return max(0, self.recipients - self.sent - self.failed - self.blocked - self.skipped)


def progress(campaign: Campaign) -> Progress:
    return Progress(
        campaign.status.value,
        campaign.recipients_count,
        campaign.sent_count,
        campaign.failed_count,
        campaign.blocked_count,
        campaign.skipped_count,
    )


def shop_url(public_base_url: str, store_id: int) -> str:
    return f"{public_base_url.rstrip('/')}/app/shop?store={store_id}"


async def create_campaign(
    principal: Principal, store: Store, data: dict[str, Any], *, public_base_url: str
) -> Campaign:
    """A scheduled campaign (sent at `send_at`, now when not given). `data` is an
    api.schemas.marketing.CampaignIn dump. A button without a URL opens the shop (Mini App).
    Raises Forbidden unless a manager of the store or an admin."""
    check_marketing_staff(principal, store.id)
    audience: dict[str, Any] = {"segment": data["segment"]}
    if data["segment"] == Segment.RECENT:
        audience["days"] = data["days"]
    if data["segment"] == Segment.PLAN:
        audience["plan"] = data.get("plan") or STANDARD
    button_text = (data.get("button_text") or "").strip()
    button_url = (data.get("button_url") or "").strip()
    if button_text and not button_url:
        button_url = shop_url(public_base_url, store.id)
    return await Campaign.create(
        store_id=store.id,
        name=data["name"],
        message={store.default_locale: data["text"]},
        audience=audience,
        status=CampaignStatus.SCHEDULED,
        scheduled_at=data.get("send_at") or utcnow(),
        photo_url=data.get("photo_url") or "",
        button_text=button_text,
        button_url=button_url,
        button_kind=data.get("button_kind") or "web_app",
        created_by_id=principal.user_id,
    )


async def get_campaign(principal: Principal, store_id: int, campaign_id: int) -> Campaign:
    check_marketing_staff(principal, store_id)
    campaign = await Campaign.get_or_none(id=campaign_id, store_id=store_id)
    if campaign is None:
        raise NotFound("no such campaign", fields={"campaign_id": "unknown id"})
    return campaign


def campaigns_query(store_id: int) -> QuerySet[Campaign]:
    """The store's campaigns, for the console's table (its page checks the viewer)."""
    return Campaign.filter(store_id=store_id)


async def list_campaigns(principal: Principal, store_id: int, limit: int = 100) -> list[Campaign]:
    check_marketing_staff(principal, store_id)
    return await Campaign.filter(store_id=store_id).order_by("-id").limit(limit)


async def cancel_campaign(principal: Principal, store_id: int, campaign_id: int) -> Campaign:
    """Cancel a campaign before or while it sends (messages not yet sent are skipped);
    raises Conflict once it is sent or cancelled."""
    campaign = await get_campaign(principal, store_id, campaign_id)
    changed = await Campaign.filter(
        id=campaign.id,
        status__in=(CampaignStatus.SCHEDULED, CampaignStatus.DRAFT, CampaignStatus.SENDING),
    ).update(status=CampaignStatus.CANCELLED)
    if not changed:
        raise Conflict(
            "the campaign was already sent or cancelled",
            fields={"campaign_id": campaign.status.value},
        )
    await campaign.refresh_from_db()
    return campaign


async def _store_customer_ids(store_id: int) -> set[int]:
    ids: set[int] = set()
    ids.update(await Order.filter(store_id=store_id).values_list("customer_id", flat=True))  # type: ignore[arg-type]
    for model in (Cart, Wallet, PlanMembership):
        ids.update(await model.filter(store_id=store_id).values_list("user_id", flat=True))  # type: ignore[arg-type]
    return ids


async def segment_user_ids(store_id: int, audience: dict[str, Any]) -> set[int]:
    """The store's customers the audience names (before opt-outs and blocks)."""
    customers = await _store_customer_ids(store_id)
    segment = audience.get("segment", Segment.ALL)
    if segment == Segment.RECENT:
        since = utcnow() - timedelta(days=int(audience.get("days", 30)))
        recent = await Order.filter(store_id=store_id, created_at__gte=since).values_list(
            "customer_id", flat=True
        )
        return customers & set(recent)
    if segment == Segment.NEVER:
        ordered = await Order.filter(store_id=store_id).values_list("customer_id", flat=True)
        return customers - set(ordered)
    if segment == Segment.PLAN:
        code = audience.get("plan", STANDARD)
        plan = await CustomerPlan.get_or_none(store_id=store_id, code=code)
        members = set(
            await PlanMembership.filter(store_id=store_id).values_list("user_id", "plan_id")
        )
        on_plan = {u for u, p in members if plan is not None and p == plan.id}
        if code == STANDARD:  # no membership row: standard
            on_plan |= customers - {u for u, _ in members}
        return customers & on_plan
    return customers


def message_payload(campaign: Campaign, user_id: int, chat_id: int) -> dict[str, Any]:
    text = next(iter(campaign.message.values()), "") if campaign.message else ""
    button = (
        {"text": campaign.button_text, "url": campaign.button_url, "kind": campaign.button_kind}
        if campaign.button_text
        else None
    )
    return {
        "campaign_id": campaign.id,
        "user_id": user_id,
        "chat_id": chat_id,
        "text": text,
        "photo_url": campaign.photo_url or None,
        "button": button,
    }


async def start_due(*, per_second: float, now: datetime | None = None) -> int:
    """Start every scheduled campaign whose time has come: claim it (once, even with two
    runners), choose its recipients, queue their messages paced at `per_second`. Returns how
    many campaigns started."""
    now = now or utcnow()
    started = 0
    due = await Campaign.filter(status=CampaignStatus.SCHEDULED, scheduled_at__lte=now).values_list(
        "id", flat=True
    )
    for campaign_id in due:
        async with in_transaction():
            claimed = await Campaign.filter(id=campaign_id, status=CampaignStatus.SCHEDULED).update(
                status=CampaignStatus.SENDING, sent_at=now
            )
            if not claimed:
                continue
            campaign = await Campaign.get(id=campaign_id)
            ids = await segment_user_ids(campaign.store_id, campaign.audience)
            people = await User.filter(
                id__in=list(ids), role=Role.CUSTOMER, tg_id__isnull=False
            ).values_list("id", "tg_id", "news_opt_out", "bot_blocked_at", "is_active")
            reachable = [
                (uid, tg) for uid, tg, out, blocked, active in people
                if not out and blocked is None and active
            ]  # fmt: skip
            reachable.sort()
            await enqueue_paced(
                CAMPAIGN_CHANNEL,
                "send",
                [(message_payload(campaign, uid, tg), None) for uid, tg in reachable],
                per_second=per_second,
            )
            await Campaign.filter(id=campaign_id).update(
                recipients_count=len(reachable), skipped_count=len(ids) - len(reachable)
            )
            if not reachable:
                await Campaign.filter(id=campaign_id).update(status=CampaignStatus.SENT)
        started += 1
    return started


async def can_receive(campaign_id: int, user_id: int) -> bool:
    """Whether a queued campaign message may still go: the campaign was not cancelled, and
    the customer did not opt out or block the bot since it was queued."""
    if await Campaign.filter(id=campaign_id, status=CampaignStatus.CANCELLED).exists():
        return False
    user = await User.get_or_none(id=user_id)
    return bool(user and not user.news_opt_out and user.bot_blocked_at is None)


async def record(campaign_id: int, outcome: Outcome) -> None:
    """Count one message's outcome; the last one marks the campaign sent."""
    field = COUNTERS[outcome]
    await Campaign.filter(id=campaign_id).update(**{field: F(field) + 1})
    campaign = await Campaign.get_or_none(id=campaign_id)
    if campaign is not None and progress(campaign).pending == 0:
        await Campaign.filter(id=campaign_id, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.SENT
        )


async def mark_blocked(user_id: int) -> None:
    """Telegram said 403: the customer blocked the bot; no campaign goes to them again until
    they come back (/start_news)."""
    await User.filter(id=user_id, bot_blocked_at__isnull=True).update(bot_blocked_at=utcnow())
    changes.changed("user")


async def mark_reachable(user_id: int) -> None:
    """The customer wrote to the bot again after blocking it: campaigns may reach them."""
    await User.filter(id=user_id).update(bot_blocked_at=None)
    changes.changed("user")


async def set_news(user_id: int, *, wanted: bool) -> None:
    """/stop_news and /start_news: opt out of (or back into) campaigns; writing to the bot
    also shows it is not blocked."""
    await User.filter(id=user_id).update(news_opt_out=not wanted, bot_blocked_at=None)
    changes.changed("user")
