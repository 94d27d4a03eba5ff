"""Wallets: a customer's balance in one store (cashback, refunds), moved only by
conditional updates and always with a transaction row."""

from __future__ import annotations

from tortoise.expressions import F

from core.db import insert_unless_exists
from core.errors import Conflict
from models import Order, Reward, Wallet, WalletTransaction
from models.enums import RewardKind, RewardStatus, WalletTxKind


async def balance(user_id: int, store_id: int) -> int:
    wallet = await Wallet.get_or_none(user_id=user_id, store_id=store_id)
    return wallet.balance_cents if wallet else 0


async def wallet_of(user_id: int, store_id: int) -> Wallet:
    """The customer's wallet in the store, made (once, even under concurrency) if missing."""
    await insert_unless_exists(Wallet(user_id=user_id, store_id=store_id))
    return await Wallet.get(user_id=user_id, store_id=store_id)


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
    wallet = await wallet_of(user_id, store_id)
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
    wallet = await wallet_of(user_id, store_id)
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


async def credit_reward(
    *, user_id: int, store_id: int, order: Order, kind: RewardKind, amount_cents: int
) -> None:
    """A reward earned on `order` (cashback, a referral): its record and the wallet credit,
    together. Call inside the order's transaction."""
    await Reward.create(
        store_id=store_id,
        user_id=user_id,
        order=order,
        kind=kind,
        status=RewardStatus.CREDITED,
        amount_cents=amount_cents,
    )
    await credit(
        user_id=user_id,
        store_id=store_id,
        amount_cents=amount_cents,
        kind=WalletTxKind(kind.value),
        order=order,
        reference=f"{kind.value} {order.number}",
    )
