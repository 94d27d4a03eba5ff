"""Proof of delivery: the photo the driver takes at handover.

The photo is checked, stripped of metadata and re-encoded exactly like a product picture
(`services.media.store_image`), but into its own directory (PROOF_PHOTOS_DIR), which is not
served at /media/: a photo of someone's door is shown only through a link signed for one order
and one photo, valid for a few hours, which only the order's readers are given (the customer's
own order JSON, the console order page, the driver and managers who upload it).

Whether "Delivered" needs the photo is the store's `proof_photo_required` (off by default:
the driver bot still asks at every handover, with a Skip button; on: every door refuses
`proof_photo_required` until there is one, and the bot offers no skip). Photos are deleted
after PROOF_PHOTO_RETENTION_DAYS by a periodic job, and the order forgets them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time
from datetime import timedelta
from pathlib import Path

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Forbidden, NotFound, ValidationFailed
from core.security import Principal
from core.settings import Settings
from models import Order, OrderEvent, Store
from models.enums import OrderEventKind, OrderStatus, Role
from services import media, orders

log = logging.getLogger("pharmacy.proof")

# The width a proof link serves (the largest stored): enough to read a house number.
WIDTH = media.WIDTHS[-1]
# A link works for at least this long; its expiry is rounded up to the hour so the same page
# shown twice in an hour uses the same URL (and the browser's cache).
LINK_LIFETIME = 6 * 3600
_ROUND = 3600


def _signature(secret: str, order_id: int, key: str, expires: int) -> str:
    derived = hashlib.sha256(b"proof-photo:" + secret.encode()).digest()
    message = f"{order_id}:{key}:{expires}".encode()
    digest = hmac.new(derived, message, hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode()


def photo_url(settings: Settings, order: Order, *, now: float | None = None) -> str | None:
    """A signed, expiring link to the order's proof photo (None when it has none). Give it
    only to someone who may read the order."""
    if not media.is_key(order.proof_photo):
        return None
    moment = int(now if now is not None else time.time())
    expires = -(-(moment + LINK_LIFETIME) // _ROUND) * _ROUND
    signature = _signature(settings.secret_key, order.id, order.proof_photo, expires)
    return f"/proof/{order.id}.webp?expires={expires}&sig={signature}"


async def photo_file(
    settings: Settings, order_id: int, expires: str, signature: str, *, now: float | None = None
) -> Path:
    """The file behind a proof link. NotFound for a forged, altered or expired link, and for a
    photo replaced or deleted since the link was made."""
    gone = NotFound("no such photo", code="proof_photo_not_found")
    if not expires.isdigit() or len(expires) > 12 or len(signature) > 64:
        raise gone
    if int(expires) < (now if now is not None else time.time()):
        raise gone
    order = await Order.get_or_none(id=order_id).only("id", "proof_photo")
    if order is None or not media.is_key(order.proof_photo):
        raise gone
    expected = _signature(settings.secret_key, order.id, order.proof_photo, int(expires))
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise gone
    path = settings.proof_photos_path() / media.relative_path(order.proof_photo, WIDTH)
    if not path.is_file():
        raise gone
    return path


async def _check_carrier(order: Order, principal: Principal) -> None:
    actor = await orders.relation(order, principal)  # strangers: NotFound
    if not (actor.is_driver or actor.role in (Role.ADMIN, Role.MANAGER)):
        raise Forbidden("only the driver carrying the order (or a manager) adds its proof photo")
    if order.status is not OrderStatus.PICKED_UP:
        raise ValidationFailed(
            "the proof photo is taken at handover, after pick-up", code="not_picked_up"
        )


async def attach_photo(
    settings: Settings, principal: Principal, order_id: int, data: bytes
) -> Order:
    """Store `data` as the order's proof-of-delivery photo (replacing an earlier one) and
    record a PROOF_PHOTO order event. Only the driver carrying the order, or a manager of its
    store / an admin, while it is picked up.

    Raises NotFound (not theirs to see), Forbidden, ValidationFailed `not_picked_up`, and the
    media errors naming `file`: PayloadTooLarge (over MEDIA_MAX_UPLOAD_BYTES),
    UnsupportedMediaType `not_an_image`, ValidationFailed `image_damaged` / `image_too_large`.
    """
    order = await Order.get_or_none(id=order_id)
    if order is None:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    await _check_carrier(order, principal)  # before the work of decoding a photo
    directory = settings.proof_photos_path()
    stored = await media.store_image(directory, data, max_bytes=settings.media_max_upload_bytes)
    replaced = ""
    try:
        async with in_transaction():
            order = await Order.filter(id=order_id).select_for_update().first()
            if order is None:
                raise NotFound("no such order", fields={"order_id": "unknown id"})
            await _check_carrier(order, principal)
            actor = await orders.relation(order, principal)
            replaced = order.proof_photo if order.proof_photo != stored.key else ""
            await Order.filter(id=order.id).update(
                proof_photo=stored.key, proof_photo_at=utcnow(), updated_at=utcnow()
            )
            await OrderEvent.create(
                store_id=order.store_id,
                order_id=order.id,
                kind=OrderEventKind.PROOF_PHOTO,
                actor_id=principal.user_id,
                actor_role=actor.role,
                data={"width": stored.width, "height": stored.height},
            )
    except BaseException:
        await _delete_unused(directory, stored.key)
        raise
    if replaced:
        await _delete_unused(directory, replaced)
    await order.refresh_from_db()
    return order


async def required(order: Order) -> bool:
    """Whether the order's store hands over only with a proof photo."""
    return await Store.filter(id=order.store_id, proof_photo_required=True).exists()


async def _delete_unused(directory: Path, key: str) -> None:
    """Remove a photo's files unless another order still points at them (files are
    content-addressed: the same picture sent twice is one set of files)."""
    if not media.is_key(key) or await Order.filter(proof_photo=key).exists():
        return
    for width in media.WIDTHS:
        (directory / media.relative_path(key, width)).unlink(missing_ok=True)


async def purge_old_photos(settings: Settings) -> int:
    """Delete proof photos taken more than PROOF_PHOTO_RETENTION_DAYS ago: their files go
    and their orders forget them (the PROOF_PHOTO event stays, so the timeline still says one
    was taken). Returns how many orders lost their photo. One runner in the cluster."""
    cutoff = utcnow() - timedelta(days=settings.proof_photo_retention_days)
    rows = (
        await Order.filter(proof_photo_at__lt=cutoff)
        .exclude(proof_photo="")
        .only("id", "proof_photo")
    )
    directory = settings.proof_photos_path()
    done = 0
    for row in rows:
        # Only if it is still that photo: a newer one taken meanwhile is not old.
        cleared = await Order.filter(
            id=row.id, proof_photo=row.proof_photo, proof_photo_at__lt=cutoff
        ).update(proof_photo="", proof_photo_at=None)
        if cleared:
            done += 1
            await _delete_unused(directory, row.proof_photo)
    if done:
        log.info("proof photos: deleted %d past the retention period", done)
    return done
