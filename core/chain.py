"""Talking to the outside world about coins: exchange rates (a CoinGecko-compatible API) and
the Bitcoin chain (an Esplora-compatible HTTP API). Real HTTP clients; tests point them at
local fakes. Every failure is a ChainUnavailable, so callers try again later."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import aiohttp

from core.cache import Cache

TIMEOUT = aiohttp.ClientTimeout(total=10)
RATE_TTL = 60.0
COIN_IDS = {"BTC": "bitcoin", "ETH": "ethereum", "USDT": "tether", "USDC": "usd-coin"}


class ChainUnavailable(Exception):
    """The rate provider or the chain API did not give a usable answer."""


async def _get_json(url: str, params: dict[str, str] | None = None) -> Any:
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.get(url, params=params) as response:
                if response.status != 200:
                    raise ChainUnavailable(f"{url} answered {response.status}")
                return await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise ChainUnavailable(f"{url}: {exc!r}") from None


async def rate(base_url: str, cache: Cache, coin: str, currency: str) -> Decimal:
    """Fiat units per whole coin (cached a minute, shared by every process via the cache)."""
    coin_id, vs = COIN_IDS[coin], currency.lower()
    key = f"rate:{coin_id}:{vs}"
    cached = await cache.get(key)
    if cached is not None:
        return Decimal(cached)
    body = await _get_json(
        f"{base_url.rstrip('/')}/simple/price",
        {"ids": ",".join(COIN_IDS.values()), "vs_currencies": vs},
    )
    try:
        value = Decimal(str(body[coin_id][vs]))
    except (KeyError, TypeError, InvalidOperation):
        raise ChainUnavailable(f"no {coin_id}/{vs} rate in the answer") from None
    if not value.is_finite() or value <= 0:
        raise ChainUnavailable(f"an unusable {coin_id}/{vs} rate: {value}")
    await cache.set(key, str(value), RATE_TTL)
    return value


@dataclass(frozen=True)
class Payment:
    txid: str
    amount: int  # satoshi paid to the address by this transaction
    block_height: int | None  # None while unconfirmed


async def btc_tip_height(base_url: str) -> int:
    body = await _get_json(f"{base_url.rstrip('/')}/blocks/tip/height")
    if type(body) is not int or body < 0:
        raise ChainUnavailable("the tip height is not a number")
    return body


async def btc_payments(base_url: str, address: str) -> list[Payment]:
    """Every transaction paying `address`, with what it paid there."""
    body = await _get_json(f"{base_url.rstrip('/')}/address/{address}/txs")
    if not isinstance(body, list):
        raise ChainUnavailable("the transaction list is not a list")
    found: list[Payment] = []
    try:
        for tx in body:
            paid = sum(
                int(out["value"])
                for out in tx.get("vout", [])
                if out.get("scriptpubkey_address") == address
            )
            status = tx.get("status") or {}
            height = status.get("block_height") if status.get("confirmed") else None
            if paid > 0:
                found.append(Payment(str(tx["txid"]), paid, int(height) if height else None))
    except (KeyError, TypeError, ValueError):
        raise ChainUnavailable("a transaction of an unexpected shape") from None
    return found


async def _post_json(url: str, body: Any) -> Any:
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.post(url, json=body) as response:
                if response.status != 200:
                    raise ChainUnavailable(f"{url} answered {response.status}")
                return await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise ChainUnavailable(f"{url}: {exc!r}") from None


# --- Ethereum JSON-RPC -------------------------------------------------------------------

# keccak256("Transfer(address,address,uint256)")
TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
# How far back token transfers are searched: longer than an invoice plus the late watch.
ETH_LOG_WINDOW = 10_000


async def eth_call(url: str, method: str, params: list[Any]) -> Any:
    body = await _post_json(url, {"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
    if not isinstance(body, dict) or "error" in body or "result" not in body:
        raise ChainUnavailable(f"{method}: {str(body)[:200]}")
    return body["result"]


def quantity(value: Any) -> int:
    if not isinstance(value, str) or not value.startswith("0x"):
        raise ChainUnavailable(f"not a hex quantity: {str(value)[:80]}")
    try:
        return int(value, 16)
    except ValueError:
        raise ChainUnavailable(f"not a hex quantity: {value[:80]}") from None


async def eth_block_number(url: str) -> int:
    return quantity(await eth_call(url, "eth_blockNumber", []))


async def eth_balance(url: str, address: str, block: int) -> int:
    """Wei held by `address` at the end of `block`."""
    return quantity(await eth_call(url, "eth_getBalance", [address, hex(block)]))


async def eth_first_block_holding(url: str, address: str, amount: int, low: int, high: int) -> int:
    """The earliest block in [low, high] at whose end `address` held at least `amount` wei
    (`low` when it already did there). The balance at `high` must hold it."""
    if await eth_balance(url, address, low) >= amount:
        return low
    while high - low > 1:  # balance(low) < amount <= balance(high)
        middle = (low + high) // 2
        if await eth_balance(url, address, middle) >= amount:
            high = middle
        else:
            low = middle
    return high


async def erc20_payments(url: str, contract: str, address: str, tip: int) -> list[Payment]:
    """Token transfers of `contract` to `address` in the recent blocks, one per transaction."""
    topic_to = "0x" + address.lower().removeprefix("0x").rjust(64, "0")
    logs = await eth_call(
        url,
        "eth_getLogs",
        [
            {
                "fromBlock": hex(max(0, tip - ETH_LOG_WINDOW)),
                "toBlock": "latest",
                "address": contract,
                "topics": [TRANSFER_TOPIC, None, topic_to],
            }
        ],
    )
    if not isinstance(logs, list):
        raise ChainUnavailable("eth_getLogs did not answer a list")
    paid: dict[str, int] = {}
    height: dict[str, int | None] = {}
    try:
        for entry in logs:
            if entry.get("removed") or str(entry["address"]).lower() != contract.lower():
                continue
            if [str(t).lower() for t in entry["topics"][:1]] != [TRANSFER_TOPIC]:
                continue
            if str(entry["topics"][2]).lower() != topic_to:
                continue
            txid = str(entry["transactionHash"])
            paid[txid] = paid.get(txid, 0) + quantity(entry["data"])
            block = entry.get("blockNumber")
            height[txid] = quantity(block) if block else None
    except (KeyError, TypeError, IndexError, AttributeError):
        raise ChainUnavailable("a log of an unexpected shape") from None
    return [Payment(txid, amount, height[txid]) for txid, amount in paid.items() if amount > 0]


# --- TRON (TronGrid-compatible) ----------------------------------------------------------


async def tron_tip_height(base_url: str) -> int:
    body = await _post_json(f"{base_url.rstrip('/')}/wallet/getnowblock", {})
    try:
        number = body["block_header"]["raw_data"]["number"]
    except (KeyError, TypeError):
        raise ChainUnavailable("getnowblock without a block number") from None
    if type(number) is not int or number < 0:
        raise ChainUnavailable("the block number is not a number")
    return number


async def tron_tx_height(base_url: str, txid: str) -> int | None:
    """The block holding `txid`, None while it is not in one."""
    body = await _post_json(
        f"{base_url.rstrip('/')}/wallet/gettransactioninfobyid", {"value": txid}
    )
    number = body.get("blockNumber") if isinstance(body, dict) else None
    return number if type(number) is int and number >= 0 else None


async def trc20_payments(base_url: str, contract: str, address: str) -> list[Payment]:
    """TRC-20 transfers of `contract` to `address`, with the block each is in."""
    body = await _get_json(
        f"{base_url.rstrip('/')}/v1/accounts/{address}/transactions/trc20",
        {"contract_address": contract, "only_to": "true", "limit": "200"},
    )
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise ChainUnavailable("the transfer list is not a list")
    paid: dict[str, int] = {}
    try:
        for entry in body["data"]:
            if entry.get("to") != address or entry.get("type", "Transfer") != "Transfer":
                continue
            token = entry.get("token_info") or {}
            if token.get("address", contract) != contract:
                continue
            txid = str(entry["transaction_id"])
            paid[txid] = paid.get(txid, 0) + int(entry["value"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ChainUnavailable("a transfer of an unexpected shape") from None
    return [
        Payment(txid, amount, await tron_tx_height(base_url, txid))
        for txid, amount in paid.items()
        if amount > 0
    ]


async def trc20_balance(base_url: str, contract: str, address: str) -> int:
    """What `address` holds of the TRC-20 `contract` (TronGrid `GET /v1/accounts/{address}`)."""
    body = await _get_json(f"{base_url.rstrip('/')}/v1/accounts/{address}")
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise ChainUnavailable("the account answer has no data list")
    try:
        for account in body["data"][:1]:
            for token in account.get("trc20") or []:
                if contract in token:
                    return int(token[contract])
    except (TypeError, ValueError, AttributeError):
        raise ChainUnavailable("an account of an unexpected shape") from None
    return 0
