"""Background jobs on aiojobs, and periodic jobs that run in one process of a cluster."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiojobs

from core.locks import Leases
from core.observability import JOB_FAILURES, JOB_RUNS

log = logging.getLogger(__name__)

PeriodicJob = Callable[[], Awaitable[None]]


class JobScheduler:
    def __init__(self, leases: Leases, limit: int | None = 1000) -> None:
        self._leases = leases
        self._scheduler = aiojobs.Scheduler(limit=limit, pending_limit=10_000)
        self.runs: dict[str, int] = {}

    async def spawn(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> None:
        await self._scheduler.spawn(coro, name=name)

    async def every(
        self, name: str, interval: float, job: PeriodicJob, *, one_per_cluster: bool = True
    ) -> None:
        """Run `job` every `interval` seconds. With one_per_cluster, each tick first takes a
        lease named after the job, so with several processes only one of them runs it."""
        await self.spawn(self._loop(name, interval, job, one_per_cluster), name=f"every:{name}")

    async def _loop(self, name: str, interval: float, job: PeriodicJob, single: bool) -> None:
        while True:
            # Ticks are wall-clock slots of `interval` seconds, and the lease is named after
            # the slot: every process (every worker, every machine) computes the same name, so
            # each tick runs exactly once in the cluster however the processes' timers drift.
            tick = int(time.time() // interval)
            try:
                if not single or await self._leases.acquire(
                    f"periodic:{name}:{tick}", interval * 2
                ):
                    JOB_RUNS.labels(name).inc()
                    await job()
                    self.runs[name] = self.runs.get(name, 0) + 1
            except asyncio.CancelledError:
                raise
            except Exception:
                JOB_FAILURES.labels(name).inc()
                log.exception("periodic job %s failed", name)
            await asyncio.sleep(max(0.0, (tick + 1) * interval - time.time()))

    async def close(self) -> None:
        await self._scheduler.close()
