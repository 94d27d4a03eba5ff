"""What a customer can see of their money and their friends: the wallet's ledger, the referral
link and its rewards; the referrer's reward on the referee's first delivered order; and the
ledger check that proves every balance equals the sum of its transactions."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.functions import Sum

from core.clock import utcnow
from core.settings import Settings
from models import Order, Reward, Store, User, Wallet, WalletTransaction
from models.enums import RewardKind, RewardStatus
from services import wallets

STATEMENT_LENGTH = 100


@dataclass(frozen=True)
class Statement:
    balance_cents: int
    currency: str
    transactions: list[WalletTransaction]


async def statement(user_id: int, store: Store) -> Statement:
    """The customer's balance in the store and their newest transactions first."""
    wallet = await Wallet.get_or_none(user_id=user_id, store_id=store.id)
    rows = (
        await WalletTransaction.filter(wallet_id=wallet.id).order_by("-id").limit(STATEMENT_LENGTH)
        if wallet is not None
        else []
    )
    return Statement(wallet.balance_cents if wallet else 0, store.currency, list(rows))


@dataclass(frozen=True)
class Referral:
    code: str
    link: str
    invited: int
    rewards_cents: int


def referral_link(settings: Settings, code: str) -> str:
    """The customer bot's deep link (the web storefront's when the bot's name is not set)."""
    if settings.customer_bot_username:
        return f"https://t.me/{settings.customer_bot_username}?start=ref_{code}"
    return f"{settings.public_base_url.rstrip('/')}/?ref={code}"


async def referral(settings: Settings, user: User) -> Referral:
    invited = await User.filter(referred_by_id=user.id).count()
    rewards = await Reward.filter(
        user_id=user.id, kind=RewardKind.REFERRAL, status=RewardStatus.CREDITED
    )
    link = referral_link(settings, user.referral_code)
    return Referral(user.referral_code, link, invited, sum(r.amount_cents for r in rewards))


async def reward_referrer(order: Order, store: Store) -> None:
    """The referee's first delivered order rewards their referrer, once: the referee row is
    marked with a conditional update, so two deliveries at once cannot both pay. Call in the
    order's transaction."""
    if store.referral_reward_cents <= 0:
        return
    referee = await User.get(id=order.customer_id)
    if referee.referred_by_id is None:
        return
    first = await User.filter(id=referee.id, referral_rewarded_at__isnull=True).update(
        referral_rewarded_at=utcnow()
    )
    if not first:
        return
    await wallets.credit_reward(
        user_id=referee.referred_by_id,
        store_id=store.id,
        order=order,
        kind=RewardKind.REFERRAL,
        amount_cents=store.referral_reward_cents,
    )


@dataclass(frozen=True)
class LedgerProblem:
    wallet_id: int
    balance_cents: int
    transactions_sum_cents: int
    last_balance_after_cents: int | None


async def check_ledger() -> list[LedgerProblem]:
    """Every wallet whose balance differs from the sum of its transactions (or from the
    running balance its last transaction recorded). Empty when the books are right."""
    sums = dict(
        await WalletTransaction.annotate(total=Sum("amount_cents"))
        .group_by("wallet_id")
        .values_list("wallet_id", "total")
    )
    problems: list[LedgerProblem] = []
    for wallet in await Wallet.all().order_by("id"):
        total = int(sums.get(wallet.id) or 0)
        last = await WalletTransaction.filter(wallet_id=wallet.id).order_by("-id").first()
        last_after = last.balance_after_cents if last else None
        if total != wallet.balance_cents or (last_after not in (None, wallet.balance_cents)):
            problems.append(LedgerProblem(wallet.id, wallet.balance_cents, total, last_after))
    return problems
