from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models import Order, OrderEvent, OrderItem, OrderStatusHistory, Refund
from models.enums import (
    IdDocument,
    OrderEventKind,
    OrderStatus,
    PaymentMethod,
    RefundStatus,
    RefundTarget,
)
from services.cart import CartView

MAX_QTY = 999
INT32 = 2**31 - 1
# Money-path numbers are strict: `true`, `"2"` and `2.0` are refused, not coerced.
RowId = Annotated[int, Field(ge=1, le=INT32, strict=True)]
Quantity = Annotated[int, Field(ge=1, le=MAX_QTY, strict=True)]
Cents = Annotated[int, Field(ge=0, le=10**9, strict=True)]


class LineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variant_id: RowId
    quantity: Quantity


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=500)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lng: float | None = Field(default=None, ge=-180, le=180)
    details: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _something(self) -> AddressIn:
        if (self.lat is None) != (self.lng is None):
            raise ValueError("give both lat and lng, or neither")
        if self.lat is None and not (self.text or "").strip():
            raise ValueError("give an address text or lat/lng")
        return self


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store_id: RowId
    items: list[LineIn] = Field(min_length=1, max_length=100)
    address: AddressIn
    slot_id: RowId | None = None
    payment_method: PaymentMethod
    promo_code: str | None = Field(default=None, max_length=32)
    wallet_cents: Cents = 0
    note: str = Field(default="", max_length=500)
    # Required when payment_method is "crypto".
    crypto_asset: Literal["BTC", "ETH", "USDT_ERC20", "USDC_ERC20", "USDT_TRC20"] | None = None


class OrderPreviewOut(BaseModel):
    """What the order would cost now; `missing_for_minimum_cents` > 0 means placing it would
    be refused (below_minimum) until that much more is in the cart."""

    currency: str
    subtotal_cents: int
    delivery_fee_cents: int
    discount_cents: int
    wallet_cents: int
    total_cents: int
    wallet_balance_cents: int
    min_order_cents: int
    missing_for_minimum_cents: int
    zone_name: str
    eta_minutes: int
    address_text: str
    lat: float
    lng: float


class CartLineOut(BaseModel):
    variant_id: int
    product_id: int
    name: str
    variant_name: str
    sku: str
    quantity: int
    unit_price_cents: int
    line_total_cents: int
    stock: int
    age_restricted: bool
    problem: str | None


class CartOut(BaseModel):
    store_id: int
    lines: list[CartLineOut]
    subtotal_cents: int
    has_problems: bool
    age_restricted: bool

    @classmethod
    def of(cls, view: CartView) -> CartOut:
        return cls(
            store_id=view.store_id,
            lines=[CartLineOut.model_validate(line.__dict__) for line in view.lines],
            subtotal_cents=view.subtotal_cents,
            has_problems=view.has_problems,
            age_restricted=view.age_restricted,
        )


class CartSetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variant_id: RowId
    quantity: Annotated[int, Field(ge=0, le=MAX_QTY, strict=True)]


class CartPriceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[LineIn] = Field(max_length=100)


class QuoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: AddressIn
    transport: Literal["foot", "bike", "car"] = "car"


class QuoteOut(BaseModel):
    zone_id: int
    zone_name: str
    fee_cents: int
    min_order_cents: int
    lat: float
    lng: float
    distance_km: float
    eta_minutes: int
    address_text: str
    # Opening hours: an "as soon as possible" order now is delivered now (open_now) or from
    # asap_from (UTC, the store's next opening; null with open_now false: choose a slot).
    open_now: bool
    asap_from: datetime | None


class SlotOut(BaseModel):
    id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    remaining: int


class SlotList(BaseModel):
    items: list[SlotOut]
    timezone: str


class HistoryOut(BaseModel):
    from_status: OrderStatus | None
    to_status: OrderStatus
    actor_id: int | None
    actor_role: str | None
    reason: str
    at: datetime

    @classmethod
    def of(cls, row: OrderStatusHistory) -> HistoryOut:
        return cls(
            from_status=row.from_status,
            to_status=row.to_status,
            actor_id=row.actor_id,
            actor_role=row.actor_role.value if row.actor_role else None,
            reason=row.reason,
            at=row.created_at,
        )


