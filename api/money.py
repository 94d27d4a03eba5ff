"""A customer's money: the wallet's ledger and the referral programme."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from api.auth import require_principal
from api.http import doc, dump, parse_query
from api.keys import CTX
from core import qr
from models import User
from services import loyalty, stores

routes = web.RouteTableDef()


class WalletQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store_id: int = Field(ge=1, le=2**31 - 1)


class WalletTxOut(BaseModel):
    id: int
    kind: str
    amount_cents: int
    balance_after_cents: int
    order_id: int | None
    note: str | None
    created_at: str


class WalletOut(BaseModel):
    store_id: int
    balance_cents: int
    currency: str
    transactions: list[WalletTxOut]


class ReferralOut(BaseModel):
    code: str
    link: str
    invited: int
    rewards_cents: int
    # The link as a QR code (a data:image/svg+xml URI) for showing on a screen or printing.
    qr_svg: str = ""


@routes.get("/api/v1/me/wallet")
@doc(
    "My wallet in a store: balance and transactions, newest first",
    tags=["money"],
    query=WalletQuery,
    response=WalletOut,
    auth=True,
)
async def wallet(request: web.Request) -> web.Response:
    principal = require_principal(request)
    query = parse_query(request, WalletQuery)
    store = await stores.get_store(query.store_id)
    found = await loyalty.statement(principal.user_id, store)
    return dump(
        WalletOut(
            store_id=store.id,
            balance_cents=found.balance_cents,
            currency=found.currency,
            transactions=[
                WalletTxOut(
                    id=t.id,
                    kind=t.kind.value,
                    amount_cents=t.amount_cents,
                    balance_after_cents=t.balance_after_cents,
                    order_id=t.order_id,
                    note=t.reference or None,
                    created_at=t.created_at.isoformat(),
                )
                for t in found.transactions
            ],
        )
    )


@routes.get("/api/v1/me/referral")
@doc(
    "My referral code, its link, how many I invited and what it earned me",
    tags=["money"],
    response=ReferralOut,
    auth=True,
)
async def referral(request: web.Request) -> web.Response:
    principal = require_principal(request)
    user = await User.get(id=principal.user_id)
    found = await loyalty.referral(request.config_dict[CTX].settings, user)
    return dump(
        ReferralOut(
            code=found.code,
            link=found.link,
            invited=found.invited,
            rewards_cents=found.rewards_cents,
            qr_svg=qr.svg_data_uri(found.link) if found.link else "",
        )
    )
