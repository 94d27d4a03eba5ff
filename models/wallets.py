from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk, updated_at
from models.enums import CryptoDepositStatus, RefundStatus, RefundTarget, WalletTxKind


class Wallet(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("wallets")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="wallets", db_index=True
    )
    user_id: int
    balance_cents = money()
    updated_at = updated_at()

    class Meta:
        table = "wallets"
        unique_together = (("user", "store"),)


class WalletTransaction(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("wallet_transactions")
    store_id: int
    wallet: fields.ForeignKeyRelation[Wallet] = fields.ForeignKeyField(
        "models.Wallet", related_name="transactions", db_index=True
    )
    wallet_id: int
    kind = fields.CharEnumField(WalletTxKind, max_length=16)
    # Signed: credits positive, debits negative.
    amount_cents = fields.IntField()
    balance_after_cents = fields.IntField()
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order", related_name="wallet_transactions", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    reference = fields.CharField(max_length=128, default="")
    created_at = created_at()

    class Meta:
        table = "wallet_transactions"


class CryptoDeposit(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("crypto_deposits")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="crypto_deposits", db_index=True
    )
    user_id: int
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order",
        related_name="crypto_deposits",
        null=True,
        on_delete=fields.SET_NULL,
        db_index=True,
    )
    order_id: int | None
    network = fields.CharField(max_length=32)
    asset = fields.CharField(max_length=16)
    address = fields.CharField(max_length=128)
    # BTC: the receive-chain index the address was derived at (never reused per network).
    derivation_index = fields.IntField(null=True)
    # ETH/TRON: the invoice's private key, sealed with the secret box; never in clear.
    sealed_key = fields.CharField(max_length=512, null=True)
    amount_cents = fields.IntField(default=0)
    currency = fields.CharField(max_length=3, default="EUR")
    # Units of the fiat currency per one whole coin, when the invoice was made.
    rate = fields.DecimalField(max_digits=24, decimal_places=8, null=True)
    # Amounts in the asset's smallest unit (integers: no floats for money).
    amount_expected = fields.DecimalField(max_digits=38, decimal_places=0)
    amount_received = fields.DecimalField(max_digits=38, decimal_places=0, default=0)
    tx_hash = fields.CharField(max_length=128, null=True, unique=True)
    required_confirmations = fields.IntField(default=1)
    confirmations = fields.IntField(default=0)
    status = fields.CharEnumField(
        CryptoDepositStatus, max_length=16, default=CryptoDepositStatus.AWAITING
    )
    expires_at = fields.DatetimeField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "crypto_deposits"
        unique_together = (("network", "derivation_index"),)


class CryptoTransaction(Model):
    """One on-chain payment seen to an invoice's address, with its confirmations."""

    id = fields.IntField(primary_key=True)
    deposit: fields.ForeignKeyRelation[CryptoDeposit] = fields.ForeignKeyField(
        "models.CryptoDeposit", related_name="transactions", db_index=True
    )
    deposit_id: int
    txid = fields.CharField(max_length=128)
    # In the asset's smallest unit (satoshi, wei).
    amount = fields.DecimalField(max_digits=38, decimal_places=0)
    confirmations = fields.IntField(default=0)
    # Seen after the invoice expired (recorded and shown to staff, never auto-accepted).
    late = fields.BooleanField(default=False)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "crypto_transactions"
        unique_together = (("deposit", "txid"),)


class AddressCounter(Model):
    """The next derivation index per network: one row, locked while an address is made."""

    id = fields.IntField(primary_key=True)
    network = fields.CharField(max_length=32, unique=True)
    next_index = fields.IntField(default=0)

    class Meta:
        table = "address_counters"


class Refund(Model):
    """What a cancelled paid order owes its customer (the part paid outside the wallet: the
    wallet part goes back at once); staff settle it to the wallet or back to the payer."""

    id = fields.IntField(primary_key=True)
    store = store_fk("refunds")
    store_id: int
    order: fields.OneToOneRelation = fields.OneToOneField("models.Order", related_name="refund")
    order_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="refunds", db_index=True
    )
    user_id: int
    amount_cents = fields.IntField()
    currency = fields.CharField(max_length=3, default="EUR")
    payment_method = fields.CharField(max_length=16)
    # Crypto: the asset and what arrived, in its smallest unit.
    asset = fields.CharField(max_length=16, null=True)
    asset_amount = fields.DecimalField(max_digits=38, decimal_places=0, null=True)
    status = fields.CharEnumField(RefundStatus, max_length=16, default=RefundStatus.DUE)
    settled_to = fields.CharEnumField(RefundTarget, max_length=16, null=True)
    txid = fields.CharField(max_length=128, null=True)
    note = fields.CharField(max_length=300, default="")
    settled_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="settled_refunds", null=True, on_delete=fields.SET_NULL
    )
    settled_by_id: int | None
    settled_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "refunds"
