"""An order's invoice as PDF (fpdf2): the store, the customer, every line with its VAT, and
the totals. Prices are gross (VAT included, as shelf prices are); each line's VAT comes from
its product's tax rate, else the store's default (Store.default_tax_rate)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from fpdf import FPDF

from core.i18n import money, when
from models import Order, OrderItem, Product, Store, User

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


@dataclass(frozen=True)
class InvoiceLine:
    name: str
    sku: str
    quantity: int
    gross_cents: int
    tax_rate: Decimal
    tax_cents: int


def vat_included(gross_cents: int, rate: Decimal) -> int:
    """The VAT inside a gross amount, rounded half up to a cent."""
    if rate <= 0:
        return 0
    net = Decimal(gross_cents) / (1 + rate / 100)
    return int((Decimal(gross_cents) - net).quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def invoice_lines(order: Order, store: Store) -> list[InvoiceLine]:
    """The order's lines with their VAT: the product's rate, else the store's default."""
    default = Decimal(store.default_tax_rate or 0)
    items = await OrderItem.filter(order_id=order.id).order_by("id")
    rates = {p.id: p.tax_rate for p in await Product.filter(id__in=[i.product_id for i in items])}
    lines = []
    for item in items:
        rate = rates.get(item.product_id)
        rate = default if rate is None else Decimal(rate)
        gross = item.price_cents * item.quantity
        lines.append(
            InvoiceLine(item.name, item.sku, item.quantity, gross, rate, vat_included(gross, rate))
        )
    return lines


def _font(pdf: FPDF) -> tuple[str, bool]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


async def invoice_pdf(order: Order) -> bytes:
    """The invoice of `order` as PDF bytes (money in the store's currency and locale, times
    in the store's timezone)."""
    store = await Store.get(id=order.store_id)
    customer = await User.get_or_none(id=order.customer_id)
    lines = await invoice_lines(order, store)
    pdf = FPDF(format="A4")
    family, unicode_ok = _font(pdf)

    def text(value: str) -> str:
        return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

    def cash(cents: int) -> str:
        return text(money(cents, order.currency, store.default_locale))

    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.cell(0, 10, text(f"Invoice {order.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    for line in (
        store.name,
        store.address_text,
        store.phone,
        f"Date: {when(order.created_at, store.timezone, store.default_locale)}",
        f"Customer: {customer.name if customer else ''}",
        f"Deliver to: {order.address_text}",
    ):
        if line:
            pdf.cell(0, 6, text(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (80, 15, 30, 20, 30)
    pdf.set_font(family, "B", 10)
    for width, head in zip(widths, ("Item", "Qty", "Amount", "VAT %", "VAT"), strict=True):
        pdf.cell(width, 7, head, border="B")
    pdf.ln()
    pdf.set_font(family, "", 10)
    for item in lines:
        cells = (
            f"{item.name} ({item.sku})"[:60],
            str(item.quantity),
            cash(item.gross_cents),
            f"{item.tax_rate.normalize():f}",
            cash(item.tax_cents),
        )
        for width, value in zip(widths, cells, strict=True):
            pdf.cell(width, 7, text(value))
        pdf.ln()
    pdf.ln(3)
    total_vat = sum(i.tax_cents for i in lines)
    rows = [("Subtotal", order.subtotal_cents), ("Delivery", order.delivery_fee_cents)]
    if order.discount_cents:
        rows.append(("Discount", -order.discount_cents))
    if order.wallet_cents:
        rows.append(("Paid from wallet", -order.wallet_cents))
    rows += [("Total", order.total_cents), ("of which VAT", total_vat)]
    for label, cents in rows:
        pdf.set_font(family, "B" if label == "Total" else "", 10)
        pdf.cell(125, 7, label)
        pdf.cell(30, 7, cash(cents), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