class OrderEventOut(BaseModel):
    """Something that happened without a status change: `id_checked` (data: document_type,
    birth_year), `handover_refused` (data: reason), `refunded` (data: to, amount_cents, txid,
    note), `prescription_submitted`, `prescription_approved` / `prescription_rejected` (data:
    decision, note; the actor is the pharmacist), `kept_cold`, `proof_photo` (data: width,
    height; the photo itself is behind the order's `proof_photo_url`)."""

    kind: OrderEventKind
    actor_id: int | None
    actor_role: str | None
    data: dict[str, Any]
    at: datetime

    @classmethod
    def of(cls, row: OrderEvent) -> OrderEventOut:
        return cls(
            kind=row.kind,
            actor_id=row.actor_id,
            actor_role=row.actor_role.value if row.actor_role else None,
            data=dict(row.data or {}),
            at=row.created_at,
        )


class OrderItemOut(BaseModel):
    variant_id: int
    product_id: int
    name: str
    sku: str
    quantity: int
    price_cents: int
    line_total_cents: int
    prescription_required: bool = False
    cold_chain: bool = False

    @classmethod
    def of(cls, item: OrderItem) -> OrderItemOut:
        return cls(
            variant_id=item.variant_id,
            product_id=item.product_id,
            name=item.name,
            sku=item.sku,
            quantity=item.quantity,
            price_cents=item.price_cents,
            line_total_cents=item.price_cents * item.quantity,
            prescription_required=item.prescription_required,
            cold_chain=item.cold_chain,
        )


class OrderOut(BaseModel):
    id: int
    number: str
    store_id: int
    customer_id: int
    status: OrderStatus
    payment_method: PaymentMethod
    payment_state: str
    currency: str
    subtotal_cents: int
    delivery_fee_cents: int
    discount_cents: int
    wallet_cents: int
    total_cents: int
    address_text: str
    address_details: str
    # The customer's note for the driver ("ring twice").
    note: str = ""
    lat: float | None
    lng: float | None
    slot_id: int | None
    driver_id: int | None
    requires_id_check: bool
    id_checked: bool
    # none / required / submitted / approved / rejected: confirmation waits for "approved".
    prescription_state: str
    # Cold-chain goods: a driver with a cooler, "kept cold" confirmed at handover.
    cold_chain: bool
    kept_cold: bool
    refund_due: bool
    eta_minutes: int | None
    # A stop of a delivery run: the run and the stop's place on its route (1..).
    run_id: int | None = None
    run_position: int | None = None
    deliver_after: datetime | None
    cancel_reason: str
    created_at: datetime

    @classmethod
    def of(cls, order: Order) -> OrderOut:
        return cls(
            id=order.id,
            number=order.number,
            store_id=order.store_id,
            customer_id=order.customer_id,
            status=order.status,
            payment_method=order.payment_method,
            payment_state=order.payment_state.value,
            currency=order.currency,
            subtotal_cents=order.subtotal_cents,
            delivery_fee_cents=order.delivery_fee_cents,
            discount_cents=order.discount_cents,
            wallet_cents=order.wallet_cents,
            total_cents=order.total_cents,
            address_text=order.address_text,
            address_details=order.address_details,
            note=order.note,
            lat=order.lat,
            lng=order.lng,
            slot_id=order.slot_id,
            driver_id=order.driver_id,
            requires_id_check=order.requires_id_check,
            id_checked=order.id_checked_at is not None,
            prescription_state=order.prescription_state.value,
            cold_chain=order.cold_chain,
            kept_cold=order.kept_cold_at is not None,
            refund_due=order.refund_due,
            eta_minutes=order.eta_minutes,
            run_id=order.run_id,
            run_position=order.run_position,
            deliver_after=order.deliver_after,
            cancel_reason=order.cancel_reason,
            created_at=order.created_at,
        )


class RefundOut(BaseModel):
    """What a cancelled paid order owes: `due` until staff settle it to the wallet or back to
    the payer (`txid` of a crypto refund)."""

    amount_cents: int
    currency: str
    payment_method: str
    asset: str | None
    status: RefundStatus
    settled_to: RefundTarget | None
    txid: str | None
    note: str
    settled_at: datetime | None

    @classmethod
    def of(cls, row: Refund) -> RefundOut:
        return cls(
            amount_cents=row.amount_cents,
            currency=row.currency,
            payment_method=row.payment_method,
            asset=row.asset,
            status=row.status,
            settled_to=row.settled_to,
            txid=row.txid,
            note=row.note,
            settled_at=row.settled_at,
        )


