"""The route of a delivery run and the ETA of each stop, and keeping those ETAs current.

The route is nearest-neighbour: from the store, always drive to the closest stop not yet
visited (straight-line distance, `haversine_km`). Orders without coordinates cannot be placed
on a route: they go last, in the order given, and have no ETA (`eta_minutes` null) — the
driver finds them by the address text. A store without coordinates starts the route at the
first located order.

The ETA of a stop is the minutes until the driver reaches it: the handling time at the store
(`ETA_BASE_MINUTES`, only while the run has not left the store), plus the travel time of every
leg up to it (minutes per km of the driver's transport, as `eta_minutes` counts it), plus the
handover time (`RUN_STOP_MINUTES`) at every stop before it. The pace is copied onto the run
when it is made, so later recounts agree with the first one.

As the run goes the ETAs of the stops left are counted again along the same route: from a
stop just delivered or given up (its handover is done), from the driver's live location, or,
when a stop is cancelled, from the driver (or the store while nothing is picked up yet).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from core.clock import utcnow
from core.settings import Settings
from models import DeliveryRun, Driver, Order, Store
from models.enums import OrderStatus, TransportType
from services.delivery import haversine_km, minutes_per_km, travel_minutes
from services.events import EventKind, emit

Point = tuple[float, float]
K = TypeVar("K", bound=Hashable)
ON_THE_WAY = (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP)
# A stop that is over, one way or another: the route goes on from the next one.
STOP_OVER = frozenset({OrderStatus.DELIVERED, OrderStatus.RETURNING, OrderStatus.CANCELLED})


@dataclass(frozen=True)
class Pace:
    minutes_per_km: float
    base_minutes: int
    stop_minutes: int

    @classmethod
    def of(cls, transport: TransportType, settings: Settings) -> Pace:
        return cls(
            minutes_per_km(transport, settings),
            settings.eta_base_minutes,
            settings.run_stop_minutes,
        )

    @classmethod
    def of_run(cls, run: DeliveryRun) -> Pace:
        return cls(run.minutes_per_km, run.base_minutes, run.stop_minutes)


@dataclass(frozen=True)
class EtaUpdate:
    order_id: int
    customer_id: int
    eta_minutes: int


def point_of(lat: float | None, lng: float | None) -> Point | None:
    return (lat, lng) if lat is not None and lng is not None else None


def nearest_neighbour(origin: Point | None, stops: Sequence[tuple[K, Point | None]]) -> list[K]:
    """The stops' keys in nearest-neighbour order from `origin`; a tie goes to the stop given
    first; stops without a point go last, in the order given."""
    located = [(key, point) for key, point in stops if point is not None]
    unlocated = [key for key, point in stops if point is None]
    route: list[K] = []
    here = origin
    while located:
        index = 0
        if here is not None:
            distances = [haversine_km(here[0], here[1], p[0], p[1]) for _, p in located]
            index = distances.index(min(distances))  # the first of equals: the order given
        key, here = located.pop(index)
        route.append(key)
    return route + unlocated


def chain_etas(
    origin: Point | None, stops: Sequence[Point | None], pace: Pace, *, in_store: bool
) -> list[int | None]:
    """Minutes until the driver reaches each stop, visiting them in the order given, starting
    at `origin` (with the store's handling time first when `in_store`); a handover at each
    stop before. None for a stop without a point."""
    elapsed = pace.base_minutes if in_store else 0
    here = origin
    after_a_stop = False
    result: list[int | None] = []
    for point in stops:
        if point is None:
            result.append(None)
            continue
        if after_a_stop:
            elapsed += pace.stop_minutes
        if here is not None:
            elapsed += travel_minutes(
                haversine_km(here[0], here[1], point[0], point[1]), pace.minutes_per_km
            )
        result.append(max(1, elapsed))
        here, after_a_stop = point, True
    return result


async def remaining_stops(run_id: int) -> list[Order]:
    return await Order.filter(run_id=run_id, status__in=ON_THE_WAY).order_by("run_position")


async def recount(run: DeliveryRun, origin: Point | None, *, in_store: bool) -> list[EtaUpdate]:
    """Count the ETAs of the run's stops left from `origin` and store them on the orders; the
    run is finished when none is left. Call inside the transaction that moved the run on."""
    stops = await remaining_stops(run.id)
    if not stops:
        if run.finished_at is None:
            await DeliveryRun.filter(id=run.id).update(finished_at=utcnow())
        return []
    etas = chain_etas(
        origin, [point_of(o.lat, o.lng) for o in stops], Pace.of_run(run), in_store=in_store
    )
    updates = []
    for order, minutes in zip(stops, etas, strict=True):
        await Order.filter(id=order.id).update(eta_minutes=minutes)
        if minutes is not None:
            updates.append(EtaUpdate(order.id, order.customer_id, minutes))
    return updates


async def stop_over(order: Order) -> None:
    """A stop of a run is over (delivered, not delivered, cancelled): count the ETAs of the
    stops left again, from this stop when the driver was there, and tell the customers'
    pages (DRIVER_ETAS_UPDATED, through the outbox). Call inside the transaction of the
    move, after it."""
    if order.run_id is None:
        return
    run = await DeliveryRun.get_or_none(id=order.run_id)
    if run is None:
        return
    driver = await Driver.get_or_none(id=run.driver_id)
    stops = await remaining_stops(run.id)
    in_store = bool(stops) and all(o.status is OrderStatus.ASSIGNED for o in stops)
    here = point_of(order.lat, order.lng)
    if order.status is OrderStatus.CANCELLED or here is None:
        here = point_of(driver.last_lat, driver.last_lng) if driver else None
        if in_store or here is None:
            store = await Store.get(id=run.store_id)
            here = point_of(store.lat, store.lng)
    else:
        in_store = False  # the driver is at this stop, with the rest on board
    updates = await recount(run, here, in_store=in_store)
    if updates and driver is not None:
        await emit(
            EventKind.DRIVER_ETAS_UPDATED,
            {
                "store_id": run.store_id,
                "driver_id": run.driver_id,
                "driver_user_id": driver.user_id,
                "run_id": run.id,
                "at": utcnow().isoformat(),
                "orders": [u.__dict__ for u in updates],
            },
        )


async def on_location(driver: Driver, here: Point) -> tuple[list[EtaUpdate], set[int]]:
    """The driver is at `here`: recount the ETAs of every open run of theirs from there (the
    next stop, then the chain after it). Returns the updates and the ids of the stops counted."""
    updates: list[EtaUpdate] = []
    counted: set[int] = set()
    for run in await DeliveryRun.filter(driver_id=driver.id, finished_at__isnull=True):
        stops = await remaining_stops(run.id)
        counted |= {o.id for o in stops}
        in_store = any(o.status is OrderStatus.ASSIGNED for o in stops)
        updates += await recount(run, here, in_store=in_store)
    return updates, counted
