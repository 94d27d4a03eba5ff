"""Refunds: cancelling a paid order records what it owes the customer (the part paid outside
the wallet; the wallet part goes back at once with the cancellation). Staff settle it once,
to the customer's wallet or back to the payer (a crypto refund names its txid); the
settlement is an order event on the timeline, and cashback earned on the order is reversed."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.db import insert_unless_exists
from core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from core.permissions import P, has_permission
from core.security import Principal
from models import CryptoDeposit, Order, OrderEvent, Refund, Reward
from models.enums import (
    CryptoDepositStatus,
    OrderEventKind,
    PaymentState,
    RefundStatus,
    RefundTarget,
    RewardKind,
    RewardStatus,
    Role,
    WalletTxKind,
)
from services import wallets
from services.events import EventKind, emit


async def open_refund(order: Order) -> None:
    """Record the refund a cancelled paid order owes (once). Call inside the cancelling
    transaction, after the order moved to payment_state refund_due."""
    if order.total_cents <= 0:
        return
    deposit = (
        await CryptoDeposit.filter(
            order_id=order.id,
            status__in=[CryptoDepositStatus.PAID, CryptoDepositStatus.OVERPAID],
        )
        .order_by("-id")
        .first()
    )
    await insert_unless_exists(
        Refund(
            store_id=order.store_id,
            order_id=order.id,
            user_id=order.customer_id,
            amount_cents=order.total_cents,
            currency=order.currency,
            payment_method=order.payment_method.value,
            asset=deposit.asset if deposit else None,
            asset_amount=deposit.amount_received if deposit else None,
        )
    )


async def refund_of(order: Order) -> Refund | None:
    return await Refund.get_or_none(order_id=order.id)


async def _reverse_cashback(order: Order) -> None:
    rewards = await Reward.filter(
        order_id=order.id, kind=RewardKind.CASHBACK, status=RewardStatus.CREDITED
    )
    for reward in rewards:
        if not await Reward.filter(id=reward.id, status=RewardStatus.CREDITED).update(
            status=RewardStatus.REVOKED
        ):
            continue
        # What is left of it: spent cashback is not clawed back below zero.
        taken = min(reward.amount_cents, await wallets.balance(reward.user_id, reward.store_id))
        if taken > 0:
            await wallets.debit(
                user_id=reward.user_id,
                store_id=reward.store_id,
                amount_cents=taken,
                kind=WalletTxKind.CASHBACK,
                order=order,
                reference=f"cashback reversed {order.number}",
            )


async def settle_refund(
    principal: Principal,
    order: Order,
    *,
    to: RefundTarget,
    txid: str | None = None,
    note: str = "",
) -> Refund:
    """Settle the order's refund once: to the wallet (credited now) or back to the payer
    (a crypto refund needs the txid of the transfer). `order` comes from get_order_for.
    Raises Forbidden, NotFound (no refund), Conflict refund_settled, ValidationFailed txid."""
    if not has_permission(principal.role, P.MANAGE_ORDERS):
        raise Forbidden("only staff who manage orders settle refunds")
    txid = (txid or "").strip() or None
    async with in_transaction():
        refund = await Refund.filter(order_id=order.id).select_for_update().first()
        if refund is None:
            raise NotFound("this order has no refund", fields={"order_id": "no refund due"})
        if to is RefundTarget.PAYER and refund.asset and txid is None:
            raise ValidationFailed(
                "give the transaction id of the coins sent back",
                fields={"txid": "required for a crypto refund to the payer"},
            )
        won = await Refund.filter(id=refund.id, status=RefundStatus.DUE).update(
            status=RefundStatus.SETTLED,
            settled_to=to,
            txid=txid if to is RefundTarget.PAYER else None,
            note=note[:300],
            settled_by_id=principal.user_id,
            settled_at=utcnow(),
        )
        if not won:
            raise Conflict("this refund is already settled", code="refund_settled")
        if to is RefundTarget.WALLET:
            await wallets.credit(
                user_id=refund.user_id,
                store_id=refund.store_id,
                amount_cents=refund.amount_cents,
                kind=WalletTxKind.REFUND,
                order=order,
                reference=f"refund {order.number}",
            )
        await _reverse_cashback(order)
        await Order.filter(id=order.id).update(
            payment_state=PaymentState.REFUNDED, refund_due=False, updated_at=utcnow()
        )
        await OrderEvent.create(
            store_id=order.store_id,
            order=order,
            kind=OrderEventKind.REFUNDED,
            actor_id=principal.user_id,
            actor_role=Role(principal.role),
            data={
                "to": to.value,
                "amount_cents": refund.amount_cents,
                "txid": txid if to is RefundTarget.PAYER else None,
                "note": note[:300],
            },
        )
        await emit(
            EventKind.ORDER_REFUNDED,
            {
                "store_id": order.store_id,
                "order_id": order.id,
                "number": order.number,
                "customer_id": order.customer_id,
                "amount_cents": refund.amount_cents,
                "currency": refund.currency,
                "to": to.value,
                "txid": txid if to is RefundTarget.PAYER else None,
                "actor_id": principal.user_id,
                "at": utcnow().isoformat(),
            },
        )
        await refund.refresh_from_db()
    return refund
