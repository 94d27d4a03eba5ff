"""A store's alert recipients: the Pushover users who get its urgent alerts. Their keys are
kept sealed with the secret box (bot/common/pushover.py opens them to send)."""

from __future__ import annotations

from typing import Any

from core.errors import NotFound
from core.secretbox import SecretBox, SecretBoxError
from models import AlertRecipient, Store


async def list_recipients(store_id: int) -> list[AlertRecipient]:
    return await AlertRecipient.filter(store_id=store_id).order_by("name", "id")


async def add_recipient(box: SecretBox, store: Store, values: dict[str, Any]) -> AlertRecipient:
    """A new recipient of the store's alerts (no kinds: every kind)."""
    return await AlertRecipient.create(
        store_id=store.id,
        name=values["name"],
        pushover_user_key=box.seal(values["pushover_user_key"]),
        kinds=list(values.get("kinds") or []),
    )


async def set_recipient_active(store_id: int, recipient_id: int, active: bool) -> None:
    """Stop or resume alerts to one recipient of the store; raises NotFound."""
    moved = await AlertRecipient.filter(id=recipient_id, store_id=store_id).update(is_active=active)
    if not moved:
        raise NotFound("no such recipient", fields={"recipient_id": "unknown id"})


def masked_key(box: SecretBox, sealed: str) -> str:
    """The key as a person may see it again: its last four characters."""
    try:
        return "…" + box.open(sealed)[-4:]
    except SecretBoxError:  # an unreadable key shows as such rather than breaking the page
        return "unreadable"
