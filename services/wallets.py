"""Wallets: a customer's balance in one store (cashback, refunds), moved only by
conditional updates and always with a transaction row."""

from __future__ import annotations

from tortoise.expressions import F

from core.errors import Conflict
from models import Order, Wallet, WalletTransaction
from models.enums import WalletTxKind


async def balance(user_id: int, store_id: int) -> int:
    wallet = await Wallet.get_or_none(user_id=user_id, store_id=store_id)
    return wallet.balance_cents if wallet else 0


async def _wallet(user_id: int, store_id: int) -> Wallet:
    wallet, _ = await Wallet.get_or_create(user_id=user_id, store_id=store_id)
    return wallet


async def debit(
    *,
    user_id: int,
    store_id: int,
    amount_cents: int,
    kind: WalletTxKind,
    order: Order | None = None,
    reference: str = "",
) -> int:
    """Take `amount_cents` (> 0); raises insufficient_funds. Returns the new balance."""
    wallet = await _wallet(user_id, store_id)
    taken = await Wallet.filter(id=wallet.id, balance_cents__gte=amount_cents).update(
        balance_cents=F("balance_cents") - amount_cents
    )
    if not taken:
        raise Conflict(
            "the wallet balance is too low",
            code="insufficient_funds",
            fields={"wallet_cents": "more than the balance"},
        )
    await wallet.refresh_from_db(fields=["balance_cents"])
    await WalletTransaction.create(
        store_id=store_id,
        wallet=wallet,
        kind=kind,
        amount_cents=-amount_cents,
        balance_after_cents=wallet.balance_cents,
        order=order,
        reference=reference,
    )
    return wallet.balance_cents


async def credit(
    *,
    user_id: int,
    store_id: int,
    amount_cents: int,
    kind: WalletTxKind,
    order: Order | None = None,
    reference: str = "",
) -> int:
    """Add `amount_cents` (> 0). Returns the new balance."""
    wallet = await _wallet(user_id, store_id)
    await Wallet.filter(id=wallet.id).update(balance_cents=F("balance_cents") + amount_cents)
    await wallet.refresh_from_db(fields=["balance_cents"])
    await WalletTransaction.create(
        store_id=store_id,
        wallet=wallet,
        kind=kind,
        amount_cents=amount_cents,
        balance_after_cents=wallet.balance_cents,
        order=order,
        reference=reference,
    )
    return wallet.balance_cents
