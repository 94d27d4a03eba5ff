"""Drivers: shifts, availability, live location and the ETAs it refreshes."""

from __future__ import annotations

import logging

from tortoise.transactions import in_transaction

from core.bus import Bus, BusMessage
from core.clock import utcnow
from core.degrade import REDIS_DOWN, fell_back
from core.errors import Conflict, Forbidden, ValidationFailed
from core.settings import Settings
from models import Driver, DriverShift, Order
from models.enums import DriverStatus, OrderStatus
from services import auto_dispatch, route_plan
from services.delivery import eta_minutes, haversine_km
from services.events import REALTIME, EventKind, emit
from services.route_plan import EtaUpdate

log = logging.getLogger(__name__)

ACTIVE = (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP)


async def driver_for_user(user_id: int) -> Driver:
    driver = await Driver.get_or_none(user_id=user_id, is_active=True)
    if driver is None:
        raise Forbidden("you are not a driver of any store", code="not_a_driver")
    return driver


def _status_payload(driver: Driver) -> dict[str, object]:
    return {
        "store_id": driver.store_id,
        "driver_id": driver.id,
        "driver_user_id": driver.user_id,
        "status": driver.status.value,
        "at": utcnow().isoformat(),
    }


async def start_shift(user_id: int) -> DriverShift:
    """Open a shift and become available; raises shift_open when one is open already."""
    async with in_transaction():
        driver = await Driver.filter(user_id=user_id, is_active=True).select_for_update().first()
        if driver is None:
            raise Forbidden("you are not a driver of any store", code="not_a_driver")
        if await DriverShift.exists(driver_id=driver.id, ended_at__isnull=True):
            raise Conflict("your shift is already open", code="shift_open")
        shift = await DriverShift.create(
            store_id=driver.store_id, driver=driver, started_at=utcnow()
        )
        driver.status = DriverStatus.AVAILABLE
        await driver.save(update_fields=["status"])
        await emit(EventKind.DRIVER_STATUS_CHANGED, _status_payload(driver))
    # After the commit, so the new driver is among the candidates.
    await auto_dispatch.driver_came_on_shift(driver.store_id)
    return shift


async def end_shift(user_id: int) -> DriverShift:
    """Close the open shift and go offline; refused while deliveries are in hand."""
    async with in_transaction():
        driver = await Driver.filter(user_id=user_id, is_active=True).select_for_update().first()
        if driver is None:
            raise Forbidden("you are not a driver of any store", code="not_a_driver")
        shift = await DriverShift.filter(driver_id=driver.id, ended_at__isnull=True).first()
        if shift is None:
            raise Conflict("you have no open shift", code="no_shift")
        if await Order.exists(driver_id=driver.id, status__in=ACTIVE):
            raise Conflict("finish or hand back your deliveries first", code="deliveries_in_hand")
        shift.ended_at = utcnow()
        await shift.save(update_fields=["ended_at"])
        driver.status = DriverStatus.OFFLINE
        await driver.save(update_fields=["status"])
        await emit(EventKind.DRIVER_STATUS_CHANGED, _status_payload(driver))
    # After the commit, so the next driver is chosen without this one.
    await auto_dispatch.driver_went_off_shift(driver.id)
    return shift


async def open_shift(driver_id: int) -> DriverShift | None:
    return await DriverShift.filter(driver_id=driver_id, ended_at__isnull=True).first()


async def update_location(
    settings: Settings, bus: Bus, user_id: int, lat: float, lng: float
) -> list[EtaUpdate]:
    """Record where the driver is; recompute the ETA of every order they carry (straight to
    a single delivery; along the route for a run's stops); publish
    DRIVER_LOCATION_UPDATED. Returns the refreshed ETAs.

    A live location repeats every few seconds and only the latest matters: it is kept on the
    driver's row and published on the bus after commit, not written to the outbox (a lost
    update is replaced by the next one; a reconnecting page reads the latest position)."""
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationFailed("not a location on Earth", fields={"location": "out of range"})
    async with in_transaction():
        driver = await Driver.filter(user_id=user_id, is_active=True).select_for_update().first()
        if driver is None:
            raise Forbidden("you are not a driver of any store", code="not_a_driver")
        now = utcnow()
        await Driver.filter(id=driver.id).update(last_lat=lat, last_lng=lng, last_location_at=now)
        # A run's stops: the next stop, then the chain after it (services/route_plan.py).
        updates, in_runs = await route_plan.on_location(driver, (lat, lng))
        for order in await Order.filter(driver_id=driver.id, status__in=ACTIVE).order_by("id"):
            if order.id in in_runs or order.lat is None or order.lng is None:
                continue
            minutes = eta_minutes(
                haversine_km(lat, lng, order.lat, order.lng), driver.transport, settings
            )
            if order.status is OrderStatus.PICKED_UP:
                minutes -= settings.eta_base_minutes  # already out of the store
            minutes = max(1, minutes)
            await Order.filter(id=order.id).update(eta_minutes=minutes)
            updates.append(EtaUpdate(order.id, order.customer_id, minutes))
    payload = {
        "store_id": driver.store_id,
        "driver_id": driver.id,
        "driver_user_id": driver.user_id,
        "lat": lat,
        "lng": lng,
        "at": now.isoformat(),
        "orders": [u.__dict__ for u in updates],
    }
    try:
        await bus.publish(
            REALTIME, BusMessage(type=EventKind.DRIVER_LOCATION_UPDATED.value, payload=payload)
        )
    except REDIS_DOWN as exc:
        fell_back("driver location", exc)  # the row has it; the next update publishes again
    return updates
