"""Every enumeration the models, services, API and tests share."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CUSTOMER = "customer"
    ADMIN = "admin"
    MANAGER = "manager"
    DISPATCHER = "dispatcher"
    DRIVER = "driver"

    @property
    def is_staff(self) -> bool:
        return self is not Role.CUSTOMER


class OrderStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    READY = "ready"
    ASSIGNED = "assigned"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    # Could not be delivered: on its way back, then received back by the pharmacy.
    RETURNING = "returning"
    RETURNED = "returned"


class OrderEventKind(StrEnum):
    """Things that happen to an order without changing its status."""

    ID_CHECKED = "id_checked"
    HANDOVER_REFUSED = "handover_refused"
    REFUNDED = "refunded"
    PRESCRIPTION_SUBMITTED = "prescription_submitted"
    PRESCRIPTION_APPROVED = "prescription_approved"
    PRESCRIPTION_REJECTED = "prescription_rejected"
    KEPT_COLD = "kept_cold"
    CHAT_MESSAGE = "chat_message"
    PROOF_PHOTO = "proof_photo"


class PrescriptionState(StrEnum):
    """Where an order with prescription-only items stands with the pharmacist."""

    NONE = "none"
    REQUIRED = "required"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class IdDocument(StrEnum):
    """The kind of document the driver saw at handover (its number is never recorded)."""

    ID_CARD = "id_card"
    PASSPORT = "passport"
    DRIVING_LICENCE = "driving_licence"
    RESIDENCE_PERMIT = "residence_permit"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    CRYPTO = "crypto"


class PaymentState(StrEnum):
    DUE_ON_DELIVERY = "due_on_delivery"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    REFUND_DUE = "refund_due"
    REFUNDED = "refunded"
    VOID = "void"


class TransportType(StrEnum):
    FOOT = "foot"
    BIKE = "bike"
    CAR = "car"


class DriverStatus(StrEnum):
    OFFLINE = "offline"
    AVAILABLE = "available"
    BUSY = "busy"


class PromoKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class WalletTxKind(StrEnum):
    TOPUP = "topup"
    PAYMENT = "payment"
    CASHBACK = "cashback"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"
    CRYPTO_DEPOSIT = "crypto_deposit"
    REFERRAL = "referral"


class RewardKind(StrEnum):
    CASHBACK = "cashback"
    REFERRAL = "referral"
    BONUS = "bonus"


class RefundStatus(StrEnum):
    DUE = "due"
    SETTLED = "settled"


class RefundTarget(StrEnum):
    WALLET = "wallet"  # credited to the customer's wallet in the store
    PAYER = "payer"  # sent back the way it came (crypto: with the txid)


class RewardStatus(StrEnum):
    PENDING = "pending"
    CREDITED = "credited"
    REVOKED = "revoked"


class OtpPurpose(StrEnum):
    REGISTER = "register"
    LOGIN = "login"
    ATTACH_PHONE = "attach_phone"


class OtpChannel(StrEnum):
    WHATSAPP = "whatsapp"
    SMS = "sms"
    CONSOLE = "console"


class OtpEvent(StrEnum):
    SENT = "sent"
    VERIFIED = "verified"
    FAILED = "failed"
    BLOCKED = "blocked"
    DELIVERY_FAILED = "delivery_failed"


class CheckoutStep(StrEnum):
    CART_PRICED = "cart_priced"
    ADDRESS_CHECKED = "address_checked"
    SLOT_CHOSEN = "slot_chosen"
    PAYMENT_CHOSEN = "payment_chosen"
    PLACED = "placed"
    FAILED = "failed"


class InventoryReason(StrEnum):
    ORDER = "order"
    CANCEL = "cancel"
    RESTOCK = "restock"
    ADJUSTMENT = "adjustment"
    RETURN = "return"


class CryptoDepositStatus(StrEnum):
    AWAITING = "awaiting"
    CONFIRMING = "confirming"
    PAID = "paid"
    UNDERPAID = "underpaid"
    OVERPAID = "overpaid"
    EXPIRED = "expired"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"


class OfferStatus(StrEnum):
    """A READY order offered to one driver by auto-dispatch (services/auto_dispatch.py)."""

    OFFERED = "offered"  # waiting for the driver's answer, until expires_at
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # no answer in the store's offer timeout
    CANCELLED = "cancelled"  # the order left READY another way (a dispatcher assigned it)
