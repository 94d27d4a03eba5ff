"""A store's fleet: its vehicles, which driver drives which, and the drivers' shifts with the
cash each shift still holds (collected at handover − handed in, services.cash)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.errors import NotFound, ValidationFailed
from models import Driver, DriverShift, Store, Vehicle
from models.enums import TransportType


def vehicles_query(store_id: int) -> QuerySet[Vehicle]:
    return Vehicle.filter(store_id=store_id)


def shifts_query(store_id: int) -> QuerySet[DriverShift]:
    """Every shift of the store's drivers, newest first by default in the console."""
    return DriverShift.filter(store_id=store_id)


async def active_vehicles(store_id: int) -> list[Vehicle]:
    return await Vehicle.filter(store_id=store_id, is_active=True).order_by("plate", "id")


async def add_vehicle(store_id: int, values: dict[str, Any]) -> Vehicle:
    """A new active vehicle of the store (api/schemas/fleet.VehicleIn's fields)."""
    return await Vehicle.create(
        store_id=store_id,
        transport=TransportType(values["transport"]),
        plate=values.get("plate", "").strip().upper(),
        description=values.get("description", "").strip(),
        has_cooler=bool(values.get("has_cooler", False)),
    )


async def set_vehicle_active(store_id: int, vehicle_id: int, active: bool) -> Vehicle:
    """Take a vehicle of the store out of service (its drivers lose it) or back in; raises
    NotFound."""
    async with in_transaction():
        vehicle = await Vehicle.filter(id=vehicle_id, store_id=store_id).select_for_update().first()
        if vehicle is None:
            raise NotFound("no such vehicle", fields={"vehicle_id": "unknown id"})
        vehicle.is_active = active
        await vehicle.save(update_fields=["is_active"])
        if not active:
            await Driver.filter(vehicle_id=vehicle.id).update(vehicle_id=None)
    return vehicle


async def assign_vehicle(store_id: int, driver_id: int, vehicle_id: int | None) -> Driver:
    """Give the store's driver one of its active vehicles (their transport follows it, which
    the ETA uses), or none. Raises NotFound naming driver_id, ValidationFailed naming
    vehicle_id (another store's, or out of service)."""
    driver = await Driver.get_or_none(id=driver_id, store_id=store_id)
    if driver is None:
        raise NotFound("no such driver", fields={"driver_id": "unknown id"})
    vehicle = None
    if vehicle_id is not None:
        vehicle = await Vehicle.get_or_none(id=vehicle_id, store_id=store_id, is_active=True)
        if vehicle is None:
            raise ValidationFailed(
                "no such vehicle", fields={"vehicle_id": "an active vehicle of this store"}
            )
    driver.vehicle_id = vehicle.id if vehicle else None
    fields = ["vehicle_id"]
    if vehicle is not None:
        driver.transport = vehicle.transport
        fields.append("transport")
    await driver.save(update_fields=fields)
    return driver


@dataclass(frozen=True)
class OwnCash:
    """What a driver sees of their own money: the cash they hold now and their last shifts."""

    store: Store
    balance_cents: int
    shifts: list[DriverShift]


async def own_cash(user_id: int, *, recent: int = 10) -> OwnCash | None:
    """The signed-in driver's cash held (collected − handed in over every shift) and their
    latest shifts; None for someone who is not a driver."""
    driver = await Driver.get_or_none(user_id=user_id, is_active=True)
    if driver is None:
        return None
    shifts = await DriverShift.filter(driver_id=driver.id).order_by("-started_at", "-id")
    balance = sum(s.cash_collected_cents - s.cash_dropped_cents for s in shifts)
    return OwnCash(await Store.get(id=driver.store_id), balance, shifts[:recent])
