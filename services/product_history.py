"""A product's history for people: the product audit log grouped into blocks (one person's
edits less than five minutes apart are one block) with values as people read them (prices
as money in the store's currency, ids as names, yes/no, translations by language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from core.i18n import money
from models import Brand, Category, ProductAuditLog, ProductVariant, Store, User

BLOCK_GAP = timedelta(minutes=5)
LABELS = {
    "is_active": "Active",
    "age_restricted": "Age restricted",
    "max_per_order": "Most per order",
    "image_url": "Image",
    "image_key": "Picture",
    "name": "Name",
    "description": "Description",
    "category_id": "Category",
    "brand_id": "Brand",
    "tax_rate": "VAT %",
}


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


@dataclass
class Block:
    actor: str
    started_at: datetime
    ended_at: datetime
    changes: list[Change] = field(default_factory=list)


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in sorted(value.items()) if v) or "—"
    return str(value)


async def product_history(store: Store, product_id: int) -> list[Block]:
    """The product's changes, newest block first."""
    rows = await ProductAuditLog.filter(store_id=store.id, product_id=product_id).order_by(
        "created_at", "id"
    )
    actors = {
        u.id: u.name or u.email or f"#{u.id}"
        for u in await User.filter(id__in={r.actor_id for r in rows if r.actor_id})
    }
    skus = dict(await ProductVariant.filter(product_id=product_id).values_list("id", "sku"))
    names: dict[str, dict[Any, str]] = {
        "category_id": {
            c.id: _plain(c.name.get(store.default_locale) or c.name.get("en"))
            for c in await Category.filter(store_id=store.id)
        },
        "brand_id": {b.id: b.name for b in await Brand.filter(store_id=store.id)},
    }

    def shown(key: str, value: Any) -> str:
        if key == "image_key":  # a content hash: its start is enough to tell pictures apart
            return f"picture {value[:8]}" if value else "none"
        if key in names and value is not None:
            return names[key].get(value, f"#{value}")
        return _plain(value)

    blocks: list[Block] = []
    for row in rows:
        actor = actors.get(row.actor_id or 0, "the system")
        last = blocks[-1] if blocks else None
        if last is None or last.actor != actor or row.created_at - last.ended_at > BLOCK_GAP:
            last = Block(actor, row.created_at, row.created_at)
            blocks.append(last)
        last.ended_at = row.created_at
        changes = row.changes or {}
        if row.action == "price":
            sku = skus.get(changes.get("variant_id"), "a variant")
            last.changes.append(
                Change(
                    f"Price of {sku}",
                    money(changes.get("from", 0), store.currency, store.default_locale),
                    money(changes.get("to", 0), store.currency, store.default_locale),
                )
            )
            continue
        for key, change in changes.items():
            if isinstance(change, dict) and "to" in change:
                last.changes.append(
                    Change(
                        LABELS.get(key, key),
                        shown(key, change.get("from")),
                        shown(key, change["to"]),
                    )
                )
            else:
                last.changes.append(Change(LABELS.get(key, key), "", shown(key, change)))
    return blocks[::-1]
