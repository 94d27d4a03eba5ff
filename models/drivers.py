from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk
from models.enums import DriverStatus, TransportType


class Vehicle(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("vehicles")
    store_id: int
    transport = fields.CharEnumField(TransportType, max_length=8)
    plate = fields.CharField(max_length=32, default="")
    description = fields.CharField(max_length=200, default="")
    # Can carry cold-chain goods.
    has_cooler = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "vehicles"


class Driver(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("drivers")
    store_id: int
    user: fields.OneToOneRelation = fields.OneToOneField("models.User", related_name="driver")
    user_id: int
    vehicle: fields.ForeignKeyNullableRelation[Vehicle] = fields.ForeignKeyField(
        "models.Vehicle", related_name="drivers", null=True, on_delete=fields.SET_NULL
    )
    vehicle_id: int | None
    transport = fields.CharEnumField(TransportType, max_length=8, default=TransportType.CAR)
    status = fields.CharEnumField(DriverStatus, max_length=16, default=DriverStatus.OFFLINE)
    last_lat = fields.FloatField(null=True)
    last_lng = fields.FloatField(null=True)
    last_location_at = fields.DatetimeField(null=True)
    # Stored encrypted with the secret box.
    pushover_user_key = fields.CharField(max_length=512, default="")
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "drivers"
        indexes = (("store", "status"),)


class DriverShift(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("driver_shifts")
    store_id: int
    driver: fields.ForeignKeyRelation[Driver] = fields.ForeignKeyField(
        "models.Driver", related_name="shifts", db_index=True
    )
    driver_id: int
    started_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    cash_collected_cents = money()
    cash_dropped_cents = money()

    class Meta:
        table = "driver_shifts"


class CashDrop(Model):
    """Cash a driver collected or handed in, per shift."""

    id = fields.IntField(primary_key=True)
    store = store_fk("cash_drops")
    store_id: int
    driver: fields.ForeignKeyRelation[Driver] = fields.ForeignKeyField(
        "models.Driver", related_name="cash_drops", db_index=True
    )
    driver_id: int
    shift: fields.ForeignKeyNullableRelation[DriverShift] = fields.ForeignKeyField(
        "models.DriverShift", related_name="cash_drops", null=True, on_delete=fields.SET_NULL
    )
    shift_id: int | None
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order", related_name="cash_drops", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    amount_cents = money()
    received_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="cash_received", null=True, on_delete=fields.SET_NULL
    )
    received_by_id: int | None
    note = fields.CharField(max_length=200, default="")
    created_at = created_at()

    class Meta:
        table = "cash_drops"


class DeliveryRun(Model):
    """Several ready orders of one store given to one driver as one trip. The stops are the
    orders with `run` set, in `run_position` order (a nearest-neighbour route from the store).
    The pace is copied from the settings when the run is made, so every later ETA of the run
    (a stop done, a live location) is counted the same way."""

    id = fields.IntField(primary_key=True)
    store = store_fk("delivery_runs")
    store_id: int
    driver: fields.ForeignKeyRelation[Driver] = fields.ForeignKeyField(
        "models.Driver", related_name="runs", db_index=True
    )
    driver_id: int
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="runs_created", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    # Minutes per km for the driver's transport, handling at the store, handover per stop.
    minutes_per_km = fields.FloatField()
    base_minutes = fields.IntField()
    stop_minutes = fields.IntField()
    created_at = created_at()
    # Set when no stop is left to deliver.
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "delivery_runs"
