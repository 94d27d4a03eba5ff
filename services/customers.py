"""Customers as the back office sees them: one customer of a store with their orders and
wallet, manual wallet adjustments (a reason is required and kept with who made it), and
blocking (a blocked account is signed out everywhere and cannot sign in)."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from core import changes
from core.errors import NotFound, ValidationFailed
from core.security import Principal
from models import Order, User, Wallet, WalletTransaction
from models.enums import Role, WalletTxKind
from services import wallets
from services.auth.sessions import end_all_sessions
from services.orders import check_store_staff

MAX_ADJUSTMENT_CENTS = 10**7


@dataclass(frozen=True)
class CustomerFile:
    user: User
    orders: list[Order]
    balance_cents: int
    transactions: list[WalletTransaction]


async def customer_of_store(principal: Principal, store_id: int, user_id: int) -> CustomerFile:
    """A customer who ordered in the store, for its staff; raises NotFound otherwise."""
    check_store_staff(principal, store_id)
    user = await User.get_or_none(id=user_id, role=Role.CUSTOMER)
    if user is None or not await Order.filter(customer_id=user_id, store_id=store_id).exists():
        raise NotFound("no such customer", fields={"customer_id": "unknown id"})
    orders = await Order.filter(customer_id=user_id, store_id=store_id).order_by("-created_at")
    wallet = await Wallet.get_or_none(user_id=user_id, store_id=store_id)
    transactions = []
    if wallet is not None:
        transactions = (
            await WalletTransaction.filter(wallet_id=wallet.id)
            .order_by("-created_at", "-id")
            .limit(50)
        )
    return CustomerFile(user, orders[:100], wallet.balance_cents if wallet else 0, transactions)


async def adjust_wallet(
    principal: Principal, store_id: int, user_id: int, *, amount_cents: int, reason: str
) -> int:
    """Credit (> 0) or debit (< 0) the customer's wallet in the store by hand. The reason and
    who did it are kept on the transaction. Raises ValidationFailed naming the field, Conflict
    insufficient_funds. Returns the new balance."""
    await customer_of_store(principal, store_id, user_id)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("say why", fields={"reason": "required"})
    if amount_cents == 0 or abs(amount_cents) > MAX_ADJUSTMENT_CENTS:
        raise ValidationFailed("not an amount", fields={"amount_cents": "non-zero, in cents"})
    reference = f"by user {principal.user_id}: {reason}"[:128]
    async with in_transaction():
        if amount_cents > 0:
            return await wallets.credit(
                user_id=user_id,
                store_id=store_id,
                amount_cents=amount_cents,
                kind=WalletTxKind.ADJUSTMENT,
                reference=reference,
            )
        return await wallets.debit(
            user_id=user_id,
            store_id=store_id,
            amount_cents=-amount_cents,
            kind=WalletTxKind.ADJUSTMENT,
            reference=reference,
        )


async def set_blocked(principal: Principal, store_id: int, user_id: int, blocked: bool) -> None:
    """Block (signed out everywhere, no new sign-in) or unblock a customer of the store."""
    await customer_of_store(principal, store_id, user_id)
    async with in_transaction():
        await User.filter(id=user_id, role=Role.CUSTOMER).update(is_active=not blocked)
        if blocked:
            await end_all_sessions(user_id, "blocked")
    changes.changed("user")  # the bots refuse a blocked customer from the next update on
