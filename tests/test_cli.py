"""The `pharmacy` command as a newcomer runs it, in a fresh directory."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from core.passwords import verify_password_sync
from tests.fixtures.backend import create_pg_database, drop_pg_database

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "webapp.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_URL", "_TOKEN", "_SECRET"))}
    env.pop("SECRET_KEY", None)
    env["PYTHONPATH"] = str(ROOT)
    env["BCRYPT_ROUNDS"] = "4"
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_routes_lists_every_door(tmp_path: Path) -> None:
    out = run_cli("routes", cwd=tmp_path, env=clean_env())
    for path in (
        "/api/v1/stores",
        "/api/v1/admin/stores",
        "/healthz",
        "/ws",
        "/webhook/customer",
        "/webhook/dispatcher",
        "/webhook/driver",
        "/api/openapi.json",
    ):
        assert path in out, path


def test_serve_on_a_fresh_directory_seeds_and_answers(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "webapp.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, health = get_json(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert status == 200 and health["database"] == "ok"
        status, stores = get_json(f"http://127.0.0.1:{port}/api/v1/stores")
        assert status == 200 and stores["items"][0]["name"] == "Demo Pharmacy"
        assert (tmp_path / "var" / "pharmacy.sqlite3").exists()
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert f"http://127.0.0.1:{port}" in output
    assert "admin@demo.test" in output  # the demo credentials are printed once
    assert "event loop: uvloop" in output  # the default (EVENT_LOOP)


def test_seed_is_idempotent(tmp_path: Path) -> None:
    first = run_cli("seed", cwd=tmp_path, env=clean_env())
    assert "demo store created" in first and "dispatcher@demo.test" in first
    second = run_cli("seed", cwd=tmp_path, env=clean_env())
    assert "already present" in second and "demo-" not in second


def test_seed_can_show_the_demo_sign_ins_again(tmp_path: Path) -> None:
    run_cli("seed", cwd=tmp_path, env=clean_env())
    shown = run_cli("seed", "--show-credentials", cwd=tmp_path, env=clean_env())
    rows = {line.split()[0]: line.split()[2] for line in shown.splitlines() if "@demo.test" in line}
    assert {"admin@demo.test", "driver1@demo.test", "customer@demo.test"} <= set(rows)
    # The printed password is the one that now signs in.
    with sqlite3.connect(tmp_path / "var" / "pharmacy.sqlite3") as db:
        (hashed,) = db.execute(
            "SELECT password_hash FROM users WHERE email = 'admin@demo.test'"
        ).fetchone()
    assert verify_password_sync(rows["admin@demo.test"], hashed)
    assert not verify_password_sync("demo-admin-000000", hashed)
    assert "--show-credentials" in run_cli("seed", "--help", cwd=tmp_path, env=clean_env())


@pytest.mark.postgres_only
async def test_migrate_then_seed_on_postgres(tmp_path: Path, run_id: str) -> None:
    name = f"pharmacy_cli_{run_id}"
    url = await create_pg_database(name)
    try:
        env = clean_env(DATABASE_URL=url)
        migrations = [
            p for p in (ROOT / "migrations" / "models").glob("*.py") if p.stem[0].isdigit()
        ]
        assert f"applied {len(migrations)} migration" in run_cli("migrate", cwd=tmp_path, env=env)
        assert "applied 0 migration" in run_cli("migrate", cwd=tmp_path, env=env)
        assert "demo store created" in run_cli("seed", cwd=tmp_path, env=env)
    finally:
        await drop_pg_database(name)


@pytest.mark.postgres_only
async def test_serve_refuses_a_database_without_its_schema(tmp_path: Path, run_id: str) -> None:
    """Before any job or worker starts: one clear line and exit code 1, no traceback."""
    name = f"pharmacy_noschema_{run_id}"
    url = await create_pg_database(name)
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "webapp.cli",
            "serve",
            "--port",
            str(free_port()),
            cwd=tmp_path,
            env=clean_env(DATABASE_URL=url),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await asyncio.wait_for(proc.communicate(), 60)
        text = out.decode()
        assert proc.returncode == 1
        assert "no schema yet: run `pharmacy migrate` first" in text
        assert "Traceback" not in text and "periodic job" not in text
        # The other commands that need the schema say the same, before asking anything.
        for command in (
            ["seed"],
            ["create-admin", "--email", "boss@example.com"],
            ["check-ledger"],
        ):
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "webapp.cli",
                *command,
                cwd=tmp_path,
                env=clean_env(DATABASE_URL=url),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            out, _ = await asyncio.wait_for(proc.communicate(), 60)
            output = out.decode()
            assert proc.returncode == 1, command
            assert "no schema yet: run `pharmacy migrate` first" in output, command
            assert "Traceback" not in output, command
    finally:
        await drop_pg_database(name)


def test_serve_says_plainly_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    url = f"postgres://pharmacy:hunter2secret@127.0.0.1:{free_port()}/pharmacy"
    result = subprocess.run(
        [sys.executable, "-m", "webapp.cli", "serve", "--port", str(free_port())],
        cwd=tmp_path,
        env=clean_env(DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "cannot reach the database" in output and "DATABASE_URL" in output
    assert "Traceback" not in output and "hunter2secret" not in output


async def test_serve_stops_promptly_on_sigterm(tmp_path: Path) -> None:
    """A rolling restart is quick: open websockets are closed (going away), in-flight
    requests get a short grace, the outbox worker finishes its round, and the process exits."""
    import aiohttp

    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "webapp.cli",
        "serve",
        "--port",
        str(port),
        cwd=tmp_path,
        env=clean_env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                try:
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    assert proc.returncode is None
                    await asyncio.sleep(0.2)
            ws = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
            await asyncio.sleep(0.2)  # the server now holds an open websocket
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 10)
            took = time.monotonic() - started
            closed = await ws.receive(timeout=1)
            await ws.close()
        # Exiting at all within the 10 s above means no wait for aiohttp's 60 s default grace or
        # for the websocket; how long it took is a figure (it depends on the machine's load).
        print(f"serve stopped {took:.2f}s after SIGTERM")
        assert code == 0
        assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.communicate()
