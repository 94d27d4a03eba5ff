"""scripts/smoke.sh against a test server: passes on a healthy one, fails loudly otherwise."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.fixtures.backend import SECRETS
from tests.multiworker import ROOT, Server, serve


@pytest.fixture(scope="module")
def server(backend: str) -> Iterator[Server]:
    with serve(1, backend) as running:
        yield running


def smoke(server: Server, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "smoke.sh"), f"http://127.0.0.1:{server.port}"],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def settings(server: Server) -> dict[str, str]:
    return {
        "SMOKE_CUSTOMER_BOT_TOKEN": SECRETS["customer_bot_token"],
        "SMOKE_STAFF_EMAIL": "admin@demo.test",
        "SMOKE_STAFF_PASSWORD": server.credentials["admin@demo.test"],
        "SMOKE_DRIVER_EMAIL": "driver1@demo.test",
        "SMOKE_DRIVER_PASSWORD": server.credentials["driver1@demo.test"],
    }


def test_smoke_walks_an_order_to_delivered(server: Server) -> None:
    result = smoke(server, **settings(server))
    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("signed up", "placed", "-> picked_up", "-> delivered", "smoke: passed"):
        assert line in result.stdout


def test_smoke_fails_when_a_step_fails(server: Server) -> None:
    wrong = {**settings(server), "SMOKE_CUSTOMER_BOT_TOKEN": "1000001:not-the-token"}
    result = smoke(server, **wrong)
    assert result.returncode == 1 and "FAILED" in result.stderr and "HTTP 401" in result.stderr
    down = subprocess.run(
        [str(ROOT / "scripts" / "smoke.sh"), "http://127.0.0.1:9"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert down.returncode == 1 and "FAILED" in down.stderr