class OfferOut(BaseModel):
    """An open auto-dispatch offer: who was asked and until when."""

    id: int
    order_id: int
    driver_id: int
    driver_name: str
    status: str
    offered_at: datetime
    expires_at: datetime


class OrderDetailOut(OrderOut):
    # The public live-tracking link, while a driver has the order (customer views only).
    tracking_url: str | None = None
    # The proof-of-delivery photo: a signed link that expires within hours (ask the order
    # again for a fresh one); null when there is none, or it was deleted after the retention
    # period.
    proof_photo_url: str | None = None
    proof_photo_at: datetime | None = None
    items: list[OrderItemOut]
    history: list[HistoryOut]
    events: list[OrderEventOut]
    refund: RefundOut | None = None
    # Staff views: the auto-dispatch offer waiting for a driver's answer.
    offer: OfferOut | None = None


class DriverOfferOut(BaseModel):
    """An offer as the driver sees it: the order to take and until when."""

    id: int
    order_id: int
    number: str
    address_text: str
    cold_chain: bool
    requires_id_check: bool
    total_cents: int
    currency: str
    expires_at: datetime


class DriverOfferList(BaseModel):
    items: list[DriverOfferOut]


class OfferAnswerOut(BaseModel):
    id: int
    order_id: int
    status: str


class RefundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: RefundTarget
    txid: str | None = Field(default=None, max_length=128)
    note: str = Field(default="", max_length=300)


class OrderList(BaseModel):
    items: list[OrderOut]


class CancelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=300)


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: OrderStatus
    reason: str = Field(default="", max_length=300)
    cash_collected_cents: Cents | None = None


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    driver_id: RowId


class StaffOrdersQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: list[OrderStatus] | OrderStatus | None = None
    q: str = Field(default="", max_length=100)
    page: int = Field(default=1, ge=1, le=10_000)
    per_page: int = Field(default=50, ge=1, le=200)

    def statuses(self) -> list[OrderStatus] | None:
        if self.status is None:
            return None
        return self.status if isinstance(self.status, list) else [self.status]


class DriverOut(BaseModel):
    id: int
    user_id: int
    name: str
    status: str
    transport: str
    last_lat: float | None
    last_lng: float | None
    last_location_at: datetime | None
    active_orders: int
    distance_km: float | None = None


class DriverList(BaseModel):
    items: list[DriverOut]


class DateOfBirthIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date_of_birth: date


class DateOfBirthCorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date_of_birth: date
    reason: str = Field(min_length=1, max_length=300)


class IdCheckIn(BaseModel):
    """What the driver read on the document: its type and the year of birth (no number)."""

    model_config = ConfigDict(extra="forbid")

    document_type: IdDocument
    birth_year: int = Field(ge=1900, le=2100)


class RefuseHandoverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Literal["no_id", "underage", "customer_absent", "customer_refused"]


class ShiftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["start", "end"]


class LocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)


class DriverStateOut(BaseModel):
    driver_id: int
    status: str
    on_shift: bool


class DriversQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    order_id: int | None = Field(default=None, ge=1, le=INT32)
    on_shift: bool = False


class PaymentTxOut(BaseModel):
    txid: str
    amount: str
    confirmations: int
    late: bool


class PaymentOut(BaseModel):
    asset: str
    address: str
    amount: str
    amount_cents: int
    currency: str
    rate: str
    expires_at: datetime | None
    status: str
    confirmations: int
    required_confirmations: int
    uri: str
    qr_svg: str  # the URI as a QR code, a data:image/svg+xml URI for an <img src>
    transactions: list[PaymentTxOut]


class PrescriptionCodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64)


class PrescriptionReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approved", "rejected"]
    note: str = Field(default="", max_length=300)


class PrescriptionOut(BaseModel):
    id: int
    kind: str
    content_type: str
    size_bytes: int
    code: str
    file_available: bool
    created_at: str


class PharmacistIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    granted: bool
