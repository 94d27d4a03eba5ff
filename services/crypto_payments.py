"""Crypto invoices: an order paid in crypto gets a fresh address, the amount in the asset at
the current rate, and an expiry. A monitor (one runner per cluster) reads the chain, records
every payment with its confirmations, and marks the order paid once enough are confirmed; an
invoice that expires unpaid cancels its order, which gives the stock, slot, promo and wallet
back. BTC addresses come from the account xpub; ETH, the ERC-20 tokens and USDT on TRON get a
key pair per invoice whose private key is kept only sealed with the secret box."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from embit import bip32, script
from embit.networks import NETWORKS
from tortoise.transactions import in_transaction

from core import chain, coinkeys
from core.clock import utcnow
from core.context import AppContext
from core.errors import Unavailable, ValidationFailed
from core.settings import Settings
from models import AddressCounter, CryptoDeposit, CryptoTransaction, Order, Store
from models.enums import CryptoDepositStatus, OrderStatus, PaymentState
from services import orders
from services.events import EventKind, emit

log = logging.getLogger(__name__)

ASSETS = ("BTC", "ETH", "USDT_ERC20", "USDC_ERC20", "USDT_TRC20")


@dataclass(frozen=True)
class Asset:
    network: str  # "bitcoin", "ethereum", "tron"
    decimals: int
    coin: str  # the rate provider's coin


SPEC = {
    "BTC": Asset("bitcoin", 8, "BTC"),
    "ETH": Asset("ethereum", 18, "ETH"),
    "USDT_ERC20": Asset("ethereum", 6, "USDT"),
    "USDC_ERC20": Asset("ethereum", 6, "USDC"),
    "USDT_TRC20": Asset("tron", 6, "USDT"),
}
# An ETH "payment" is a rise of the address's balance (eth_getBalance sees no transactions);
# its row is named after the balance it rose to, so two monitors name it alike.
BALANCE = "balance:"
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
    if not accepted(ctx.settings, asset):
        raise ValidationFailed(
            f"{asset} is not accepted here yet",
            code="crypto_asset_unavailable",
            fields={"crypto_asset": "not accepted by this store"},
        )
    network, decimals, coin = SPEC[asset].network, SPEC[asset].decimals, SPEC[asset].coin
    try:
        rate = await chain.rate(ctx.settings.rates_url, ctx.cache, coin, store.currency)
    except chain.ChainUnavailable as exc:
        log.warning("rates unavailable: %s", exc)
        raise Unavailable(
            "crypto payment is unavailable right now; choose another way to pay",
            code="payment_unavailable",
        ) from None
    return Invoice(
        asset, network, rate, amount_for(total_cents, rate, decimals), total_cents, store.currency
    )


def accepted(settings: Settings, asset: str) -> bool:
    """Whether the chain of `asset` is configured."""
    network = SPEC[asset].network
    if network == "bitcoin":
        return bool(settings.btc_xpub)
    if network == "ethereum":
        return bool(settings.eth_rpc_url)
    return bool(settings.tron_api_url)


def any_chain(settings: Settings) -> bool:
    """Whether any coin is configured (else the monitor has nothing to read)."""
    return any(accepted(settings, asset) for asset in ASSETS)


def required_confirmations(settings: Settings, network: str) -> int:
    return {
        "bitcoin": settings.btc_confirmations,
        "ethereum": settings.eth_confirmations,
        "tron": settings.tron_confirmations,
    }[network]


def token_contract(settings: Settings, asset: str) -> str | None:
    return {
        "USDT_ERC20": settings.eth_usdt_contract,
        "USDC_ERC20": settings.eth_usdc_contract,
        "USDT_TRC20": settings.tron_usdt_contract,
    }.get(asset)


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
    index: int | None = None
    sealed: str | None = None
    if invoice.network == "bitcoin":
        index = await _next_index(invoice.network)
        address = btc_address(ctx.settings.btc_xpub, index)
    else:
        keys = coinkeys.new_keypair()
        sealed = ctx.secret_box.seal(keys.private_hex)
        address = keys.eth_address if invoice.network == "ethereum" else keys.tron_address
    return await CryptoDeposit.create(
        store_id=order.store_id,
        user_id=order.customer_id,
        order=order,
        network=invoice.network,
        asset=invoice.asset,
        address=address,
        derivation_index=index,
        sealed_key=sealed,
        amount_expected=invoice.amount,
        amount_cents=invoice.amount_cents,
        currency=invoice.currency,
        rate=invoice.rate,
        required_confirmations=required_confirmations(ctx.settings, invoice.network),
        expires_at=utcnow() + timedelta(seconds=ctx.settings.payment_ttl),
    )


async def _record(deposit: CryptoDeposit, payments: list[chain.Payment], tip: int) -> None:
    now = utcnow()
    known = {t.txid: t for t in await CryptoTransaction.filter(deposit_id=deposit.id)}
    for payment in payments:
        confirmations = tip - payment.block_height + 1 if payment.block_height else 0
        row = known.get(payment.txid)
        if row is None:
            # After the window or after the invoice was settled: recorded, never counted.
            late = deposit.status not in OPEN or (
                deposit.expires_at is not None and now > deposit.expires_at
            )
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
        elif row.confirmations != confirmations or int(row.amount) != payment.amount:
            await CryptoTransaction.filter(id=row.id).update(
                confirmations=confirmations, amount=payment.amount
            )


def _risen_to(row: CryptoTransaction) -> int:
    return int(row.txid.removeprefix(BALANCE))


def _sums(rows: list[CryptoTransaction], required: int) -> tuple[int, int]:
    """(seen, confirmed) in smallest units. Balance rises count by the highest balance
    reached (cumulative), so two monitors that saw different balances never add up twice."""
    plain = [r for r in rows if not r.txid.startswith(BALANCE)]
    rises = [r for r in rows if r.txid.startswith(BALANCE)]
    seen = sum(int(r.amount) for r in plain) + max(map(_risen_to, rises), default=0)
    confirmed = sum(int(r.amount) for r in plain if r.confirmations >= required) + max(
        (_risen_to(r) for r in rises if r.confirmations >= required), default=0
    )
    return seen, confirmed


async def _settle(deposit: CryptoDeposit) -> None:
    """Move an open invoice on from what its recorded payments add up to."""
    rows = await CryptoTransaction.filter(deposit_id=deposit.id, late=False)
    seen, confirmed = _sums(rows, deposit.required_confirmations)
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


async def _tip(settings: Settings, network: str) -> int:
    if network == "bitcoin":
        return await chain.btc_tip_height(settings.btc_api_url)
    if network == "ethereum":
        return await chain.eth_block_number(settings.eth_rpc_url)
    return await chain.tron_tip_height(settings.tron_api_url)


async def _eth_rises(url: str, deposit: CryptoDeposit, tip: int) -> list[chain.Payment]:
    """ETH paid to the invoice as balance rises, each dated by the first block that held it
    (searched back only as far as the confirmations needed)."""
    rows = await CryptoTransaction.filter(deposit_id=deposit.id)
    done = {_risen_to(r) for r in rows if r.confirmations >= deposit.required_confirmations}
    totals = sorted({_risen_to(r) for r in rows if r.txid.startswith(BALANCE)})
    latest = await chain.eth_balance(url, deposit.address, tip)
    if latest > (totals[-1] if totals else 0):
        totals.append(latest)
    low = max(0, tip - deposit.required_confirmations + 1)
    found, previous = [], 0
    for total in totals:
        if total > latest:  # moved away since (a sweep): keep the rows as they were
            break
        if total in done:
            height = low
        else:
            height = await chain.eth_first_block_holding(url, deposit.address, total, low, tip)
        found.append(chain.Payment(f"{BALANCE}{total}", total - previous, height))
        previous = total
    return found


async def _payments(settings: Settings, deposit: CryptoDeposit, tip: int) -> list[chain.Payment]:
    asset = deposit.asset
    if asset == "BTC":
        return await chain.btc_payments(settings.btc_api_url, deposit.address)
    if asset == "ETH":
        return await _eth_rises(settings.eth_rpc_url, deposit, tip)
    contract = token_contract(settings, asset) or ""
    if SPEC[asset].network == "ethereum":
        return await chain.erc20_payments(settings.eth_rpc_url, contract, deposit.address, tip)
    return await chain.trc20_payments(settings.tron_api_url, contract, deposit.address)


async def monitor_once(ctx: AppContext) -> int:
    """One pass over open and recently closed invoices on every configured chain. Returns
    how many were read."""
    since = utcnow() - LATE_WATCH
    deposits = await CryptoDeposit.filter(status__in=list(S), expires_at__gte=since).order_by("id")
    tips: dict[str, int | None] = {}
    read = 0
    for deposit in deposits:
        if deposit.asset not in SPEC or not accepted(ctx.settings, deposit.asset):
            continue
        network = SPEC[deposit.asset].network
        if network not in tips:
            try:
                tips[network] = await _tip(ctx.settings, network)
            except chain.ChainUnavailable as exc:
                log.warning("payments: the %s API is unavailable: %s", network, exc)
                tips[network] = None
        tip = tips[network]
        if tip is None:
            continue
        try:
            payments = await _payments(ctx.settings, deposit, tip)
        except chain.ChainUnavailable as exc:
            log.warning("payments: could not read %s: %s", deposit.address, exc)
            continue
        await _record(deposit, payments, tip)
        if deposit.status in OPEN:
            await _settle(deposit)
        read += 1
    return read


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
    decimals = SPEC[asset].decimals if asset in SPEC else 8
    return f"{Decimal(smallest).scaleb(-decimals):.{decimals}f}"


def payment_uri(deposit: CryptoDeposit, settings: Settings) -> str:
    """What a wallet app scans: BIP21 for BTC, EIP-681 for ETH and ERC-20 tokens (the token
    transfer form, amounts in the smallest unit), the bare address for TRON (no common URI)."""
    amount = int(deposit.amount_expected)
    if deposit.asset == "BTC":
        return f"bitcoin:{deposit.address}?amount={coins(amount, deposit.asset)}"
    if deposit.asset == "ETH":
        return f"ethereum:{deposit.address}?value={amount}"
    if deposit.network == "ethereum":
        contract = token_contract(settings, deposit.asset)
        return f"ethereum:{contract}/transfer?address={deposit.address}&uint256={amount}"
    return deposit.address
