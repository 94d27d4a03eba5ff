"""Retention in the console, for the store's managers and admins: the two customer plans and
plan switches, campaigns (write, schedule, watch the counts live, cancel) and banners, through
services.plans / services.campaigns / services.banners with the API's schemas as forms."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiohttp import web

from api.schemas.marketing import BannerIn, CampaignIn, PlanIn, PlanSwitchIn
from core.errors import DomainError, ValidationFailed
from core.permissions import Permission as P
from models import Banner, Campaign
from services import banners, campaigns, listing, plans
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_errors,
    form_page,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    schema_form,
    settings_of,
    store_of,
    viewer_of,
)
from webapp.console.tables import Action, Column, Table, active_toggle, table_view

routes = web.RouteTableDef()
MARKETING = P.MANAGE_PROMOS

PLAN_FORM = schema_form(
    PlanIn,
    labels={
        "cashback_bps": "Cashback (basis points: 100 = 1%)",
        "wallet_limit_percent": "Wallet may pay up to (% of the order)",
        "free_delivery_over_cents": "Free delivery from (cents of items; empty: never)",
    },
)
SWITCH_FORM = schema_form(PlanSwitchIn, labels={"plan": "New plan"})
CAMPAIGN_FORM = [
    replace(f, kind="textarea") if f.name == "text" else f
    for f in schema_form(
        CampaignIn,
        labels={
            "text": "Message",
            "photo_url": "Photo URL (optional)",
            "button_text": "Button text (optional)",
            "button_kind": "Button opens",
            "button_url": "Button URL (empty: the shop)",
            "segment": "Send to",
            "days": "Ordered in the last N days (for “recent”)",
            "plan": "Plan (for “plan”)",
            "send_at": "Send at (UTC, YYYY-MM-DD HH:MM; empty: now)",
        },
        help={
            "segment": "all: every customer of the store · recent: ordered lately · "
            "never: never ordered · plan: on a plan. Customers who sent /stop_news or "
            "blocked the bot are skipped."
        },
    )
]
BANNER_FORM = schema_form(
    BannerIn,
    labels={
        "image_url": "Image URL",
        "link": "Link (a URL or a path in the shop)",
        "position": "Position (lower shows first)",
        "starts_at": "Shows from (UTC, YYYY-MM-DD HH:MM)",
        "ends_at": "Shows until (UTC)",
        "is_active": "Active",
    },
)


def _segment(campaign: Campaign) -> str:
    audience = campaign.audience or {}
    segment = str(audience.get("segment", "all"))
    if segment == "recent":
        return f"ordered in {audience.get('days')} days"
    if segment == "plan":
        return f"plan {audience.get('plan')}"
    return segment


CAMPAIGNS = Table(
    name="campaigns",
    title="Campaigns",
    source=lambda viewer: campaigns.campaigns_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("created_at", "scheduled_at", "name"),
        default_sort="-created_at",
        search_fields=("name",),
    ),
    columns=(
        Column(
            "Name",
            lambda c, cell: c.name,
            sort="name",
            link=lambda c, v: f"{PREFIX}/stores/{v.store_id}/campaigns/{c.id}",
        ),
        Column("Segment", lambda c, cell: _segment(c)),
        Column("Send at", lambda c, cell: cell.when(c.scheduled_at), sort="scheduled_at"),
        Column("Status", lambda c, cell: c.status.value),
        Column("Sent", lambda c, cell: f"{c.sent_count} / {c.recipients_count}"),
        Column("Failed", lambda c, cell: c.failed_count),
        Column("Blocked", lambda c, cell: c.blocked_count),
    ),
    empty="No campaign in this store yet. Write one with “New campaign”.",
    actions=(Action("New campaign", lambda v: f"{PREFIX}/stores/{v.store_id}/campaigns/new"),),
)

BANNERS = Table(
    name="banners",
    title="Banners",
    source=lambda viewer: banners.banners_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("position", "created_at"),
        default_sort="position",
        filters=(listing.active_filter("paused"),),
    ),
    columns=(
        Column(
            "Title",
            lambda b, cell: next(iter(b.title.values()), "") if b.title else f"#{b.id}",
            link=lambda b, v: f"{PREFIX}/stores/{v.store_id}/banners/{b.id}",
        ),
        Column("Image", lambda b, cell: b.image_url),
        Column("Link", lambda b, cell: b.link),
        Column("Position", lambda b, cell: b.position, sort="position"),
        Column("From", lambda b, cell: cell.when(b.starts_at)),
        Column("Until", lambda b, cell: cell.when(b.ends_at)),
        Column("Active", lambda b, cell: "yes" if b.is_active else "paused"),
    ),
    empty="No banner in this store yet. Add one with “New banner”.",
    actions=(Action("New banner", lambda v: f"{PREFIX}/stores/{v.store_id}/banners/new"),),
    row_actions=(
        active_toggle(
            lambda r, v: f"{PREFIX}/stores/{v.store_id}/banners/{r.id}/active", "Pause", "Show"
        ),
    ),
)


# --- plans ---------------------------------------------------------------------------------


async def _plans_page(
    request: web.Request,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> web.Response:
    store = store_of(request)
    context = {
        "plans": await plans.store_plans(store),
        "switches": await plans.recent_switches(store.id),
        "plan_form": PLAN_FORM,
        "switch_form": SWITCH_FORM,
        "errors": errors or {},
        "notice": notice,
    }
    return render(request, "console/marketing/plans.html", context, status=status)


@routes.get("/stores/{store_id}/plans")
@page(MARKETING)
async def plans_page(request: web.Request) -> web.StreamResponse:
    return await _plans_page(request)


@routes.post("/stores/{store_id}/plans/{code}")
@page(MARKETING)
async def set_plan(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    code = request.match_info["code"]
    try:
        body = await parse_form(request, PlanIn)
        await plans.set_plan(store, code, body.model_dump())
    except DomainError as exc:
        return await _plans_page(request, errors=form_errors(exc), status=exc.status)
    return await _plans_page(request, notice=f"The {code} plan was saved.")


@routes.post("/stores/{store_id}/plan-switches")
@page(MARKETING)
async def switch_plan(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    store = store_of(request)
    try:
        form = await request.post()
        raw = str(form.get("user_id") or "").strip()
        if not raw.isdigit() or len(raw) > 9:
            raise ValidationFailed("a customer's id", fields={"user_id": "a customer's id"})
        body = await parse_form(request, PlanSwitchIn)
        logged = await plans.switch_plan(viewer.principal, store, int(raw), body.plan)
    except DomainError as exc:
        return await _plans_page(request, errors=form_errors(exc), status=exc.status)
    notice = f"Customer #{raw} is on the {body.plan} plan" + ("." if logged else " already.")
    return await _plans_page(request, notice=notice)


# --- campaigns -----------------------------------------------------------------------------


@routes.get("/stores/{store_id}/campaigns")
@page(MARKETING)
async def campaigns_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, CAMPAIGNS)


def _campaign_form(
    request: web.Request, values: Any, error: DomainError | None = None
) -> web.Response:
    return form_page(
        request,
        heading=f"New campaign at {store_of(request).name}",
        submit="Schedule the campaign",
        fields=CAMPAIGN_FORM,
        values=values,
        error=error,
    )


@routes.get("/stores/{store_id}/campaigns/new")
@page(MARKETING)
async def new_campaign_page(request: web.Request) -> web.StreamResponse:
    return _campaign_form(request, {"segment": "all", "days": 30, "button_kind": "web_app"})


@routes.post("/stores/{store_id}/campaigns/new")
@page(MARKETING)
async def create_campaign(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    store = store_of(request)
    try:
        body = await parse_form(request, CampaignIn)
        campaign = await campaigns.create_campaign(
            viewer.principal,
            store,
            body.model_dump(),
            public_base_url=settings_of(request).public_base_url,
        )
    except DomainError as exc:
        return _campaign_form(request, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/campaigns/{campaign.id}")


@routes.get("/stores/{store_id}/campaigns/{campaign_id}")
@page(MARKETING)
async def campaign_page(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    campaign = await campaigns.get_campaign(
        viewer.principal, viewer.store_id, path_int(request, "campaign_id")
    )
    context = {
        "campaign": campaign,
        "segment": _segment(campaign),
        "progress": campaigns.progress(campaign),
        "text": next(iter(campaign.message.values()), "") if campaign.message else "",
        # The page reloads itself while the counts can still move.
        "live": campaign.status.value in ("scheduled", "sending"),
    }
    return render(request, "console/marketing/campaign.html", context)


@routes.post("/stores/{store_id}/campaigns/{campaign_id}/cancel")
@page(MARKETING)
async def cancel_campaign(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    campaign_id = path_int(request, "campaign_id")
    await campaigns.cancel_campaign(viewer.principal, viewer.store_id, campaign_id)
    raise redirect(f"{PREFIX}/stores/{viewer.store_id}/campaigns/{campaign_id}")


# --- banners -------------------------------------------------------------------------------


@routes.get("/stores/{store_id}/banners")
@page(MARKETING)
async def banners_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, BANNERS)


def _banner_values(banner: Banner) -> dict[str, Any]:
    return {
        "title": next(iter(banner.title.values()), "") if banner.title else "",
        "image_url": banner.image_url,
        "link": banner.link,
        "position": banner.position,
        "starts_at": banner.starts_at.strftime("%Y-%m-%d %H:%M") if banner.starts_at else "",
        "ends_at": banner.ends_at.strftime("%Y-%m-%d %H:%M") if banner.ends_at else "",
        "is_active": banner.is_active,
    }


def _banner_form(
    request: web.Request, heading: str, values: Any, error: DomainError | None = None
) -> web.Response:
    return form_page(
        request,
        heading=heading,
        submit="Save the banner",
        fields=BANNER_FORM,
        values=values,
        error=error,
    )


@routes.get("/stores/{store_id}/banners/new")
@page(MARKETING)
async def new_banner_page(request: web.Request) -> web.StreamResponse:
    heading = f"New banner at {store_of(request).name}"
    return _banner_form(request, heading, {"is_active": True, "position": 0})


@routes.post("/stores/{store_id}/banners/new")
@page(MARKETING)
async def create_banner(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    store = store_of(request)
    try:
        body = await parse_form(request, BannerIn)
        await banners.create_banner(
            ctx_of(request).cache, viewer.principal, store, body.model_dump()
        )
    except DomainError as exc:
        heading = f"New banner at {store.name}"
        return _banner_form(request, heading, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/banners")


@routes.get("/stores/{store_id}/banners/{banner_id}")
@page(MARKETING)
async def banner_page(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    banner = await banners.get_banner(
        viewer.principal, viewer.store_id, path_int(request, "banner_id")
    )
    return _banner_form(request, f"Banner #{banner.id}", _banner_values(banner))


@routes.post("/stores/{store_id}/banners/{banner_id}")
@page(MARKETING)
async def update_banner(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    store = store_of(request)
    banner_id = path_int(request, "banner_id")
    try:
        body = await parse_form(request, BannerIn)
        await banners.update_banner(
            ctx_of(request).cache, viewer.principal, store, banner_id, body.model_dump()
        )
    except DomainError as exc:
        return _banner_form(request, f"Banner #{banner_id}", await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/banners")


@routes.post("/stores/{store_id}/banners/{banner_id}/active")
@page(MARKETING)
async def set_banner_active(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    form = await request.post()
    await banners.set_banner_active(
        ctx_of(request).cache,
        viewer.principal,
        viewer.store_id,
        path_int(request, "banner_id"),
        form.get("active") == "yes",
    )
    raise redirect(f"{PREFIX}/stores/{viewer.store_id}/banners")
