"""Instructions per request, counted by valgrind: a figure that does not move with the
machine's noise, for comparing two versions of a hot path (timings on a shared virtual
machine move by a third from one run to the next).

    python scripts/bench/instructions.py [--case catalog|product] [--backend sqlite|postgres]
                                         [--requests 2000] [--connections 1]

Seeds a scratch database as `run.py` does, starts the platform (`targets.py product`) and
plain aiohttp serving the same bytes (`targets.py plain`), each under valgrind's callgrind
with counting off; after a warm-up it counts the instructions the server runs for exactly
`--requests` requests (sent from this process over `--connections` keep-alive connections)
and prints them per request, with the ratio baseline/product. Kernel time (socket calls) is
not counted: the ratio is of the Python side, which is what the platform adds. Needs
valgrind (`apt-get install valgrind`). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (the benchmark's helpers)


def _valgrind() -> str:
    binary = shutil.which("valgrind")
    if binary is None:
        raise SystemExit("valgrind is missing: apt-get install valgrind")
    return binary


def _serve(
    kind: str, args: list[str], work: Path, env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], int]:
    port = run.free_port()
    argv = [
        _valgrind(),
        "--tool=callgrind",
        "--instr-atstart=no",  # uninstrumented until the warm-up is done: starts faster
        f"--callgrind-out-file={work}/{kind}.%p.out",
        sys.executable,
        str(run.TARGETS),
        kind,
        *[a.replace("{port}", str(port)) for a in args],
    ]
    proc = subprocess.Popen(argv, env=env, cwd=run.ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{kind} did not start under valgrind")
        try:
            _get(port, "/healthz" if kind == "product" else "/")
            return proc, port
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{kind} did not listen")


def _get(port: int, path: str) -> tuple[bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.read(), response.getheader("Content-Type", "").split(";")[0]
    finally:
        conn.close()


def _send(port: int, path: str, total: int, connections: int) -> None:
    """`total` GETs of `path`, over `connections` keep-alive connections at once."""

    def worker(count: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for _ in range(count):
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: {response.status}")
        conn.close()

    share = [total // connections + (i < total % connections) for i in range(connections)]
    threads = [threading.Thread(target=worker, args=(n,)) for n in share]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _control(proc: subprocess.Popen[bytes], *flags: str) -> None:
    subprocess.run(["callgrind_control", *flags, str(proc.pid)], check=True, capture_output=True)


def count(
    kind: str, args: list[str], path: str, work: Path, env: dict[str, str], ns: argparse.Namespace
) -> tuple[float, tuple[bytes, str]]:
    """Instructions per request of `path` on `targets.py kind args` under callgrind, and the
    answer (body, content type)."""
    proc, port = _serve(kind, args, work, env)
    try:
        answer = _get(port, path)
        _send(port, path, 200, ns.connections)  # warm: the cache entry, the code paths
        _control(proc, "--instr=on")
        _send(port, path, 200, ns.connections)  # the instrumented code translated once
        _control(proc, "--zero")
        _send(port, path, ns.requests, ns.connections)
        _control(proc, "--dump")
        dumps = sorted(work.glob(f"{kind}.{proc.pid}.out*"), key=lambda p: p.stat().st_mtime)
        text = dumps[-1].read_text(errors="replace")
        if ns.keep:
            shutil.copy(dumps[-1], Path(ns.keep) / f"callgrind.{kind}.out")
        found = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        if found is None:
            raise SystemExit(f"no instruction count in {dumps[-1]}")
        return int(found.group(1)) / ns.requests, answer
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=("catalog", "product"), default="catalog")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument(
        "--keep", help="copy the callgrind profiles here (read them with callgrind_annotate)"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="count the platform only (half the time)"
    )
    ns = parser.parse_args()
    with run.seeded_for_profiling(ns.backend, fake_bot=False) as (database_url, info, work):
        env = {**os.environ, "PYTHONPATH": str(run.ROOT)}
        store, product_id = info["store_id"], info["product_id"]
        path = {
            "catalog": f"/api/v1/stores/{store}/products?page=1",
            "product": f"/api/v1/stores/{store}/products/{product_id}",
        }[ns.case]
        product, (body, content_type) = count(
            "product", [database_url, "{port}"], path, work, env, ns
        )
        bytes_file = work / "bytes.json"
        bytes_file.write_text(json.dumps({path: (body.hex(), content_type)}))
        if ns.no_baseline:
            print(f"{ns.case} ({ns.backend}): platform {product:,.0f} instructions per request")
            return
        plain, _ = count("plain", ["{port}", str(bytes_file)], path, work, env, ns)
        print(
            f"{ns.case} ({ns.backend}): platform {product:,.0f} instructions per request, "
            f"plain aiohttp {plain:,.0f}; ratio baseline/product {plain / product:.2f}"
        )


if __name__ == "__main__":
    main()
