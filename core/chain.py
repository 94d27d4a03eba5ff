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
