"""Fake coin services on loopback: a CoinGecko-compatible rate API and an Esplora-compatible
Bitcoin API whose chain a test moves forward."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class FakeChain:
    rates: dict[str, dict[str, float]] = field(
        default_factory=lambda: {"bitcoin": {"eur": 50000.0}, "ethereum": {"eur": 2500.0}}
    )
    tip: int = 800_000
    txs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    url: str = ""
    requests: int = 0

    def pay(self, address: str, txid: str, sats: int, *, height: int | None = None) -> None:
        """A transaction paying `sats` to `address` (in a block at `height`, or unconfirmed)."""
        self.txs.setdefault(address, []).append(
            {
                "txid": txid,
                "status": {"confirmed": height is not None, "block_height": height},
                "vout": [
                    {"scriptpubkey_address": address, "value": sats},
                    {"scriptpubkey_address": "bc1qchange", "value": 12345},
                ],
            }
        )

    def confirm(self, txid: str, height: int) -> None:
        for txs in self.txs.values():
            for tx in txs:
                if tx["txid"] == txid:
                    tx["status"] = {"confirmed": True, "block_height": height}

    async def price(self, request: web.Request) -> web.Response:
        self.requests += 1
        return web.json_response(self.rates)

    async def tip_height(self, request: web.Request) -> web.Response:
        return web.Response(text=str(self.tip))

    async def address_txs(self, request: web.Request) -> web.Response:
        return web.json_response(self.txs.get(request.match_info["address"], []))


async def start_fake_chain() -> tuple[FakeChain, web.AppRunner]:
    fake = FakeChain()
    app = web.Application()
    app.router.add_get("/simple/price", fake.price)
    app.router.add_get("/blocks/tip/height", fake.tip_height)
    app.router.add_get("/address/{address}/txs", fake.address_txs)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    return fake, runner
