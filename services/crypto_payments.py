"""Crypto invoices: an order paid in crypto gets a fresh address, the amount in the asset at
the current rate, and an expiry. A monitor (one runner per cluster) reads the chain, records
every payment with its confirmations, and marks the order paid once enough are confirmed; an
invoice that expires unpaid cancels its order, which gives the stock, slot, promo and wallet
back. Bitcoin is built; the other assets are named and refused until their monitors exist."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from embit import bip32, script
from embit.networks import NETWORKS
from tortoise.transactions import in_transaction

from core import chain
from core.clock import utcnow
from core.context import AppContext
from core.errors import Unavailable, ValidationFailed
from models import AddressCounter, CryptoDeposit, CryptoTransaction, Order, Store
from models.enums import CryptoDepositStatus, OrderStatus, PaymentState
from services import orders
from services.events import EventKind, emit

log = logging.getLogger(__name__)

ASSETS = ("BTC", "ETH", "USDT_ERC20", "USDC_ERC20", "USDT_TRC20")
BUILT = {"BTC": ("bitcoin", 8)}  # asset: (network, decimals)
OPEN = (CryptoDepositStatus.AWAITING, CryptoDepositStatus.CONFIRMING)
LATE_WATCH = timedelta(days=1)  # how long after expiry a late payment is still recorded
S = CryptoDepositStatus


def btc_address(extended_key: str, index: int) -> str:
    """The receive-chain address at `index` of an account key: a zpub gives native segwit
    (BIP84) addresses, an xpub legacy P2PKH ones."""
    key = bip32.HDKey.from_string(extended_key)
    child = key.derive([0, index])
    if extended_key.startswith("zpub"):
        return str(script.p2wpkh(child).address(NETWORKS["main"]))
    return str(script.p2pkh(child).address(NETWORKS["main"]))


@dataclass(frozen=True)
class Invoice:
    asset: str
    network: str
    rate: Decimal
    amount: int  # smallest units
    amount_cents: int
    currency: str


def amount_for(total_cents: int, rate: Decimal, decimals: int) -> int:
    """The smallest units that cover `total_cents` at `rate` (rounded up: never short)."""
    coins = Decimal(total_cents) / 100 / rate
    return int((coins * (10**decimals)).to_integral_value(rounding=ROUND_CEILING))


async def prepare(ctx: AppContext, store: Store, asset: str | None, total_cents: int) -> Invoice:
    """Check the asset and price the invoice, before the order's transaction (it asks the
    rate provider). Raises ValidationFailed naming crypto_asset, Unavailable."""
    if asset is None:
        raise ValidationFailed(
            "choose the coin to pay with", fields={"crypto_asset": f"one of {', '.join(ASSETS)}"}
        )
    if asset not in ASSETS:
        raise ValidationFailed(
            "unknown coin", fields={"crypto_asset": f"one of {', '.join(ASSETS)}"}
        )
    if asset not in BUILT or not ctx.settings.btc_xpub:
        raise ValidationFailed(
            f"{asset} is not accepted here yet",
            code="crypto_asset_unavailable",
            fields={"crypto_asset": "not accepted by this store"},
        )
    network, decimals = BUILT[asset]
    try:
        rate = await chain.rate(ctx.settings.rates_url, ctx.cache, asset, store.currency)
    except chain.ChainUnavailable as exc:
        log.warning("rates unavailable: %s", exc)
        raise Unavailable(
            "crypto payment is unavailable right now; choose another way to pay",
            code="payment_unavailable",
        ) from None
    return Invoice(
        asset, network, rate, amount_for(total_cents, rate, decimals), total_cents, store.currency
    )


async def _next_index(network: str) -> int:
    """The next unused derivation index, safe for two processes at once (a conditional
    update: whoever moves the counter owns the index)."""
    await AddressCounter.bulk_create([AddressCounter(network=network)], ignore_conflicts=True)
    while True:
        row = await AddressCounter.get(network=network)
        taken = await AddressCounter.filter(id=row.id, next_index=row.next_index).update(
            next_index=row.next_index + 1
        )
        if taken:
            return row.next_index


async def open_invoice(ctx: AppContext, order: Order, invoice: Invoice) -> CryptoDeposit:
    """The order's invoice with its own address. Call inside the order's transaction."""
    index = await _next_index(invoice.network)
    return await CryptoDeposit.create(
        store_id=order.store_id,
        user_id=order.customer_id,
        order=order,
        network=invoice.network,
        asset=invoice.asset,
        address=btc_address(ctx.settings.btc_xpub, index),
        derivation_index=index,
        amount_expected=invoice.amount,
        amount_cents=invoice.amount_cents,
        currency=invoice.currency,
        rate=invoice.rate,
        required_confirmations=ctx.settings.btc_confirmations,
        expires_at=utcnow() + timedelta(seconds=ctx.settings.payment_ttl),
    )


async def _record(deposit: CryptoDeposit, payments: list[chain.Payment], tip: int) -> None:
    now = utcnow()
    known = {t.txid: t for t in await CryptoTransaction.filter(deposit_id=deposit.id)}
    for payment in payments:
        confirmations = tip - payment.block_height + 1 if payment.block_height else 0
        row = known.get(payment.txid)
        if row is None:
            late = deposit.expires_at is not None and now > deposit.expires_at
            await CryptoTransaction.bulk_create(
                [
                    CryptoTransaction(
                        deposit_id=deposit.id,
                        txid=payment.txid,
                        amount=payment.amount,
                        confirmations=confirmations,
                        late=late,
                    )
                ],
                ignore_conflicts=True,  # two monitors may see it at once
            )
        elif row.confirmations != confirmations:
            await CryptoTransaction.filter(id=row.id).update(confirmations=confirmations)


async def _settle(deposit: CryptoDeposit) -> None:
    """Move an open invoice on from what its recorded payments add up to."""
    rows = await CryptoTransaction.filter(deposit_id=deposit.id, late=False)
    seen = sum(int(r.amount) for r in rows)
    confirmed = sum(
        int(r.amount) for r in rows if r.confirmations >= deposit.required_confirmations
    )
    expected = int(deposit.amount_expected)
    if confirmed >= expected:
        status = S.PAID if confirmed == expected else S.OVERPAID
        async with in_transaction():
            won = await CryptoDeposit.filter(id=deposit.id, status__in=OPEN).update(
                status=status, amount_received=confirmed, confirmed_at=utcnow()
            )
            if won and deposit.order_id is not None:  # once, whoever settles first
                order = await Order.get(id=deposit.order_id)
                paid = await Order.filter(
                    id=order.id, payment_state=PaymentState.AWAITING_PAYMENT
                ).update(payment_state=PaymentState.PAID)
                if paid:
                    await emit(
                        EventKind.ORDER_PAID,
                        orders.order_payload(
                            order,
                            asset=deposit.asset,
                            amount=str(confirmed),
                            at=utcnow().isoformat(),
                        ),
                    )
        return
    if deposit.expires_at is not None and utcnow() > deposit.expires_at:
        await CryptoDeposit.filter(id=deposit.id, status__in=OPEN).update(
            status=S.UNDERPAID if seen else S.EXPIRED, amount_received=seen
        )
        return
    if seen >= expected and deposit.status is S.AWAITING:
        await CryptoDeposit.filter(id=deposit.id, status=S.AWAITING).update(
            status=S.CONFIRMING, amount_received=seen
        )


async def monitor_once(ctx: AppContext) -> int:
    """One pass over open and recently closed BTC invoices. Returns how many were read."""
    since = utcnow() - LATE_WATCH
    deposits = await CryptoDeposit.filter(network="bitcoin").filter(
        status__in=[*OPEN, S.EXPIRED, S.UNDERPAID], expires_at__gte=since
    )
    if not deposits:
        return 0
    url = ctx.settings.btc_api_url
    try:
        tip = await chain.btc_tip_height(url)
    except chain.ChainUnavailable as exc:
        log.warning("payments: the chain API is unavailable: %s", exc)
        return 0
    for deposit in deposits:
        try:
            payments = await chain.btc_payments(url, deposit.address)
        except chain.ChainUnavailable as exc:
            log.warning("payments: could not read %s: %s", deposit.address, exc)
            continue
        await _record(deposit, payments, tip)
        if deposit.status in OPEN:
            await _settle(deposit)
    return len(deposits)


async def cancel_expired() -> int:
    """Cancel pending orders whose invoice expired unpaid (stock, slot, promo, wallet come
    back through the one transition). Returns how many."""
    closed = await CryptoDeposit.filter(
        status__in=[S.EXPIRED, S.UNDERPAID],
        order__status=OrderStatus.PENDING,
        order__payment_state=PaymentState.AWAITING_PAYMENT,
    )
    done = 0
    for deposit in closed:
        if deposit.order_id is None:
            continue
        try:
            await orders.transition(
                deposit.order_id,
                OrderStatus.CANCELLED,
                orders.SYSTEM,
                reason="the crypto payment window closed unpaid",
            )
            done += 1
        except Exception:
            log.exception("payments: could not cancel order %s", deposit.order_id)
    return done


async def invoice_for(order: Order) -> CryptoDeposit | None:
    return await CryptoDeposit.filter(order_id=order.id).order_by("-id").first()


def coins(smallest: int, asset: str) -> str:
    """Smallest units as a decimal string in the asset's units ("0.00123456")."""
    decimals = BUILT.get(asset, ("", 8))[1]
    return f"{Decimal(smallest).scaleb(-decimals):.{decimals}f}"


def payment_uri(deposit: CryptoDeposit) -> str:
    """What a wallet app scans (BIP21)."""
    return f"bitcoin:{deposit.address}?amount={coins(int(deposit.amount_expected), deposit.asset)}"
