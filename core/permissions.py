"""Who may do what: one table, read by the API's guards and by the services."""

from __future__ import annotations

from enum import StrEnum

from models.enums import Role


class Permission(StrEnum):
    PLACE_ORDERS = "place_orders"
    VIEW_STORE_ORDERS = "view_store_orders"
    MANAGE_ORDERS = "manage_orders"
    DELIVER_ORDERS = "deliver_orders"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_STAFF = "manage_staff"
    MANAGE_PROMOS = "manage_promos"
    VIEW_ANALYTICS = "view_analytics"
    MANAGE_BILLING = "manage_billing"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_STORES = "manage_stores"
    # A store's delivery set-up: zones, slot rules, opening hours.
    MANAGE_DELIVERY = "manage_delivery"
    # Approve or reject prescriptions: a pharmacist's right, granted per store (GRANTABLE).
    REVIEW_PRESCRIPTIONS = "review_prescriptions"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CUSTOMER: frozenset({P.PLACE_ORDERS}),
    Role.DRIVER: frozenset({P.DELIVER_ORDERS}),
    Role.DISPATCHER: frozenset({P.VIEW_STORE_ORDERS, P.MANAGE_ORDERS}),
    # Managers run a store but hold no billing or settings rights.
    Role.MANAGER: frozenset(
        {
            P.VIEW_STORE_ORDERS,
            P.MANAGE_ORDERS,
            P.MANAGE_CATALOG,
            P.MANAGE_STAFF,
            P.MANAGE_PROMOS,
            P.MANAGE_DELIVERY,
            P.VIEW_ANALYTICS,
        }
    ),
    Role.ADMIN: frozenset(Permission),
}


# Rights a role does not carry by itself but a store may grant to one of its employees
# (`Employee.is_pharmacist`); admins hold every right anyway.
GRANTABLE: dict[Permission, frozenset[Role]] = {
    P.REVIEW_PRESCRIPTIONS: frozenset({Role.MANAGER, Role.DISPATCHER}),
}


def may_be_granted(role: str, permission: Permission) -> bool:
    try:
        return Role(role) in GRANTABLE.get(permission, frozenset())
    except ValueError:
        return False


def has_permission(role: str, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
