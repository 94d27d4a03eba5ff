"""Banners on the storefront and the Mini App home: an image, a link, dates and a position,
managed by the store's managers. The public list is cached per store; dates are applied on
every read, so a banner appears and disappears on time whatever the cache holds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.queryset import QuerySet

from core.cache import Cache
from core.clock import utcnow
from core.errors import NotFound, ValidationFailed
from core.security import Principal
from models import Banner, Store
from services.plans import check_marketing_staff

BANNERS_TTL = 60.0


def _key(store_id: int) -> str:
    return f"banners:{store_id}"


def _check_dates(data: dict[str, Any]) -> None:
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        raise ValidationFailed(
            "the banner ends before it starts", fields={"ends_at": "after starts_at"}
        )


async def create_banner(
    cache: Cache, principal: Principal, store: Store, data: dict[str, Any]
) -> Banner:
    """A new banner (api.schemas.marketing.BannerIn dump). Raises Forbidden unless a manager
    of the store or an admin, ValidationFailed when it ends before it starts."""
    check_marketing_staff(principal, store.id)
    _check_dates(data)
    banner = await Banner.create(
        store_id=store.id,
        title={store.default_locale: data.get("title") or ""},
        image_url=data["image_url"],
        link=data.get("link") or "",
        position=data.get("position") or 0,
        starts_at=data.get("starts_at"),
        ends_at=data.get("ends_at"),
        is_active=data.get("is_active", True),
    )
    await cache.delete(_key(store.id))
    return banner


def banners_query(store_id: int) -> QuerySet[Banner]:
    """The store's banners, for the console's table (its page checks the viewer)."""
    return Banner.filter(store_id=store_id)


async def list_banners(principal: Principal, store_id: int) -> list[Banner]:
    """Every banner of the store (paused and out of date too), in their order."""
    check_marketing_staff(principal, store_id)
    return await Banner.filter(store_id=store_id).order_by("position", "id")


async def get_banner(principal: Principal, store_id: int, banner_id: int) -> Banner:
    check_marketing_staff(principal, store_id)
    banner = await Banner.get_or_none(id=banner_id, store_id=store_id)
    if banner is None:
        raise NotFound("no such banner", fields={"banner_id": "unknown id"})
    return banner


async def update_banner(
    cache: Cache, principal: Principal, store: Store, banner_id: int, data: dict[str, Any]
) -> Banner:
    """Change a banner (every field of BannerIn)."""
    banner = await get_banner(principal, store.id, banner_id)
    _check_dates(data)
    banner.title = {store.default_locale: data.get("title") or ""}
    banner.image_url = data["image_url"]
    banner.link = data.get("link") or ""
    banner.position = data.get("position") or 0
    banner.starts_at = data.get("starts_at")
    banner.ends_at = data.get("ends_at")
    banner.is_active = data.get("is_active", True)
    await banner.save()
    await cache.delete(_key(store.id))
    return banner


async def set_banner_active(
    cache: Cache, principal: Principal, store_id: int, banner_id: int, active: bool
) -> None:
    banner = await get_banner(principal, store_id, banner_id)
    await Banner.filter(id=banner.id).update(is_active=active)
    await cache.delete(_key(store_id))


async def delete_banner(cache: Cache, principal: Principal, store_id: int, banner_id: int) -> None:
    banner = await get_banner(principal, store_id, banner_id)
    await banner.delete()
    await cache.delete(_key(store_id))


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


async def active_banners(
    cache: Cache, store_id: int, locale: str, *, now: datetime | None = None
) -> list[dict[str, Any]]:
    """The store's banners showing now, by position then id: {id, title, image_url, link}."""
    rows: list[dict[str, Any]] | None = await cache.get(_key(store_id))
    if rows is None:
        banners = await Banner.filter(store_id=store_id, is_active=True).order_by("position", "id")
        rows = [
            {
                "id": b.id,
                "title": b.title,
                "image_url": b.image_url,
                "link": b.link,
                "position": b.position,
                "starts_at": _iso(b.starts_at),
                "ends_at": _iso(b.ends_at),
            }
            for b in banners
        ]
        await cache.set(_key(store_id), rows, BANNERS_TTL)
    at = now or utcnow()
    shown = []
    for row in rows:
        if row["starts_at"] and datetime.fromisoformat(row["starts_at"]) > at:
            continue
        if row["ends_at"] and datetime.fromisoformat(row["ends_at"]) <= at:
            continue
        title = row["title"] or {}
        shown.append(
            {
                "id": row["id"],
                "title": title.get(locale) or next(iter(title.values()), ""),
                "image_url": row["image_url"],
                "link": row["link"],
                "position": row["position"],
            }
        )
    return shown
