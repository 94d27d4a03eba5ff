"""Moving invoice money on: list what every ETH/TRON invoice address holds, and (on request)
sign the transfers of it to one destination address. Keys are opened from the secret box only
here, only for signing, and never printed or logged."""

from __future__ import annotations

from dataclasses import dataclass

from core import chain, coinkeys
from core.context import AppContext
from models import CryptoDeposit
from services import crypto_payments

ETH_TRANSFER_GAS = 21_000
TOKEN_TRANSFER_GAS = 100_000  # ERC-20 transfer, with room for USDT's heavier contract
BALANCE_OF = "0x70a08231"  # balanceOf(address)
TRANSFER = "0xa9059cbb"  # transfer(address,uint256)


@dataclass(frozen=True)
class Holding:
    deposit_id: int
    order_id: int | None
    asset: str
    address: str
    balance: int  # smallest units of the asset
    gas_wei: int = 0  # ether at the address to pay for a token transfer


@dataclass(frozen=True)
class Transfer:
    holding: Holding
    amount: int
    txid: str | None  # the hash of the signed transaction (None: not built)
    raw: str | None  # signed, ready for eth_sendRawTransaction
    note: str = ""


def _word(address: str) -> str:
    return address.lower().removeprefix("0x").rjust(64, "0")


async def _token_balance(url: str, contract: str, address: str) -> int:
    result = await chain.eth_call(
        url, "eth_call", [{"to": contract, "data": BALANCE_OF + _word(address)}, "latest"]
    )
    if result in ("0x", None):
        return 0
    return chain.quantity(result)


async def holdings(ctx: AppContext) -> list[Holding]:
    """Every ETH/TRON invoice address holding something, per asset (raises ChainUnavailable)."""
    settings = ctx.settings
    found: list[Holding] = []
    keyed = await CryptoDeposit.filter(sealed_key__isnull=False).order_by("id")
    for deposit in keyed:
        network = crypto_payments.SPEC[deposit.asset].network
        if not crypto_payments.accepted(settings, deposit.asset):
            continue
        if network == "ethereum":
            url = settings.eth_rpc_url
            tip = await chain.eth_block_number(url)
            wei = await chain.eth_balance(url, deposit.address, tip)
            balance = wei
            contract = crypto_payments.token_contract(settings, deposit.asset)
            if contract is not None:
                balance = await _token_balance(url, contract, deposit.address)
        else:
            balance = await chain.trc20_balance(
                settings.tron_api_url, settings.tron_usdt_contract, deposit.address
            )
            wei = 0
        if balance > 0:
            found.append(
                Holding(deposit.id, deposit.order_id, deposit.asset, deposit.address, balance, wei)
            )
    return found


async def build_transfers(ctx: AppContext, items: list[Holding], to: str) -> list[Transfer]:
    """Signed transfers of each Ethereum holding to `to` (ValueError for a bad address). Ether
    leaves minus its gas; a token needs ether at its address for gas, else it is skipped with a
    note. TRON holdings are listed, not built (send them from a TRON wallet after importing the
    key)."""
    destination = coinkeys.checksum(to)
    url = ctx.settings.eth_rpc_url
    done: list[Transfer] = []
    if not any(h.asset != "USDT_TRC20" for h in items):
        return [Transfer(h, h.balance, None, None, "TRON: not built") for h in items]
    chain_id = chain.quantity(await chain.eth_call(url, "eth_chainId", []))
    gas_price = chain.quantity(await chain.eth_call(url, "eth_gasPrice", []))
    for holding in items:
        if holding.asset == "USDT_TRC20":
            done.append(Transfer(holding, holding.balance, None, None, "TRON: not built"))
            continue
        deposit = await CryptoDeposit.get_or_none(id=holding.deposit_id)
        if deposit is None or deposit.sealed_key is None:
            continue
        key = ctx.secret_box.open(deposit.sealed_key)
        nonce = chain.quantity(
            await chain.eth_call(url, "eth_getTransactionCount", [holding.address, "pending"])
        )
        tx: dict[str, object] = {"nonce": nonce, "gasPrice": gas_price, "chainId": chain_id}
        if holding.asset == "ETH":
            amount = holding.balance - ETH_TRANSFER_GAS * gas_price
            if amount <= 0:
                done.append(Transfer(holding, 0, None, None, "less than the gas it costs"))
                continue
            tx.update(to=destination, value=amount, gas=ETH_TRANSFER_GAS)
        else:
            if holding.gas_wei < TOKEN_TRANSFER_GAS * gas_price:
                need = TOKEN_TRANSFER_GAS * gas_price
                done.append(
                    Transfer(holding, 0, None, None, f"needs {need} wei of gas at the address")
                )
                continue
            amount = holding.balance
            contract = crypto_payments.token_contract(ctx.settings, holding.asset)
            data = TRANSFER + _word(destination) + f"{amount:064x}"
            tx.update(to=contract, value=0, gas=TOKEN_TRANSFER_GAS, data=data)
        signed = coinkeys.Account.sign_transaction(tx, key)
        del key
        done.append(
            Transfer(
                holding,
                amount,
                "0x" + signed.hash.hex().removeprefix("0x"),
                "0x" + signed.raw_transaction.hex().removeprefix("0x"),
            )
        )
    return done


async def broadcast(ctx: AppContext, transfer: Transfer) -> str:
    """Send a signed transfer through ETH_RPC_URL; returns the node's transaction hash."""
    if transfer.raw is None:
        raise ValueError("nothing to broadcast")
    result = await chain.eth_call(
        ctx.settings.eth_rpc_url, "eth_sendRawTransaction", [transfer.raw]
    )
    return str(result)
