"""Auto-dispatch: a READY order of a store that has it on is offered to one driver at a time.

The order becomes READY (`orders.transition`, in its transaction) → `offer_next` picks the
best driver on shift and records a `DispatchOffer` with the store's timeout; the driver's bot
shows Accept / Decline (DISPATCH_OFFERED through the outbox). Accept assigns the order through
`orders.transition` (the history names the driver); Decline, or no answer before `expires_at`
(`expire_due`, the periodic job), asks the next driver. A driver who declined or let an offer
expire is never asked again for that order. Nobody left → DISPATCH_NO_DRIVER alerts the
store's dispatchers and offering stops; they assign by hand, or a driver who starts a shift
later is asked (`driver_came_on_shift`: they were never asked). Any other way out of READY (a
dispatcher's assignment, a cancel) cancels the open offer.

Choosing the driver, kept simple on purpose:
- candidates: the store's active drivers on shift (not OFFLINE) who were not asked before for
  this order, whose vehicle fits (a cold-chain order needs an active vehicle with a cooler)
  and who carry fewer orders than their transport holds (MAX_LOAD; open offers count);
- score: km from the driver's last location to the store plus LOAD_KM per order in hand or
  offered; drivers who never shared a location come after all who did; ties → fewer orders,
  then the lower driver id.

Races: every path locks the order row first, then the offer row (`select_for_update`), and
closes an offer with a conditional update on `status=offered`; the order itself moves only
through `transition()`'s compare-and-set, and `open_order_id` (unique) allows one open offer
per order. Two Accepts, Accept against the timeout job, Accept against a dispatcher: one
wins, the other is told the offer is no longer open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Conflict, DomainError, NotFound
from core.security import Principal
from models import DispatchOffer, Driver, Order, Store, User, Vehicle
from models.enums import DriverStatus, OfferStatus, OrderStatus, TransportType
from services.delivery import haversine_km
from services.events import EventKind, emit

S = OrderStatus
# Orders a driver may carry at once (in hand or offered), by transport.
MAX_LOAD: dict[TransportType, int] = {
    TransportType.FOOT: 2,
    TransportType.BIKE: 3,
    TransportType.CAR: 6,
}
# One order in hand weighs like this many km of distance to the store.
LOAD_KM = 2.0
# How long a store may give a driver to answer (the setting's bounds).
MIN_TIMEOUT, MAX_TIMEOUT = 15, 30 * 60
NEVER_AGAIN = (OfferStatus.DECLINED, OfferStatus.EXPIRED)


@dataclass(frozen=True)
class Candidate:
    driver: Driver
    load: int
    distance_km: float | None

    @property
    def rank(self) -> tuple[bool, float, int, int]:
        score = (self.distance_km or 0.0) + LOAD_KM * self.load
        return (self.distance_km is None, score, self.load, self.driver.id)


def _closed(offer: DispatchOffer) -> bool:
    return offer.status is not OfferStatus.OFFERED


async def candidates(order: Order, store: Store) -> list[Candidate]:
    """The drivers who could take `order` now, best first (see the module's docstring)."""
    asked = await DispatchOffer.filter(order_id=order.id, status__in=NEVER_AGAIN).values_list(
        "driver_id", flat=True
    )
    rows = (
        Driver.filter(store_id=store.id, is_active=True)
        .exclude(status=DriverStatus.OFFLINE)
        .exclude(id__in=list(asked) or [0])
    )
    drivers = await rows.order_by("id")
    vehicles = {
        v.id: v
        for v in await Vehicle.filter(
            id__in=[d.vehicle_id for d in drivers if d.vehicle_id] or [0], is_active=True
        )
    }
    result = []
    for driver in drivers:
        vehicle = vehicles.get(driver.vehicle_id) if driver.vehicle_id else None
        if order.cold_chain and (vehicle is None or not vehicle.has_cooler):
            continue
        load = await Order.filter(driver_id=driver.id, status__in=[S.ASSIGNED, S.PICKED_UP]).count()
        load += (
            await DispatchOffer.filter(driver_id=driver.id, status=OfferStatus.OFFERED)
            .exclude(order_id=order.id)
            .count()
        )
        transport = vehicle.transport if vehicle else driver.transport
        if load >= MAX_LOAD[transport]:
            continue
        distance = None
        if None not in (driver.last_lat, driver.last_lng, store.lat, store.lng):
            distance = haversine_km(store.lat, store.lng, driver.last_lat, driver.last_lng)  # type: ignore[arg-type]
        result.append(Candidate(driver, load, distance))
    result.sort(key=lambda c: c.rank)
    return result


async def _payload(order: Order, offer: DispatchOffer, **extra: Any) -> dict[str, Any]:
    driver = await Driver.get(id=offer.driver_id)
    user = await User.get(id=driver.user_id)
    return {
        "store_id": order.store_id,
        "order_id": order.id,
        "number": order.number,
        "offer_id": offer.id,
        "driver_id": driver.id,
        "driver_user_id": driver.user_id,
        "driver_name": user.name,
        "status": offer.status.value,
        "expires_at": offer.expires_at.isoformat(),
        **extra,
    }


async def offer_next(order: Order, *, alert: bool = True) -> DispatchOffer | None:
    """Offer the READY `order` to the best driver not asked yet, if its store auto-dispatches
    and no offer is open; nobody left → DISPATCH_NO_DRIVER once (unless `alert` is off) and
    offering stops. Call inside the transaction holding the order's row lock. Returns the new
    offer, if any."""
    if order.status is not S.READY:
        return None
    store = await Store.get(id=order.store_id)
    if not store.auto_dispatch:
        return None
    if await DispatchOffer.exists(order_id=order.id, status=OfferStatus.OFFERED):
        return None
    best = await candidates(order, store)
    if not best and not alert:
        return None
    if not best:
        await emit(
            EventKind.DISPATCH_NO_DRIVER,
            {
                "store_id": order.store_id,
                "order_id": order.id,
                "number": order.number,
                "asked": await DispatchOffer.filter(order_id=order.id).count(),
                "at": utcnow().isoformat(),
            },
        )
        return None
    now = utcnow()
    offer = await DispatchOffer.create(
        store_id=order.store_id,
        order_id=order.id,
        driver_id=best[0].driver.id,
        status=OfferStatus.OFFERED,
        open_order_id=order.id,
        offered_at=now,
        expires_at=now + timedelta(seconds=store.offer_timeout_seconds),
    )
    await emit(EventKind.DISPATCH_OFFERED, await _payload(order, offer, at=now.isoformat()))
    return offer


async def _close(
    order: Order, offer: DispatchOffer, status: OfferStatus, *, actor_id: int | None = None
) -> bool:
    """Close the open `offer` as `status` (conditional: False when it was closed already)."""
    now = utcnow()
    closed = await DispatchOffer.filter(id=offer.id, status=OfferStatus.OFFERED).update(
        status=status, answered_at=now, open_order_id=None
    )
    if not closed:
        return False
    offer.status, offer.answered_at, offer.open_order_id = status, now, None
    await emit(
        EventKind.DISPATCH_OFFER_CLOSED,
        await _payload(order, offer, actor_id=actor_id, at=now.isoformat()),
    )
    return True


async def order_left_ready(order: Order) -> None:
    """The order moved on from READY some other way (a dispatcher assigned it, it was
    cancelled): its open offer is cancelled. Call inside the order's transaction."""
    for offer in await DispatchOffer.filter(order_id=order.id, status=OfferStatus.OFFERED):
        await _close(order, offer, OfferStatus.CANCELLED)


async def _locked(offer_id: int, principal: Principal) -> tuple[Order, DispatchOffer, Driver]:
    """The offer, its order (locked first, then the offer) and the caller as its driver.
    Raises NotFound unless the offer was made to the signed-in driver."""
    driver = await Driver.get_or_none(user_id=principal.user_id, is_active=True)
    found = await DispatchOffer.get_or_none(id=offer_id)
    if driver is None or found is None or found.driver_id != driver.id:
        raise NotFound("no such offer", fields={"offer_id": "unknown id"})
    order = await Order.filter(id=found.order_id).select_for_update().get()
    offer = await DispatchOffer.filter(id=offer_id).select_for_update().get()
    return order, offer, driver


def _no_longer_open() -> Conflict:
    return Conflict("this offer is no longer open", code="offer_closed")


async def accept(offer_id: int, principal: Principal) -> Order:
    """The driver takes the offered order: it is assigned to them through
    `orders.transition` (history: the driver, role driver). Raises NotFound (not their
    offer), Conflict `offer_closed` (answered, expired, cancelled or the order moved on),
    and the assignment's own errors (driver_offline when their shift ended)."""
    from services import orders  # orders calls back into this module on READY

    async with in_transaction():
        order, offer, driver = await _locked(offer_id, principal)
        if _closed(offer) or offer.expires_at <= utcnow() or order.status is not S.READY:
            raise _no_longer_open()
        if not await _close(order, offer, OfferStatus.ACCEPTED, actor_id=principal.user_id):
            raise _no_longer_open()
        try:
            return await orders.transition(
                order.id, S.ASSIGNED, principal, driver_id=driver.id, accepting_offer=True
            )
        except DomainError as exc:
            if exc.code in ("illegal_transition", "order_changed"):
                raise _no_longer_open() from None
            raise


async def decline(offer_id: int, principal: Principal) -> DispatchOffer:
    """The driver passes: the next driver is asked at once. Raises NotFound (not their
    offer), Conflict `offer_closed`."""
    async with in_transaction():
        order, offer, _driver = await _locked(offer_id, principal)
        if _closed(offer) or not await _close(
            order, offer, OfferStatus.DECLINED, actor_id=principal.user_id
        ):
            raise _no_longer_open()
        await offer_next(order)
    return offer


async def driver_went_off_shift(driver_id: int) -> int:
    """The driver ended their shift: their open offers count as declined and the next driver
    is asked at once, instead of waiting out the timeout. Returns how many were closed."""
    closed = 0
    for offer_id, order_id in await DispatchOffer.filter(
        driver_id=driver_id, status=OfferStatus.OFFERED
    ).values_list("id", "order_id"):
        async with in_transaction():
            order = await Order.filter(id=order_id).select_for_update().get()
            offer = await DispatchOffer.filter(id=offer_id).select_for_update().get()
            if _closed(offer) or not await _close(order, offer, OfferStatus.DECLINED):
                continue
            closed += 1
            await offer_next(order)
    return closed


async def driver_came_on_shift(store_id: int) -> int:
    """A driver started a shift: the store's READY orders nobody is being offered (everyone
    asked passed, or nobody was on shift) are offered again, oldest first; the dispatchers,
    told once already, are not alerted again. Returns how many offers were made."""
    if not await Store.exists(id=store_id, auto_dispatch=True):
        return 0
    made = 0
    waiting = Order.filter(store_id=store_id, status=S.READY, driver_id=None).order_by("id")
    for order_id in await waiting.values_list("id", flat=True):
        async with in_transaction():
            order = await Order.filter(id=order_id).select_for_update().get()
            made += await offer_next(order, alert=False) is not None
    return made


async def expire_due(*, now: datetime | None = None) -> int:
    """The periodic job: offers not answered in time expire and the next driver is asked.
    Safe to run in several processes at once (each offer closes once). Returns how many
    offers expired."""
    cutoff = now or utcnow()
    due = await DispatchOffer.filter(
        status=OfferStatus.OFFERED, expires_at__lte=cutoff
    ).values_list("id", "order_id")
    expired = 0
    for offer_id, order_id in due:
        async with in_transaction():
            order = await Order.filter(id=order_id).select_for_update().get()
            offer = await DispatchOffer.filter(id=offer_id).select_for_update().get()
            if _closed(offer) or not await _close(order, offer, OfferStatus.EXPIRED):
                continue
            expired += 1
            await offer_next(order)
    return expired


@dataclass(frozen=True)
class OpenOffer:
    offer: DispatchOffer
    driver_name: str


async def open_offer(order_id: int) -> OpenOffer | None:
    """The order's open offer and who it waits for, for the staff views ("offered to X,
    expires at …")."""
    offer = await DispatchOffer.get_or_none(order_id=order_id, status=OfferStatus.OFFERED)
    if offer is None:
        return None
    driver = await Driver.get(id=offer.driver_id)
    user = await User.get(id=driver.user_id)
    return OpenOffer(offer, user.name)


async def driver_offers(principal: Principal) -> list[tuple[DispatchOffer, Order]]:
    """The signed-in driver's open offers with their orders, soonest to expire first."""
    driver = await Driver.get_or_none(user_id=principal.user_id, is_active=True)
    if driver is None:
        return []
    offers = await DispatchOffer.filter(
        driver_id=driver.id, status=OfferStatus.OFFERED, expires_at__gt=utcnow()
    ).order_by("expires_at", "id")
    orders = {o.id: o for o in await Order.filter(id__in=[f.order_id for f in offers] or [0])}
    return [(f, orders[f.order_id]) for f in offers]
