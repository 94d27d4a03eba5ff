"""Cash that drivers carry: collected at handover (services.orders records it per shift) and
handed in to a manager, which brings the driver's balance back to zero."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from core.errors import NotFound, ValidationFailed
from core.security import Principal
from models import CashDrop, Driver, DriverShift
from services.orders import check_store_staff


@dataclass(frozen=True)
class DriverCash:
    driver: Driver
    name: str
    balance_cents: int
    on_shift: bool


async def driver_balances(principal: Principal, store_id: int) -> list[DriverCash]:
    """Every active driver of the store with the cash they hold now (collected − handed in)."""
    check_store_staff(principal, store_id)
    result = []
    drivers = await Driver.filter(store_id=store_id, is_active=True).prefetch_related("user")
    for driver in drivers:
        shifts = await DriverShift.filter(driver_id=driver.id)
        balance = sum(s.cash_collected_cents - s.cash_dropped_cents for s in shifts)
        on_shift = any(s.ended_at is None for s in shifts)
        result.append(DriverCash(driver, driver.user.name, balance, on_shift))
    return result


async def hand_in_cash(principal: Principal, store_id: int, driver_id: int) -> int:
    """Record that the driver handed all the cash they hold to `principal`: one CashDrop row
    (received_by) and every shift's balance to zero. Returns the amount; raises NotFound for
    a driver of another store, ValidationFailed when they hold nothing."""
    check_store_staff(principal, store_id)
    async with in_transaction():
        driver = await Driver.filter(id=driver_id, store_id=store_id).select_for_update().first()
        if driver is None:
            raise NotFound("no such driver", fields={"driver_id": "unknown id"})
        shifts = await DriverShift.filter(driver_id=driver.id)
        owed = [s for s in shifts if s.cash_collected_cents != s.cash_dropped_cents]
        amount = sum(s.cash_collected_cents - s.cash_dropped_cents for s in owed)
        if amount == 0:
            raise ValidationFailed("this driver holds no cash", fields={"driver_id": "no cash"})
        for shift in owed:
            await DriverShift.filter(id=shift.id).update(
                cash_dropped_cents=shift.cash_collected_cents
            )
        latest = max(owed, key=lambda s: s.started_at)
        await CashDrop.create(
            store_id=store_id,
            driver_id=driver.id,
            shift_id=latest.id,
            amount_cents=amount,
            received_by_id=principal.user_id,
            note="handed in",
        )
    return amount
