"""The committed aerich migrations build exactly the schema the models describe."""

from __future__ import annotations

import asyncpg
import pytest
from tortoise import connections
from tortoise.utils import get_schema_sql

from tests.fixtures.backend import create_pg_database, drop_pg_database

SNAPSHOT_QUERIES = {
    "columns": """
        SELECT table_name, column_name, data_type, is_nullable,
               character_maximum_length, numeric_precision, numeric_scale
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'aerich'
    """,
    "indexes": """
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> 'aerich'
    """,
    "constraints": """
        SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
          AND conrelid::regclass::text <> 'aerich'
    """,
}


async def snapshot(url: str) -> dict[str, set[tuple]]:
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        return {
            name: {tuple(row) for row in await conn.fetch(query)}
            for name, query in SNAPSHOT_QUERIES.items()
        }
    finally:
        await conn.close()


@pytest.mark.postgres_only
async def test_migrations_match_the_models(database_url: str, run_id: str) -> None:
    # database_url was built by applying the committed migrations to an empty database.
    from_migrations = await snapshot(database_url)
    name = f"pharmacy_models_{run_id}"
    url = await create_pg_database(name)
    try:
        sql = get_schema_sql(connections.get("default"), safe=False)
        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()
        from_models = await snapshot(url)
    finally:
        await drop_pg_database(name)
    for kind in SNAPSHOT_QUERIES:
        missing = sorted(from_models[kind] - from_migrations[kind])
        extra = sorted(from_migrations[kind] - from_models[kind])
        assert not missing and not extra, (
            f"schema drift in {kind}: models have {missing}, migrations have {extra}; "
            "run scripts/make_migration.sh NAME"
        )
    assert len(from_models["columns"]) > 300  # the whole data model is there
