"""/metrics read back with prometheus-client's parser, the request id and JSON logs."""

from __future__ import annotations

import json
import logging
import uuid

from aiohttp.test_utils import TestClient
from prometheus_client.parser import text_string_to_metric_families

from core.observability import (
    JsonFormatter,
    RequestIdFilter,
    count_http_request,
    render_metrics,
    request_id_var,
)
from models import OutboxMessage
from services.demo import SeedReport
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person

TOKEN = "metrics-secret-token"


async def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(await response.text()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)  # type: ignore[no-any-return]


async def test_metrics_move_with_traffic_and_need_the_token(
    app_client, demo: SeedReport, customer: Person
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(metrics_token=TOKEN)
    assert (await client.get("/metrics")).status == 401
    wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 401

    before = await scrape(client)
    for _ in range(3):
        assert (await client.get("/healthz")).status == 200
    assert (await client.get("/api/v1/no-such-thing")).status == 404
    variant = await stocked_variant(demo.store_id, at_least=5)
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 5}],
        "address": {"lat": 41.3925, "lng": 2.16},
        "payment_method": "card",
    }
    headers = {**customer.headers, "Idempotency-Key": uuid.uuid4().hex}
    placed = await client.post("/api/v1/orders", headers=headers, json=body)
    assert placed.status == 201
    far = {**body, "address": {"lat": 0.0, "lng": 0.0}}
    headers = {**customer.headers, "Idempotency-Key": uuid.uuid4().hex}
    assert (await client.post("/api/v1/orders", headers=headers, json=far)).status >= 400
    after = await scrape(client)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    ok = {"route": "/healthz", "method": "GET", "status": "200"}
    assert moved("pharmacy_http_requests_total", **ok) == 3
    assert moved("pharmacy_http_requests_total", route="unmatched", method="GET", status="404") == 1
    latency = {"route": "/healthz", "method": "GET"}
    assert moved("pharmacy_http_request_duration_seconds_count", **latency) == 3
    assert moved("pharmacy_checkout_outcomes_total", outcome="placed") == 1
    failures = {
        labels: v - before.get((name, labels), 0.0)
        for (name, labels), v in after.items()
        if name == "pharmacy_checkout_outcomes_total" and ("outcome", "placed") not in labels
    }
    assert sum(failures.values()) == 1
    # The order's notifications wait in the outbox: the backlog gauge sees them per channel.
    pending = await OutboxMessage.filter(status="pending").values_list("channel", flat=True)
    assert pending
    for channel in set(pending):
        count = value(after, "pharmacy_outbox_backlog", channel=channel)
        assert count == pending.count(channel)
        assert value(after, "pharmacy_outbox_oldest_pending_seconds", channel=channel) >= 0


async def test_request_id_is_echoed_and_reaches_the_outbox(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "trace-42.a"})
    assert given.headers["X-Request-ID"] == "trace-42.a"
    hostile = await client.get("/healthz", headers={"X-Request-ID": "x" * 65})
    made = hostile.headers["X-Request-ID"]
    assert len(made) == 32 and made != "x" * 65
    unknown = await client.get("/api/v1/nowhere", headers={"X-Request-ID": "bad id;drop"})
    assert unknown.status == 404 and unknown.headers["X-Request-ID"] != "bad id;drop"

    variant = await stocked_variant(demo.store_id, at_least=5)
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 5}],
        "address": {"lat": 41.3925, "lng": 2.16},
        "payment_method": "card",
    }
    headers = {**customer.headers, "Idempotency-Key": "rid-1", "X-Request-ID": "order-req-1"}
    assert (await client.post("/api/v1/orders", headers=headers, json=body)).status == 201
    ids = set(await OutboxMessage.all().values_list("request_id", flat=True))
    assert ids == {"order-req-1"}


def test_json_log_lines_carry_the_request_id() -> None:
    record = logging.LogRecord("pharmacy.x", logging.WARNING, __file__, 1, "hi %s", ("you",), None)
    token = request_id_var.set("rid-7")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hi you"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "rid-7"


def test_request_latency_lands_in_the_buckets_prometheus_would_choose() -> None:
    # count_http_request writes the histogram's values directly; it must agree with
    # Histogram.observe: an observation counts in the first bucket whose bound holds it.
    route = f"/test/{uuid.uuid4().hex}"
    for seconds in (0.001, 0.005, 0.02, 0.3, 20.0):
        count_http_request(route, "GET", 200, seconds)
    count_http_request(route, "GET", 404, 0.004)
    samples = {}
    for family in text_string_to_metric_families(render_metrics().decode()):
        for sample in family.samples:
            if sample.labels.get("route") == route:
                key = (sample.name, sample.labels.get("status"), sample.labels.get("le"))
                samples[key] = sample.value
    assert samples[("pharmacy_http_requests_total", "200", None)] == 5
    assert samples[("pharmacy_http_requests_total", "404", None)] == 1
    name = "pharmacy_http_request_duration_seconds"
    buckets = {le: samples[(f"{name}_bucket", None, le)] for le in ("0.005", "0.01", "0.5", "+Inf")}
    assert buckets == {"0.005": 3, "0.01": 3, "0.5": 5, "+Inf": 6}
    assert samples[(f"{name}_count", None, None)] == 6
    assert abs(samples[(f"{name}_sum", None, None)] - 20.33) < 1e-9
