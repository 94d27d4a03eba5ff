"""Prometheus metrics, the request id and structured (JSON) logs.

Metrics live in one registry of this module (prometheus-client metrics are process-wide by
nature). Under `pharmacy serve --workers N` the supervisor points PROMETHEUS_MULTIPROC_DIR at
a directory shared by the workers before starting them; prometheus-client then keeps every
value in a memory-mapped file per process and `render_metrics()` sums them, so any worker
answers `/metrics` for the whole server.

The request id comes from a valid `X-Request-ID` or is made; it lives in a contextvar, so
every log line, outbox row and bot update handled for that request carries it.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import shutil
import tempfile
from bisect import bisect_left
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "pharmacy_http_requests",
    "HTTP requests by route template, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "pharmacy_http_request_duration_seconds",
    "HTTP request latency by route template and method",
    ["route", "method"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
WEBHOOK_UPDATES = Counter(
    "pharmacy_webhook_updates",
    "Telegram updates received by bot and outcome (handled, duplicate, failed)",
    ["bot", "outcome"],
    registry=REGISTRY,
)
WEBSOCKETS = Gauge(
    "pharmacy_websocket_connections",
    "Open websocket connections",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)


class _HttpSeries:
    """The request counter and latency histogram of one (route, method, status), updated
    through the children's value holders: the public `inc()`/`observe()` re-check the labels
    and walk the buckets in Python, a few microseconds on every request. The values are the
    ones prometheus-client exposes (and shares between workers in multiprocess mode)."""

    __slots__ = ("_bounds", "_buckets", "_count", "_sum")

    def __init__(self, counter: Counter, histogram: Histogram) -> None:
        self._count = counter._value
        self._sum = histogram._sum
        # One value per bucket, not cumulative: an observation counts in the first bucket
        # whose upper bound holds it (the last bound is +Inf), as Histogram.observe does.
        self._buckets = histogram._buckets
        self._bounds = list(histogram._upper_bounds)

    def record(self, seconds: float) -> None:
        self._count.inc(1)
        self._sum.inc(seconds)
        self._buckets[bisect_left(self._bounds, seconds)].inc(1)


# Routes are templates and statuses few; an odd method a client invents is still counted,
# just not remembered.
_HTTP_SERIES: dict[tuple[str, str, int], _HttpSeries] = {}
_HTTP_SERIES_MAX = 4096


def count_http_request(route: str, method: str, status: int, seconds: float) -> None:
    """One request answered: its count by (route, method, status), its latency by route and
    method."""
    key = (route, method, status)
    series = _HTTP_SERIES.get(key)
    if series is None:
        series = _HttpSeries(
            HTTP_REQUESTS.labels(route, method, str(status)), HTTP_LATENCY.labels(route, method)
        )
        if len(_HTTP_SERIES) < _HTTP_SERIES_MAX:
            _HTTP_SERIES[key] = series
    series.record(seconds)


JOB_RUNS = Counter("pharmacy_job_runs", "Periodic job runs by job", ["job"], registry=REGISTRY)
JOB_FAILURES = Counter(
    "pharmacy_job_failures", "Periodic job runs that raised, by job", ["job"], registry=REGISTRY
)
CHECKOUT_OUTCOMES = Counter(
    "pharmacy_checkout_outcomes",
    "Checkout attempts by outcome (placed or the failure reason)",
    ["outcome"],
    registry=REGISTRY,
)


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def prepare_multiprocess_dir() -> str:
    """A fresh directory for the workers' metric files (set before the workers start, so they
    inherit it); the supervisor removes it when it stops."""
    path = tempfile.mkdtemp(prefix="pharmacy-metrics-")
    os.environ[MULTIPROC_ENV] = path
    return path


def remove_multiprocess_dir(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def worker_exited(pid: int) -> None:
    """Drop a dead worker's live gauges (its counters stay: they are part of the totals)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid)


class _Snapshot(Collector):
    """Gauges computed at scrape time (outbox backlog), handed in by the caller."""

    def __init__(self, families: Iterable[GaugeMetricFamily]) -> None:
        self._families = list(families)

    def collect(self) -> Iterable[GaugeMetricFamily]:
        return self._families


def outbox_families(
    backlog: dict[str, tuple[int, float]],
) -> list[GaugeMetricFamily]:
    """`backlog` maps channel → (pending messages, age in seconds of the oldest one)."""
    count = GaugeMetricFamily(
        "pharmacy_outbox_backlog", "Pending outbox messages by channel", labels=["channel"]
    )
    age = GaugeMetricFamily(
        "pharmacy_outbox_oldest_pending_seconds",
        "Age of the oldest pending outbox message by channel",
        labels=["channel"],
    )
    for channel, (pending, oldest) in sorted(backlog.items()):
        count.add_metric([channel], pending)
        age.add_metric([channel], oldest)
    return [count, age]


def render_metrics(extra: Iterable[GaugeMetricFamily] = ()) -> bytes:
    """The Prometheus text exposition of this process (or of all workers' files)."""
    path = multiprocess_dir()
    if path:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=path)
    else:
        registry = REGISTRY
    text = generate_latest(registry)
    snapshot = CollectorRegistry()
    snapshot.register(_Snapshot(extra))
    return text + generate_latest(snapshot)


# The request id.

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,63}")
request_id_var: ContextVar[str] = ContextVar("request_id", default="")


def new_request_id() -> str:
    # Made for every request and no secret: the random module (reseeded in a forked child)
    # rather than a system call for os.urandom.
    return f"{random.getrandbits(128):032x}"


def accept_request_id(raw: str | None) -> str:
    """The caller's id when it is short and plain (letters, digits, `._:/+=-`, ≤ 64
    characters), otherwise a new one: a hostile header never reaches a log line."""
    if raw and _VALID_REQUEST_ID.fullmatch(raw):
        return raw
    return new_request_id()


def current_request_id() -> str:
    return request_id_var.get()


# Logs.


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "") or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Root logging for the CLI: `json` for one JSON object a line, else readable text."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
