"""Delivery runs: several ready orders of one store given to one driver as one trip.

`assign_run` is the one way to make a run (the API, the dispatcher bot, and later
auto-dispatch offering a run): all the orders or none, each READY → ASSIGNED through
`orders.transition()` (status history with actor and role), the orders locked in id order so
two runs sharing an order cannot both take it. The route and the ETAs are
services/route_plan.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from core.errors import Conflict, NotFound, ValidationFailed
from core.security import Principal
from core.settings import Settings
from models import DeliveryRun, Driver, Order, Store
from models.enums import DriverStatus, OrderStatus, Role
from services import orders
from services.route_plan import Pace, chain_etas, nearest_neighbour, point_of

MIN_STOPS = 2
MAX_STOPS = 20
TAKEN = (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP)


@dataclass(frozen=True)
class RunView:
    run: DeliveryRun
    driver_name: str
    # The stops in route order (each order's `run_position` and `eta_minutes`).
    stops: list[Order]


def check_order_ids(order_ids: Sequence[int]) -> list[int]:
    """Between MIN_STOPS and MAX_STOPS distinct ids; raises ValidationFailed on `order_ids`."""
    if not MIN_STOPS <= len(order_ids) <= MAX_STOPS:
        raise ValidationFailed(
            f"a run has {MIN_STOPS} to {MAX_STOPS} orders",
            code="run_size",
            fields={"order_ids": f"{MIN_STOPS} to {MAX_STOPS} orders"},
        )
    if len(set(order_ids)) != len(order_ids):
        raise ValidationFailed(
            "an order appears twice", code="run_duplicate", fields={"order_ids": "duplicate ids"}
        )
    return list(order_ids)


def _ids(rows: Sequence[Order]) -> str:
    return ", ".join(o.number for o in rows)


async def assign_run(
    *,
    store_id: int,
    driver_id: int,
    order_ids: Sequence[int],
    principal: Principal,
    settings: Settings,
) -> RunView:
    """Give the driver (active, on shift, of the store) the store's READY orders as one run,
    stops in nearest-neighbour order from the store with an ETA each; each customer is told
    through the order's ASSIGNED event. All or nothing, in one transaction.

    Raises Forbidden (not staff of the store), ValidationFailed `run_size` / `run_duplicate`
    (`order_ids`), `driver_offline`, `order_not_ready` (`order_ids`, with `extra.order_ids`),
    NotFound `driver_id` / `run_order_not_found` (`order_ids`: not this store's), Conflict
    `order_taken` when an order already has a driver (another run or dispatcher won), and
    whatever `orders.transition` raises for one of them (cold chain, `order_changed`)."""
    orders.check_store_staff(principal, store_id)
    ids = check_order_ids(order_ids)
    async with in_transaction():
        driver = (
            await Driver.filter(id=driver_id, store_id=store_id, is_active=True)
            .select_for_update()
            .first()
        )
        if driver is None:
            raise NotFound("no such driver in this store", fields={"driver_id": "unknown id"})
        if driver.status is DriverStatus.OFFLINE:
            raise ValidationFailed(
                "this driver is not on shift",
                code="driver_offline",
                fields={"driver_id": "not on shift"},
            )
        # Locked in id order: two runs that share orders wait for each other, never deadlock.
        rows = await Order.filter(id__in=ids).order_by("id").select_for_update()
        rows = [o for o in rows if o.store_id == store_id]
        if len(rows) != len(ids):
            unknown = sorted(set(ids) - {o.id for o in rows})
            raise NotFound(
                "some orders are not this store's",
                code="run_order_not_found",
                fields={"order_ids": "unknown ids: " + ", ".join(map(str, unknown))},
                extra={"order_ids": unknown},
            )
        if taken := [o for o in rows if o.status in TAKEN]:
            raise Conflict(
                f"already given to a driver: {_ids(taken)}",
                code="order_taken",
                fields={"order_ids": "already assigned: " + _ids(taken)},
                extra={"order_ids": [o.id for o in taken]},
            )
        if not_ready := [o for o in rows if o.status is not OrderStatus.READY]:
            raise ValidationFailed(
                f"not ready for delivery: {_ids(not_ready)}",
                code="order_not_ready",
                fields={"order_ids": "not ready: " + _ids(not_ready)},
                extra={"order_ids": [o.id for o in not_ready]},
            )
        store = await Store.get(id=store_id)
        origin = point_of(store.lat, store.lng)
        by_id = {o.id: o for o in rows}
        route = nearest_neighbour(origin, [(o.id, point_of(o.lat, o.lng)) for o in rows])
        pace = Pace.of(driver.transport, settings)
        etas = chain_etas(
            origin, [point_of(by_id[i].lat, by_id[i].lng) for i in route], pace, in_store=True
        )
        run = await DeliveryRun.create(
            store_id=store_id,
            driver=driver,
            created_by_id=principal.user_id or None,
            minutes_per_km=pace.minutes_per_km,
            base_minutes=pace.base_minutes,
            stop_minutes=pace.stop_minutes,
        )
        for position, (order_id, minutes) in enumerate(zip(route, etas, strict=True), start=1):
            # Before the move, so the ASSIGNED event's readers see the stop and its ETA.
            await Order.filter(id=order_id).update(
                run_id=run.id, run_position=position, eta_minutes=minutes
            )
            await orders.transition(order_id, OrderStatus.ASSIGNED, principal, driver_id=driver.id)
    return await _view(run)


async def assign_run_for_driver(
    *, principal: Principal, driver_id: int, order_ids: Sequence[int], settings: Settings
) -> RunView:
    """`assign_run` in the driver's store; NotFound on `driver_id` for a driver the principal
    does not manage (another store's driver is not revealed)."""
    driver = await Driver.get_or_none(id=driver_id, is_active=True)
    if driver is None or not principal.can_access_store(driver.store_id):
        raise NotFound("no such driver in your stores", fields={"driver_id": "unknown id"})
    return await assign_run(
        store_id=driver.store_id,
        driver_id=driver.id,
        order_ids=order_ids,
        principal=principal,
        settings=settings,
    )


async def _view(run: DeliveryRun) -> RunView:
    driver = await Driver.get(id=run.driver_id).prefetch_related("user")
    stops = await Order.filter(run_id=run.id).order_by("run_position")
    return RunView(run, driver.user.name, stops)


async def get_run(principal: Principal, run_id: int) -> RunView:
    """The run for its store's staff or its driver; NotFound for anyone else."""
    run = await DeliveryRun.get_or_none(id=run_id)
    if run is None:
        raise NotFound("no such run", code="run_not_found", fields={"run_id": "unknown id"})
    if principal.role == Role.DRIVER:
        driver = await Driver.get_or_none(user_id=principal.user_id, is_active=True)
        allowed = driver is not None and driver.id == run.driver_id
    else:
        allowed = (
            principal.is_staff
            and principal.role != Role.DRIVER
            and principal.can_access_store(run.store_id)
        )
    if not allowed:
        raise NotFound("no such run", code="run_not_found", fields={"run_id": "unknown id"})
    return await _view(run)


async def run_of(order: Order) -> RunView | None:
    """The run the order is a stop of, if any (for the order's screens)."""
    if order.run_id is None:
        return None
    run = await DeliveryRun.get_or_none(id=order.run_id)
    return await _view(run) if run else None
