"""Plans, campaigns and banners: the staff doors under /api/v1/admin (managers of the store
and admins; tenancy is enforced in the services) and the public list of a store's banners."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_permission
from api.catalog import cacheable
from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.locale import request_locale
from api.schemas.marketing import (
    BannerIn,
    BannerList,
    BannerOut,
    CampaignIn,
    CampaignList,
    CampaignOut,
    PlanIn,
    PlanList,
    PlanOut,
    PlanSwitchIn,
    PlanSwitchOut,
    StaffBannerList,
    StaffBannerOut,
)
from core.permissions import Permission
from models import Banner, Campaign
from services import banners, campaigns, plans, stores
from services.plans import PlanTerms

routes = web.RouteTableDef()
MARKETING = Permission.MANAGE_PROMOS


def _plan(terms: PlanTerms) -> PlanOut:
    return PlanOut(
        code=terms.code,
        cashback_bps=terms.cashback_bps,
        wallet_limit_percent=terms.wallet_limit_percent,
        free_delivery_over_cents=terms.free_delivery_over_cents,
    )


def campaign_out(campaign: Campaign) -> CampaignOut:
    found = campaigns.progress(campaign)
    return CampaignOut(
        id=campaign.id,
        name=campaign.name,
        status=found.status,
        segment=str(campaign.audience.get("segment", "all")),
        scheduled_at=campaign.scheduled_at,
        started_at=campaign.sent_at,
        recipients=found.recipients,
        sent=found.sent,
        failed=found.failed,
        blocked=found.blocked,
        skipped=found.skipped,
        pending=found.pending,
    )


def _staff_banner(banner: Banner) -> StaffBannerOut:
    return StaffBannerOut(
        id=banner.id,
        title=next(iter(banner.title.values()), "") if banner.title else "",
        image_url=banner.image_url,
        link=banner.link,
        position=banner.position,
        starts_at=banner.starts_at,
        ends_at=banner.ends_at,
        is_active=banner.is_active,
    )


# --- public --------------------------------------------------------------------------------


@routes.get("/api/v1/stores/{store_id}/banners")
@doc(
    "The store's banners showing now, in their order (storefront and Mini App home)",
    tags=["stores"],
    response=BannerList,
)
async def store_banners(request: web.Request) -> web.Response:
    store = await stores.get_store(path_id(request, "store_id"))
    locale = request_locale(request, store.default_locale)
    rows = await banners.active_banners(request.config_dict[CTX].cache, store.id, locale)
    return cacheable(dump(BannerList(items=[BannerOut(**row) for row in rows])))


# --- plans ---------------------------------------------------------------------------------


@routes.get("/api/v1/admin/stores/{store_id}/plans")
@doc("The store's customer plans (standard, premium)", tags=["admin"], response=PlanList, auth=True)
async def list_plans(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    plans.check_marketing_staff(principal, store.id)
    return dump(PlanList(items=[_plan(p) for p in await plans.store_plans(store)]))


@routes.put("/api/v1/admin/stores/{store_id}/plans/{code}")
@doc(
    "Set a plan's cashback, wallet limit and free-delivery threshold",
    tags=["admin"],
    body=PlanIn,
    response=PlanOut,
    auth=True,
    errors={404: "not_found: no such store or plan (standard, premium)"},
)
async def put_plan(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    plans.check_marketing_staff(principal, store.id)
    body = await parse_body(request, PlanIn)
    return dump(_plan(await plans.set_plan(store, request.match_info["code"], body.model_dump())))


@routes.put("/api/v1/admin/stores/{store_id}/customers/{user_id}/plan")
@doc(
    "Switch a customer's plan in the store (logged with who did it)",
    tags=["admin"],
    body=PlanSwitchIn,
    response=PlanSwitchOut,
    auth=True,
)
async def switch_plan(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    user_id = path_id(request, "user_id")
    body = await parse_body(request, PlanSwitchIn)
    logged = await plans.switch_plan(principal, store, user_id, body.plan)
    return dump(PlanSwitchOut(user_id=user_id, plan=body.plan, changed=logged is not None))


# --- campaigns -----------------------------------------------------------------------------


@routes.get("/api/v1/admin/stores/{store_id}/campaigns")
@doc(
    "The store's campaigns, newest first, with their counts",
    tags=["admin"],
    response=CampaignList,
    auth=True,
)
async def list_campaigns(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    rows = await campaigns.list_campaigns(principal, path_id(request, "store_id"))
    return dump(CampaignList(items=[campaign_out(c) for c in rows]))


@routes.post("/api/v1/admin/stores/{store_id}/campaigns")
@doc(
    "Schedule a campaign to a segment of the store's customers",
    tags=["admin"],
    body=CampaignIn,
    response=CampaignOut,
    status=201,
    auth=True,
)
async def create_campaign(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    body = await parse_body(request, CampaignIn)
    campaign = await campaigns.create_campaign(
        principal,
        store,
        body.model_dump(),
        public_base_url=request.config_dict[CTX].settings.public_base_url,
    )
    return dump(campaign_out(campaign), status=201)


@routes.get("/api/v1/admin/stores/{store_id}/campaigns/{campaign_id}")
@doc("A campaign with its live counts", tags=["admin"], response=CampaignOut, auth=True)
async def get_campaign(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    campaign = await campaigns.get_campaign(
        principal, path_id(request, "store_id"), path_id(request, "campaign_id")
    )
    return dump(campaign_out(campaign))


@routes.post("/api/v1/admin/stores/{store_id}/campaigns/{campaign_id}/cancel")
@doc(
    "Cancel a campaign before or while it sends (what is not sent yet is skipped)",
    tags=["admin"],
    response=CampaignOut,
    auth=True,
    errors={409: "conflict: the campaign was already sent or cancelled"},
)
async def cancel_campaign(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    campaign = await campaigns.cancel_campaign(
        principal, path_id(request, "store_id"), path_id(request, "campaign_id")
    )
    return dump(campaign_out(campaign))


# --- banners -------------------------------------------------------------------------------


@routes.get("/api/v1/admin/stores/{store_id}/banners")
@doc(
    "Every banner of the store (also paused and out of date)",
    tags=["admin"],
    response=StaffBannerList,
    auth=True,
)
async def list_banners(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    rows = await banners.list_banners(principal, path_id(request, "store_id"))
    return dump(StaffBannerList(items=[_staff_banner(b) for b in rows]))


@routes.post("/api/v1/admin/stores/{store_id}/banners")
@doc(
    "Add a banner",
    tags=["admin"],
    body=BannerIn,
    response=StaffBannerOut,
    status=201,
    auth=True,
)
async def create_banner(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    body = await parse_body(request, BannerIn)
    banner = await banners.create_banner(
        request.config_dict[CTX].cache, principal, store, body.model_dump()
    )
    return dump(_staff_banner(banner), status=201)


@routes.put("/api/v1/admin/stores/{store_id}/banners/{banner_id}")
@doc("Change a banner", tags=["admin"], body=BannerIn, response=StaffBannerOut, auth=True)
async def update_banner(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    store = await stores.get_store(path_id(request, "store_id"))
    banner_id = path_id(request, "banner_id")
    body = await parse_body(request, BannerIn)
    banner = await banners.update_banner(
        request.config_dict[CTX].cache, principal, store, banner_id, body.model_dump()
    )
    return dump(_staff_banner(banner))


@routes.delete("/api/v1/admin/stores/{store_id}/banners/{banner_id}")
@doc("Delete a banner", tags=["admin"], status=204, auth=True)
async def delete_banner(request: web.Request) -> web.Response:
    principal = require_permission(request, MARKETING)
    await banners.delete_banner(
        request.config_dict[CTX].cache,
        principal,
        path_id(request, "store_id"),
        path_id(request, "banner_id"),
    )
    return web.Response(status=204)
