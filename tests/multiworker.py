"""A real `pharmacy serve --workers N` in a subprocess on its own PostgreSQL database, and
HTTP connections pinned to one worker (a kept-alive connection stays with the worker that
accepted it, and `/healthz` names that worker's pid)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fixtures.backend import ADMIN_PG_URL, SECRETS, TEST_REDIS_URL, pg_url

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def psql(sql: str) -> None:
    subprocess.run(["psql", ADMIN_PG_URL, "-qc", sql], check=True, capture_output=True)


@dataclass
class Server:
    port: int
    proc: subprocess.Popen[str]
    log: Path
    credentials: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text()


class Pinned:
    """One kept-alive HTTP connection, hence one worker."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.pid = int(self.health()["pid"])

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body)
        sent = {"Content-Type": "application/json", **(headers or {})}
        self.conn.request(method, path, body=data, headers=sent)
        response = self.conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None

    def health(self) -> dict[str, Any]:
        return dict(self.request("GET", "/healthz")[1])

    def close(self) -> None:
        self.conn.close()


def pin_each_worker(port: int, workers: int, tries: int = 200) -> list[Pinned]:
    """One pinned connection per worker: new connections until every worker answered one."""
    found: dict[int, Pinned] = {}
    for _ in range(tries):
        pinned = Pinned(port)
        if pinned.pid in found:
            pinned.close()
        else:
            found[pinned.pid] = pinned
        if len(found) == workers:
            return list(found.values())
    raise AssertionError(f"only reached workers {sorted(found)}")


@contextmanager
def serve(workers: int, backend: str = "postgres", **env_extra: str) -> Iterator[Server]:
    """Migrate a fresh database (PostgreSQL + Redis, or a SQLite file with nothing shared),
    then run `pharmacy serve --workers N` until the block ends."""
    name = f"pharmacy_mw_{uuid.uuid4().hex[:8]}"
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / name
    workdir.mkdir(parents=True)
    if backend == "postgres":
        # psql rather than asyncio.run: this may run between tests of the session's loop.
        psql(f'CREATE DATABASE "{name}"')
        url, redis = pg_url(name), TEST_REDIS_URL
    else:
        url, redis = f"sqlite://{workdir / 'var' / 'shop.sqlite3'}", ""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_URL", "_TOKEN", "_SECRET"))}
    env.update({k.upper(): v for k, v in SECRETS.items()})
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=url,
        REDIS_URL=redis,
        DEPLOYMENT_NAMESPACE=name,  # pub/sub ignores the db number: keep to ourselves
        BCRYPT_ROUNDS="4",
        OUTBOX_POLL_INTERVAL="0.05",
        TELEGRAM_API_URL="http://127.0.0.1:9/",
        GEOCODER_URL="http://127.0.0.1:9",
        PUSHOVER_URL="http://127.0.0.1:9",
        **env_extra,
    )
    subprocess.run(
        [sys.executable, "-m", "webapp.cli", "migrate"], cwd=workdir, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    log = workdir / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "webapp.cli", "serve", "--port", str(port),
             "--workers", str(workers)],
            cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    server = Server(port, proc, log)
    try:
        _wait_for_workers(server, workers)
        for email, _role, password in re.findall(
            r"^\s+(\S+@demo\.test)\s+(\w+)\s+(\S+)$", server.output(), re.M
        ):
            server.credentials[email] = password
        yield server
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
        if backend == "postgres":
            psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_for_workers(server: Server, workers: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise AssertionError("server exited:\n" + server.output())
        try:
            pins = pin_each_worker(server.port, workers, tries=20)
            for pin in pins:
                pin.close()
            return
        except (OSError, AssertionError, http.client.HTTPException):
            time.sleep(0.3)
    raise AssertionError("workers did not all answer:\n" + server.output())
