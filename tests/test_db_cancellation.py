"""A request cancelled while it opens a transaction (a client that hangs up) must not leave
the database locked for everyone after it."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from models import Store


async def _hold() -> None:
    async with in_transaction():
        await Store.all().count()
        await asyncio.sleep(0.01)


@pytest.mark.embedded_only  # the SQLite lock; see the closing note for PostgreSQL's pool
async def test_cancelled_transactions_release_the_database() -> None:
    for step in range(120):
        task = asyncio.create_task(_hold())
        await asyncio.sleep((step % 20) * 0.0005)  # cancel at every point: BEGIN, query, commit
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async def still_works() -> int:
        async with in_transaction():
            return await Store.all().count()

    assert await asyncio.wait_for(still_works(), 10) >= 0
