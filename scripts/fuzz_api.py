"""The fuzzing gate: schemathesis over /api/openapi.json against a live `pharmacy serve` in a
process of its own, on a throwaway database, as nobody, as a customer and as an admin.

    python scripts/fuzz_api.py [--backend embedded|postgres] [--examples N] [--seconds S]

Checks: no server error, responses match their schema, every status is documented. Exits 0
only with zero findings. tests/test_fuzz_gate.py runs it on the suite's backend.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PG_ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def psql(sql: str) -> None:
    subprocess.run(["psql", PG_ADMIN, "-qc", sql], check=True, capture_output=True)


def request(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def start_server(workdir: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    output = (workdir / "server.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "webapp.cli", "serve", "--port", str(port)],
        cwd=workdir,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=output,
        stderr=subprocess.STDOUT,
    )


def wait_ready(server: subprocess.Popen[bytes], port: int, log: Path) -> str:
    """The server's output once it answers /healthz."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited:\n" + log.read_text())
        try:
            request(f"http://127.0.0.1:{port}/healthz")
            return log.read_text()
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start:\n" + log.read_text())


def credentials(log: str) -> dict[str, str]:
    """The demo sign-ins the first start prints: {role: (email, password)}."""
    found = re.findall(r"^\s+(\S+@\S+)\s+(\w+)\s+(\S+)$", log, re.M)
    return {role: f"{email} {password}" for email, role, password in found}


class _Nominatim(BaseHTTPRequestHandler):
    """A geocoder that knows no address: the gate tests the API, not the geocoder's uptime
    (an unreachable one is an honest 503, which the server-error check would count)."""

    def do_GET(self) -> None:
        body = b"[]" if self.path.startswith("/search") else b'{"error": "Unable to geocode"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


def start_geocoder() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["embedded", "postgres"], default="embedded")
    parser.add_argument("--examples", type=int, default=15, help="examples per operation")
    parser.add_argument("--seconds", type=int, default=60, help="time budget per identity")
    parser.add_argument("--seed", type=int, default=20261125, help="schemathesis seed")
    args = parser.parse_args()

    root = Path(__file__).resolve().parent.parent
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-"))
    geocoder = start_geocoder()
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "ENVIRONMENT": "development",
        "BCRYPT_ROUNDS": "4",
        # The gate is about answers, not limits: a 429 storm would hide everything else.
        "RATE_LIMIT_GLOBAL": "10000000/60",
        "RATE_LIMIT_AUTH": "10000000/60",
        "RATE_LIMIT_OTP_PHONE": "10000000/60",
        "GOOGLE_CLIENT_ID": "fuzz-client",
        "GOOGLE_AUTH_URL": "http://127.0.0.1:9/auth",
        "GOOGLE_TOKEN_URL": "http://127.0.0.1:9/token",
        "GOOGLE_USERINFO_URL": "http://127.0.0.1:9/userinfo",
        "GEOCODER_URL": f"http://127.0.0.1:{geocoder.server_address[1]}",
        "OTP_RESEND_COOLDOWN": "0",
    }
    database = f"pharmacy_fuzz_{uuid.uuid4().hex[:8]}"
    if args.backend == "postgres":
        psql(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + database
        env["REDIS_URL"] = REDIS_URL
        env["DEPLOYMENT_NAMESPACE"] = database
        subprocess.run(
            [sys.executable, "-m", "webapp.cli", "migrate"], cwd=workdir, env=env, check=True
        )
    else:
        env["DATABASE_URL"] = f"sqlite://{workdir / 'fuzz.sqlite3'}"
        env.pop("REDIS_URL", None)
    server = start_server(workdir, port, env)
    findings = 0
    try:
        output = wait_ready(server, port, workdir / "server.log")
        base = f"http://127.0.0.1:{port}"
        people = credentials(output)
        identities: dict[str, list[str]] = {"nobody": []}
        for role in ("customer", "admin"):
            email, password = people[role].split(" ", 1)
            token = request(f"{base}/api/v1/auth/login", {"email": email, "password": password})
            identities[role] = ["-H", f"Authorization: Bearer {token['access_token']}"]
        st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
        for name, headers in identities.items():
            command = [
                st,
                "run",
                f"{base}/api/openapi.json",
                "--checks",
                CHECKS,
                "--max-examples",
                str(args.examples),
                "--max-time",
                str(args.seconds),
                "--workers",
                "1",
                "--seed",
                str(args.seed),
                "--no-shrink",
                "--phases",
                "examples,coverage,fuzzing",
                "--request-timeout",
                "10",
                "--suppress-health-check",
                "all",
                "--warnings",
                "off",
                *headers,
            ]
            print(f"=== schemathesis as {name} ({args.backend}) ===", flush=True)
            result = subprocess.run(command, cwd=workdir, env=env)
            findings += result.returncode != 0
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        if args.backend == "postgres":
            psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"fuzz gate: {findings} identities with findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
