"""`pharmacy serve --workers N`: N server processes sharing one port through SO_REUSEPORT.

The supervisor (this module) does the one-time start-up work once, then runs N copies of
`pharmacy serve --workers 1 --reuse-port` and lets the kernel spread connections over them.
Each worker is the ordinary single-process server, so whatever `serve` does (start-up,
graceful shutdown) applies to every worker unchanged. The supervisor forwards SIGTERM/SIGINT,
restarts a worker that dies, and gives up when workers keep dying at start (a port in use,
a bad setting), so a broken deployment fails loudly instead of looping.

Several processes only agree through Redis (bus, cache, rate limits, leases, webhook dedupe),
so more than one worker without REDIS_URL is refused.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from core.observability import (
    multiprocess_dir,
    prepare_multiprocess_dir,
    remove_multiprocess_dir,
    worker_exited,
)
from core.settings import Settings

log = logging.getLogger("pharmacy.workers")

QUICK_DEATH = 5.0  # seconds: a worker dying sooner than this after its start counts as a crash
MAX_QUICK_DEATHS = 5
STOP_GRACE = 30.0  # seconds the workers get to finish after SIGTERM before SIGKILL


def usable_cpus() -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup v2 CPU quota (a
    container limited to 2 CPUs on a 64-core host should run 2 workers, not 64)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    count = count or os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return count


def default_workers(settings: Settings) -> int:
    """Every usable core in production; one process in development."""
    return usable_cpus() if settings.is_production else 1


def check_workers(settings: Settings, workers: int) -> None:
    """Refuse a worker count that cannot be correct, with a message that says why."""
    if workers < 1:
        raise SystemExit("pharmacy: --workers must be at least 1")
    if workers > 1 and not settings.redis_url:
        raise SystemExit(
            f"pharmacy: --workers {workers} needs REDIS_URL: without Redis every worker would "
            "keep its own event bus, rate limits, webhook dedupe and job leases, so websocket "
            "clients would miss events, limits would multiply and jobs would run N times. "
            "Set REDIS_URL or run --workers 1."
        )


def worker_command(host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "webapp.cli", "serve",
        "--host", host, "--port", str(port), "--workers", "1", "--reuse-port",
    ]  # fmt: skip


class Supervisor:
    def __init__(self, command: Sequence[str], workers: int, host: str, port: int) -> None:
        self._command = list(command)
        # A wildcard address is reached through loopback.
        self._probe_host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
        self._port = port
        self._count = workers
        self._procs: dict[int, tuple[subprocess.Popen[bytes], float]] = {}
        self._stopping = False
        self._quick_deaths = 0

    def _start_one(self) -> None:
        proc = subprocess.Popen(self._command)
        self._procs[proc.pid] = (proc, time.monotonic())

    def _wait_listening(self, timeout: float = 120.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._stopping:
            if any(proc.poll() is not None for proc, _ in self._procs.values()):
                log.error("the first worker exited during start-up")
                return False
            try:
                with socket.create_connection((self._probe_host, self._port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.2)
        return False

    def _signal(self, signum: int, _frame: FrameType | None) -> None:
        self._stopping = True
        for proc, _ in self._procs.values():
            if proc.poll() is None:
                proc.send_signal(signum)

    def run(self) -> int:
        previous = {
            sig: signal.signal(sig, self._signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            # One worker first: it does the first-start work (schema check, the demo store in
            # development) alone, so the others never race it.
            self._start_one()
            if not self._wait_listening():
                return 1
            for _ in range(self._count - 1):
                self._start_one()
            log.info("supervisor %s started %s workers", os.getpid(), self._count)
            return self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _watch(self) -> int:
        while self._procs:
            time.sleep(0.2)
            for pid, (proc, started) in list(self._procs.items()):
                code = proc.poll()
                if code is None:
                    continue
                del self._procs[pid]
                worker_exited(pid)
                if self._stopping:
                    continue
                quick = time.monotonic() - started < QUICK_DEATH
                self._quick_deaths = self._quick_deaths + 1 if quick else 0
                log.error("worker %s exited with %s", pid, code)
                if self._quick_deaths >= MAX_QUICK_DEATHS:
                    log.error("workers keep dying at start; giving up")
                    return 1
                self._start_one()
        return 0 if self._stopping else 1

    def _stop_all(self) -> None:
        live = [proc for proc, _ in self._procs.values() if proc.poll() is None]
        for proc in live:
            proc.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for proc in live:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def serve_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run `workers` server processes on host:port until SIGTERM/SIGINT."""
    check_workers(settings, workers)
    if not settings.uses_postgres:
        # Correct (SQLite locks the file) but writers queue for one lock: fine for trying
        # --workers out, not for load.
        log.warning("--workers %s on SQLite: writes are serialised; use PostgreSQL", workers)
    # One directory for every worker's metric files, so /metrics on any worker sums them all.
    own_dir = None if multiprocess_dir() else prepare_multiprocess_dir()
    try:
        code = Supervisor(worker_command(host, port), workers, host, port).run()
    finally:
        if own_dir:
            remove_multiprocess_dir(own_dir)
    raise SystemExit(code)
