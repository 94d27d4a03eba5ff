"""Database set-up: one Tortoise app ("models") on SQLite or PostgreSQL.

PostgreSQL gets its schema from aerich migrations (`pharmacy migrate`); the embedded SQLite
default builds its schema straight from the models.
"""

from __future__ import annotations

import os
import re
from typing import Any, TypeVar

import asyncpg
from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError
from tortoise.models import Model

from core import sqlite_fix
from core.settings import Settings

MODEL_MODULES = ["models", "aerich.models"]


# What a query raises while the database is unreachable or restarting: the caller gets a 503
# and tries again; the pool replaces dead connections by itself.
DATABASE_DOWN: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    DBConnectionError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,
)


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


# aerich's CLI reads this (see [tool.aerich] in pyproject.toml).
AERICH_CONFIG = tortoise_config(
    os.environ.get("DATABASE_URL", "sqlite://var/pharmacy.sqlite3").replace(
        "postgresql://", "postgres://", 1
    )
)


async def init_db(settings: Settings) -> bool:
    """Open the connection pool; on SQLite also create the file and any missing tables.

    Returns False (and does nothing) when this process already has the database open, as
    the test suite does for the whole session; the caller then must not close it.
    """
    if Tortoise.is_inited():
        return False
    sqlite_fix.install()
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = tortoise_config(settings.database_url)
    if settings.database_url.startswith("postgres"):
        config["connections"]["default"] = _pool_config(settings.database_url)
    # The global fallback lets every task (aiohttp handlers, workers) see the one ORM context.
    await Tortoise.init(config=config, _enable_global_fallback=True)
    if path is not None or settings.database_url == "sqlite://:memory:":
        await Tortoise.generate_schemas(safe=True)
    return True


async def _keep_session(connection: asyncpg.Connection) -> None:
    """What the pool runs when a connection comes back, after asyncpg has rolled back any
    transaction left open: nothing. asyncpg's default sends "SELECT pg_advisory_unlock_all();
    CLOSE ALL; UNLISTEN *; RESET ALL" on every release, one more round trip for each query run
    outside a transaction; this code sets no session state (no SET, LISTEN, cursors or
    advisory locks): should it ever, reset that state here."""


def _pool_config(database_url: str) -> dict[str, Any]:
    """The PostgreSQL connection as Tortoise's URL gives it, plus the release hook above."""
    connection = expand_db_url(database_url)
    connection["credentials"]["reset"] = _keep_session
    return connection


async def close_db() -> None:
    await Tortoise.close_connections()


async def ping_db() -> None:
    """Raise if the database does not answer."""
    await connections.get("default").execute_query("SELECT 1")


async def insert_unless_exists(row: Model) -> None:
    """INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL): afterwards a row with the
    row's unique key exists, whoever inserted it. Use this, then read or conditionally update,
    instead of "look it up, create it if missing": two requests at once both miss and the
    second insert fails on the unique key. Never aborts an enclosing PostgreSQL transaction."""
    await type(row).bulk_create([row], ignore_conflicts=True)


async def upsert(row: Model, *, on: tuple[str, ...], update: tuple[str, ...]) -> None:
    """INSERT ... ON CONFLICT (on) DO UPDATE SET update = the new values, in one statement on
    SQLite and PostgreSQL: "update it, or create it if missing" without a race between the two."""
    await type(row).bulk_create([row], on_conflict=list(on), update_fields=list(update))


_NUMBERED = re.compile(r"\$(\d+)")


async def fetch_all(
    sql: str, *args: Any, conn: BaseDBAsyncClient | None = None
) -> list[dict[str, Any]]:
    """Run one hand-written statement with $1, $2 ... parameters on either database (SQLite
    gets its ?1, ?2 ...) and return its rows as dicts. For hot paths only, where building the
    statement with the ORM costs more than running it. `conn`: the transaction's connection
    (`async with in_transaction() as conn`), else the default one. SQLite returns booleans as
    0/1 and JSON columns as text, PostgreSQL JSON as text too: callers convert."""
    conn = conn or connections.get("default")
    if conn.capabilities.dialect == "sqlite":
        sql = _NUMBERED.sub(r"?\1", sql)
    return list(await conn.execute_query_dict(sql, list(args)))


M = TypeVar("M", bound=Model)


async def fetch_models(model: type[M], sql: str, *args: Any) -> list[M]:
    """`fetch_all` for whole rows of `model` (the statement selects all its columns): the
    instances come out as the ORM's own reads build them. For hot paths only."""
    return [model._init_from_db(**row) for row in await fetch_all(sql, *args)]
