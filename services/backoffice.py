"""What the console's tables read: each source is a queryset already narrowed to what the
principal may see (tenancy is decided here, not in the console)."""

from __future__ import annotations

from tortoise.queryset import QuerySet

from core.errors import NotFound
from core.security import Principal
from models import (
    DeliveryZone,
    Driver,
    Employee,
    Inventory,
    InventoryLog,
    Order,
    ProductVariant,
    PromoCode,
    SlotRule,
    Store,
    User,
)
from models.enums import Role
from services.orders import check_store_staff


async def member_stores(principal: Principal) -> list[Store]:
    """The stores the principal works for (every store for an admin), for the switcher."""
    if principal.role == Role.ADMIN:
        return await Store.all().order_by("name", "id")
    return await Store.filter(id__in=list(principal.store_ids)).order_by("name", "id")


async def store_for(principal: Principal, store_id: int) -> Store:
    """A store the principal works for (admins: any); raises NotFound otherwise, so a
    stranger learns nothing about other stores."""
    store = await Store.get_or_none(id=store_id)
    if store is None or not principal.can_access_store(store_id):
        raise NotFound("no such store", fields={"store_id": "unknown id"})
    return store


def stores_query(principal: Principal) -> QuerySet[Store]:
    if principal.role == Role.ADMIN:
        return Store.all()
    return Store.filter(id__in=list(principal.store_ids))


def store_orders_query(principal: Principal, store_id: int) -> QuerySet[Order]:
    """Every order of the store, for its staff (drivers excluded)."""
    check_store_staff(principal, store_id)
    return Order.filter(store_id=store_id)


def staff_query(store_id: int) -> QuerySet[Employee]:
    return Employee.filter(store_id=store_id)


def variants_query(store_id: int) -> QuerySet[ProductVariant]:
    return ProductVariant.filter(store_id=store_id)


def promos_query(store_id: int) -> QuerySet[PromoCode]:
    return PromoCode.filter(store_id=store_id)


def store_customers_query(principal: Principal, store_id: int) -> QuerySet[User]:
    """Customers who ordered in the store, for its staff."""
    check_store_staff(principal, store_id)
    return User.filter(role=Role.CUSTOMER, orders__store_id=store_id).distinct()


async def zones(store_id: int) -> list[DeliveryZone]:
    return await DeliveryZone.filter(store_id=store_id).order_by("-priority", "id")


async def slot_rules(store_id: int) -> list[SlotRule]:
    return await SlotRule.filter(store_id=store_id).order_by("weekday", "start", "id")


async def store_drivers(store_id: int) -> list[Driver]:
    return await Driver.filter(store_id=store_id, is_active=True).prefetch_related("user")


async def variant_file(
    store_id: int, variant_id: int
) -> tuple[ProductVariant, int, list[InventoryLog]]:
    """One variant of the store with its product, stock now and latest inventory changes;
    raises NotFound."""
    variant = await ProductVariant.get_or_none(id=variant_id, store_id=store_id).prefetch_related(
        "product"
    )
    if variant is None:
        raise NotFound("no such product", fields={"variant_id": "unknown id"})
    stock = await Inventory.get_or_none(store_id=store_id, variant_id=variant_id)
    log = await InventoryLog.filter(variant_id=variant_id).order_by("-created_at", "-id").limit(30)
    return variant, stock.quantity if stock else 0, log
