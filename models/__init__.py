"""Tortoise models, one module per domain. Every store-owned table carries `store_id`."""

from models.analytics import ClientEvent, SessionRecording
from models.carts import Cart, CartItem
from models.catalog import (
    Brand,
    Category,
    Favorite,
    Inventory,
    InventoryLog,
    Product,
    ProductAuditLog,
    ProductVariant,
    Review,
    SearchLog,
)
from models.drivers import CashDrop, Driver, DriverShift, Vehicle
from models.marketing import (
    Banner,
    Campaign,
    CustomerPlan,
    PlanSwitchLog,
    PromoCode,
    PromoRedemption,
    Reward,
)
from models.orders import CheckoutLog, Order, OrderEvent, OrderItem, OrderStatusHistory
from models.outbox import OutboxMessage
from models.stores import AlertRecipient, DeliveryZone, Employee, SlotRule, Store, TimeSlot
from models.telegram import BotMessage, StaffLinkCode
from models.users import (
    Address,
    LoginLog,
    OtpCode,
    OtpLog,
    PasswordResetToken,
    PendingRegistration,
    ProfileChange,
    RefreshToken,
    User,
)
from models.wallets import (
    AddressCounter,
    CryptoDeposit,
    CryptoTransaction,
    Wallet,
    WalletTransaction,
)

__all__ = [
    "Address",
    "AddressCounter",
    "AlertRecipient",
    "Banner",
    "BotMessage",
    "Brand",
    "Campaign",
    "Cart",
    "CartItem",
    "CashDrop",
    "Category",
    "CheckoutLog",
    "ClientEvent",
    "CryptoDeposit",
    "CryptoTransaction",
    "CustomerPlan",
    "DeliveryZone",
    "Driver",
    "DriverShift",
    "Employee",
    "Favorite",
    "Inventory",
    "InventoryLog",
    "LoginLog",
    "Order",
    "OrderEvent",
    "OrderItem",
    "OrderStatusHistory",
    "OtpCode",
    "OtpLog",
    "OutboxMessage",
    "PasswordResetToken",
    "PendingRegistration",
    "PlanSwitchLog",
    "Product",
    "ProductAuditLog",
    "ProductVariant",
    "ProfileChange",
    "PromoCode",
    "PromoRedemption",
    "RefreshToken",
    "Review",
    "Reward",
    "SearchLog",
    "SessionRecording",
    "SlotRule",
    "StaffLinkCode",
    "Store",
    "TimeSlot",
    "User",
    "Vehicle",
    "Wallet",
    "WalletTransaction",
]
