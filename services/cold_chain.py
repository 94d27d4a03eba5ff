"""Cold-chain goods: a short delivery slot, a driver whose vehicle has a cooler, and the
driver's "kept cold" at handover. The rules live here; checkout and the order state machine
call them."""

from __future__ import annotations

from core.clock import utcnow
from core.errors import Conflict, NotFound, ValidationFailed
from core.security import Principal
from models import Driver, Order, OrderEvent, Store, TimeSlot, Vehicle
from models.enums import OrderEventKind, OrderStatus, Role


def check_slot_length(store: Store, slot: TimeSlot) -> None:
    """Raise ValidationFailed `cold_chain_slot_too_long` when the slot is longer than the
    store's cold-chain limit (cold goods must not wait in a van for hours)."""
    minutes = (slot.ends_at - slot.starts_at).total_seconds() / 60
    if minutes > store.cold_chain_max_slot_minutes:
        raise ValidationFailed(
            "this delivery slot is too long for cold-chain goods",
            code="cold_chain_slot_too_long",
            fields={"slot_id": f"at most {store.cold_chain_max_slot_minutes} minutes long"},
            extra={"max_minutes": store.cold_chain_max_slot_minutes},
        )


async def check_driver(order: Order, driver: Driver) -> None:
    """Raise Conflict `driver_no_cooler` when a cold-chain order would go to a driver whose
    vehicle has no cooler (or who has no vehicle on record)."""
    if not order.cold_chain:
        return
    cooled = (
        driver.vehicle_id is not None
        and await Vehicle.filter(id=driver.vehicle_id, has_cooler=True, is_active=True).exists()
    )
    if not cooled:
        raise Conflict(
            "this order must stay cold: choose a driver whose vehicle has a cooler",
            code="driver_no_cooler",
            fields={"driver_id": "vehicle has no cooler"},
        )


async def confirm_kept_cold(order_id: int, principal: Principal) -> Order:
    """The driver carrying a cold-chain order confirms it was kept cold. Idempotent: a
    second tap keeps the first time. Raises NotFound (not their delivery)."""
    driver = await Driver.get_or_none(user_id=principal.user_id, is_active=True)
    order = await Order.get_or_none(id=order_id)
    if (
        driver is None
        or order is None
        or order.driver_id != driver.id
        or not order.cold_chain
        or order.status not in (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP, OrderStatus.DELIVERED)
    ):
        raise NotFound("no such delivery", fields={"order_id": "unknown id"})
    moved = await Order.filter(id=order.id, kept_cold_at__isnull=True).update(kept_cold_at=utcnow())
    if moved:
        await OrderEvent.create(
            store_id=order.store_id,
            order_id=order.id,
            kind=OrderEventKind.KEPT_COLD,
            actor_id=principal.user_id,
            actor_role=Role.DRIVER,
        )
    await order.refresh_from_db()
    return order
