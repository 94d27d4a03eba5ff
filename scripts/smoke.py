"""After a deploy: sign up a customer, place an order and walk it to DELIVERED through the
staff API, against a running server. Standard library only (runs anywhere python3 does).

    SMOKE_CUSTOMER_BOT_TOKEN=...  the customer bot's token: signs Telegram initData, so a new
                                  customer signs up the way Mini App users do
    SMOKE_STAFF_EMAIL, SMOKE_STAFF_PASSWORD      an admin or manager of the store
    SMOKE_DRIVER_EMAIL, SMOKE_DRIVER_PASSWORD    optional: a driver whose shift is opened
                                  (and closed again); else a driver already on shift is used
    SMOKE_STORE_ID                optional: the store to order from (default: the first);
                                  in production use a test store: the order takes real stock

Prints each step; exits non-zero at the first failure.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class SmokeFailed(Exception):
    pass


class Api:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201, 202),
    ) -> Any:
        sent = {"Accept": "application/json", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        if token:
            sent["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.base + path, data=data, headers=sent, method=method)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except OSError as exc:
            raise SmokeFailed(f"{method} {path}: {exc}") from None
        if status not in expect:
            raise SmokeFailed(f"{method} {path}: HTTP {status}: {raw[:500]!r}")
        return json.loads(raw) if raw else None


def init_data(bot_token: str, user_id: int) -> str:
    """Telegram Mini App initData signed with the bot's token, as Telegram signs it."""
    user = {"id": user_id, "first_name": "Smoke", "last_name": "Test", "language_code": "en"}
    fields = {"auth_date": str(int(time.time())), "query_id": "smoke", "user": json.dumps(user)}
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urllib.parse.urlencode(fields)


def step(text: str) -> None:
    print(f"smoke: {text}", flush=True)


def need(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise SmokeFailed(f"set {name}")
    return value


def login(api: Api, email: str, password: str) -> str:
    body = api.call("POST", "/api/v1/auth/login", {"email": email, "password": password})
    return str(body["access_token"])


def pick_items(api: Api, store_id: int, minimum: int) -> list[dict[str, int]]:
    """In-stock variants without an age check, enough for the zone's minimum order."""
    page = api.call("GET", f"/api/v1/stores/{store_id}/products?in_stock=true")
    items, total = [], 0
    for product in page["items"]:
        if product["age_restricted"]:
            continue
        for variant in product["variants"]:
            if variant["stock"] >= 1 and total < minimum + 1:
                items.append({"variant_id": variant["id"], "quantity": 1})
                total += variant["price_cents"]
    if total < minimum or not items:
        raise SmokeFailed(f"store {store_id} has too little in stock for its minimum order")
    return items


def run(base: str) -> None:
    api = Api(base)
    health = api.call("GET", "/healthz")
    step(f"server healthy (database {health['database']}, redis {health['redis']})")

    stores = api.call("GET", "/api/v1/stores")["items"]
    wanted = os.environ.get("SMOKE_STORE_ID")
    store = next((s for s in stores if not wanted or str(s["id"]) == wanted), None)
    if store is None:
        raise SmokeFailed("no store to order from")
    store_id = store["id"]

    telegram_id = 10**12 + secrets.randbelow(10**9)  # a new person each run
    signed = init_data(need("SMOKE_CUSTOMER_BOT_TOKEN"), telegram_id)
    customer = api.call("POST", "/api/v1/auth/telegram", {"init_data": signed, "bot": "customer"})
    customer_token = customer["access_token"]
    step(f"customer {customer['user']['id']} signed up")

    quote = api.call(
        "POST",
        f"/api/v1/stores/{store_id}/delivery/quote",
        {"address": {"lat": store["lat"], "lng": store["lng"]}},
    )
    slots = api.call("GET", f"/api/v1/stores/{store_id}/slots")["items"]
    order = api.call(
        "POST",
        "/api/v1/orders",
        {
            "store_id": store_id,
            "items": pick_items(api, store_id, quote["min_order_cents"]),
            "address": {"lat": store["lat"], "lng": store["lng"], "details": "smoke test"},
            "slot_id": slots[0]["id"] if slots else None,
            "payment_method": "card",
            "note": "smoke test after a deploy",
        },
        token=customer_token,
        headers={"Idempotency-Key": f"smoke-{secrets.token_hex(8)}"},
    )
    order_id = order["id"]
    step(f"order {order['number']} placed ({order['total_cents']} cents)")

    staff = login(api, need("SMOKE_STAFF_EMAIL"), need("SMOKE_STAFF_PASSWORD"))
    driver_token = None
    if os.environ.get("SMOKE_DRIVER_EMAIL"):
        driver_token = login(api, need("SMOKE_DRIVER_EMAIL"), need("SMOKE_DRIVER_PASSWORD"))
        if not api.call("GET", "/api/v1/driver/me", token=driver_token)["on_shift"]:
            api.call("POST", "/api/v1/driver/shift", {"action": "start"}, token=driver_token)
        else:
            driver_token = None  # it was on shift already: leave it so
    try:
        walk(api, staff, store_id, order_id)
    finally:
        if driver_token:
            api.call("POST", "/api/v1/driver/shift", {"action": "end"}, token=driver_token)

    seen = api.call("GET", f"/api/v1/orders/{order_id}", token=customer_token)
    history = [h["to_status"] for h in seen["history"]]
    if seen["status"] != "delivered" or history[-1] != "delivered":
        raise SmokeFailed(f"the customer sees {seen['status']} ({history})")
    step("the customer sees the order delivered: OK")


def walk(api: Api, staff: str, store_id: int, order_id: int) -> None:
    def move(status: str) -> None:
        api.call("POST", f"/api/v1/staff/orders/{order_id}/status", {"status": status}, token=staff)
        step(f"order -> {status}")

    move("confirmed")
    move("ready")
    drivers = api.call(
        "GET", f"/api/v1/staff/stores/{store_id}/drivers?on_shift=true", token=staff
    )["items"]
    if not drivers:
        raise SmokeFailed("no driver on shift (set SMOKE_DRIVER_EMAIL/SMOKE_DRIVER_PASSWORD)")
    api.call(
        "POST",
        f"/api/v1/staff/orders/{order_id}/assign",
        {"driver_id": drivers[0]["id"]},
        token=staff,
    )
    step(f"order -> assigned to driver {drivers[0]['id']}")
    move("picked_up")
    move("delivered")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: scripts/smoke.sh URL", file=sys.stderr)
        return 2
    try:
        run(argv[1])
    except SmokeFailed as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
