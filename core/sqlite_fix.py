"""A fix for tortoise-orm 1.1.x's SQLite transactions: `SqliteTransactionContext.__aenter__`
takes the connection's lock and then awaits BEGIN; a task cancelled in that await (a client
that hangs up, a shutdown) never reaches `__aexit__`, so the lock is never released and every
later query waits forever. Installed once by core.db; releases the lock when entering fails.

It also starts a transaction with BEGIN alone: tortoise sends a COMMIT first, in case one is
open, which is one more trip to the SQLite thread per transaction while holding the lock
that every other query waits for; here that COMMIT is sent only when one is open."""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise.backends.sqlite.client import SqliteTransactionContext
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

_PATCHED = "_pharmacy_release_on_failed_enter"


async def _enter(self: SqliteTransactionContext) -> Any:
    await self._trxlock.acquire()
    token = None
    try:
        await self.ensure_connection()
        token = get_connections().set(self.connection_name, self.connection)
        self.token = token
        connection = self.connection._connection
        try:
            if connection.in_transaction:
                await connection.commit()
            await connection.execute("BEGIN")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc
    except BaseException:
        if token is not None:
            get_connections().reset(token)
        self._trxlock.release()
        raise
    return self.connection


def install() -> None:
    if not getattr(SqliteTransactionContext, _PATCHED, False):
        SqliteTransactionContext.__aenter__ = _enter  # type: ignore[method-assign]
        setattr(SqliteTransactionContext, _PATCHED, True)
