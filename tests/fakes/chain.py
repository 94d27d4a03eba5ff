"""Fake coin services on loopback: a CoinGecko-compatible rate API, an Esplora-compatible
Bitcoin API, an Ethereum JSON-RPC endpoint (at /rpc) and a TronGrid-compatible API (under
/tron), whose chains a test moves forward."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class FakeChain:
    rates: dict[str, dict[str, float]] = field(
        default_factory=lambda: {
            "bitcoin": {"eur": 50000.0},
            "ethereum": {"eur": 2500.0},
            "tether": {"eur": 0.92},
            "usd-coin": {"eur": 0.92},
        }
    )
    tip: int = 800_000
    txs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    url: str = ""
    requests: int = 0
    eth_tip: int = 19_000_000
    # {"to", "value", "block" (None: pending), "txid", "contract" (None: ether)}
    eth_transfers: list[dict[str, Any]] = field(default_factory=list)
    tron_tip: int = 60_000_000
    tron_transfers: list[dict[str, Any]] = field(default_factory=list)
    rpc_calls: list[str] = field(default_factory=list)
    sent_raw: list[str] = field(default_factory=list)

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

    def eth_pay(
        self, to: str, value: int, txid: str, *, block: int | None, contract: str | None = None
    ) -> None:
        self.eth_transfers.append(
            {"to": to.lower(), "value": value, "block": block, "txid": txid, "contract": contract}
        )

    def tron_pay(self, to: str, value: int, txid: str, *, block: int | None, contract: str) -> None:
        self.tron_transfers.append(
            {"to": to, "value": value, "block": block, "txid": txid, "contract": contract}
        )

    async def rpc(self, request: web.Request) -> web.Response:
        call = await request.json()
        method, params = call["method"], call["params"]
        self.rpc_calls.append(method)
        result: Any
        if method == "eth_blockNumber":
            result = hex(self.eth_tip)
        elif method == "eth_getBalance":
            at = self.eth_tip if params[1] == "latest" else int(params[1], 16)
            result = hex(
                sum(
                    t["value"]
                    for t in self.eth_transfers
                    if t["contract"] is None
                    and t["to"] == params[0].lower()
                    and t["block"] is not None
                    and t["block"] <= at
                )
            )
        elif method == "eth_getLogs":
            query = params[0]
            since = int(query["fromBlock"], 16)
            result = [
                {
                    "address": t["contract"],
                    "topics": [query["topics"][0], "0x" + "0" * 64, query["topics"][2]],
                    "data": hex(t["value"]),
                    "blockNumber": hex(t["block"]),
                    "transactionHash": t["txid"],
                    "logIndex": "0x0",
                    "removed": False,
                }
                for t in self.eth_transfers
                if t["contract"] is not None
                and t["contract"].lower() == query["address"].lower()
                and "0x" + t["to"].removeprefix("0x").rjust(64, "0") == query["topics"][2]
                and t["block"] is not None
                and t["block"] >= since
            ]
        elif method == "eth_call":  # balanceOf(address) of a token contract
            holder = "0x" + params[0]["data"][-40:]
            result = hex(
                sum(
                    t["value"]
                    for t in self.eth_transfers
                    if t["contract"] is not None
                    and t["contract"].lower() == params[0]["to"].lower()
                    and t["to"] == holder
                    and t["block"] is not None
                )
            )
        elif method == "eth_chainId":
            result = "0x1"
        elif method == "eth_gasPrice":
            result = hex(10**9)
        elif method == "eth_getTransactionCount":
            result = "0x0"
        elif method == "eth_sendRawTransaction":
            self.sent_raw.append(params[0])
            from eth_utils.crypto import keccak

            result = "0x" + keccak(hexstr=params[0]).hex()
        else:
            return web.json_response(
                {"jsonrpc": "2.0", "id": call["id"], "error": {"code": -32601, "message": method}}
            )
        return web.json_response({"jsonrpc": "2.0", "id": call["id"], "result": result})

    async def tron_now_block(self, request: web.Request) -> web.Response:
        return web.json_response({"block_header": {"raw_data": {"number": self.tron_tip}}})

    async def tron_tx_info(self, request: web.Request) -> web.Response:
        txid = (await request.json())["value"]
        for t in self.tron_transfers:
            if t["txid"] == txid and t["block"] is not None:
                return web.json_response({"id": txid, "blockNumber": t["block"]})
        return web.json_response({})

    async def tron_account(self, request: web.Request) -> web.Response:
        address = request.match_info["address"]
        held: dict[str, int] = {}
        for t in self.tron_transfers:
            if t["to"] == address and t["block"] is not None:
                held[t["contract"]] = held.get(t["contract"], 0) + t["value"]
        trc20 = [{contract: str(value)} for contract, value in held.items()]
        return web.json_response({"data": [{"address": address, "trc20": trc20}], "success": True})

    async def tron_trc20(self, request: web.Request) -> web.Response:
        address = request.match_info["address"]
        contract = request.query.get("contract_address")
        data = [
            {
                "transaction_id": t["txid"],
                "token_info": {"address": t["contract"], "decimals": 6, "symbol": "USDT"},
                "from": "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
                "to": t["to"],
                "type": "Transfer",
                "value": str(t["value"]),
            }
            for t in self.tron_transfers
            if t["to"] == address and (contract is None or t["contract"] == contract)
        ]
        return web.json_response({"data": data, "success": True, "meta": {}})

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
    app.router.add_post("/rpc", fake.rpc)
    app.router.add_post("/tron/wallet/getnowblock", fake.tron_now_block)
    app.router.add_post("/tron/wallet/gettransactioninfobyid", fake.tron_tx_info)
    app.router.add_get("/tron/v1/accounts/{address}/transactions/trc20", fake.tron_trc20)
    app.router.add_get("/tron/v1/accounts/{address}", fake.tron_account)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    return fake, runner
