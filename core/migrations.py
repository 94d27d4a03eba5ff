"""aerich-managed migrations for PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aerich import Command

from core.db import tortoise_config

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


async def apply_migrations(database_url: str) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    # aerich opens its own ORM context; a task of its own keeps that context from leaking
    # into the caller's (which may open the ORM for serving next).
    return await asyncio.create_task(_upgrade(database_url))


async def _upgrade(database_url: str) -> list[str]:
    command = Command(
        tortoise_config=tortoise_config(database_url), app="models", location=str(MIGRATIONS_DIR)
    )
    await command.init()
    try:
        return await command.upgrade(run_in_transaction=True)
    finally:
        await command.close()
