"""`pharmacy backup` / `pharmacy restore`: back up, wipe, restore, and every table comes back
row for row (counts and a checksum of each table's rows), on this run's backend."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.backend import ADMIN_PG_URL, pg_url
from tests.test_cli import clean_env

Snapshot = dict[str, tuple[int, str]]


def cli(
    *args: str, cwd: Path, env: dict[str, str], ok: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "webapp.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=180, input="Long-enough-pw-42\n",
    )  # fmt: skip
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def psql(sql: str, url: str = ADMIN_PG_URL) -> str:
    done = subprocess.run(["psql", "-XAtqc", sql, url], capture_output=True, text=True, check=True)
    return done.stdout


def pg_snapshot(url: str) -> Snapshot:
    tables = psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", url
    ).split()
    snap = {}
    for table in tables:
        line = psql(
            f"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)),"
            f" '') FROM \"{table}\" t",
            url,
        ).strip()
        count, _, digest = line.partition(" ")
        snap[table] = (int(count), digest)
    return snap


def sqlite_snapshot(path: Path) -> Snapshot:
    snap = {}
    with sqlite3.connect(path) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in sorted(names):
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
            snap[table] = (len(rows), hashlib.sha256("|".join(rows).encode()).hexdigest())
    return snap


@pytest.fixture
def database(backend: str, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A database of its own (never the suite's), and the environment naming it."""
    if backend == "postgres":
        name = f"pharmacy_bk_{uuid.uuid4().hex[:8]}"
        psql(f'CREATE DATABASE "{name}"')
        url = pg_url(name)
    else:
        url = f"sqlite://{tmp_path / 'var' / 'shop.sqlite3'}"
    # Behind PgBouncer the URL carries asyncpg's statement cache switch: the ORM must take it
    # and pg_dump/pg_restore/psql must not choke on it.
    env = clean_env(DATABASE_URL=url + ("?statement_cache_size=0" if backend == "postgres" else ""))
    yield url, env
    if backend == "postgres":
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot(url: str) -> Snapshot:
    if url.startswith("sqlite://"):
        return sqlite_snapshot(Path(url.removeprefix("sqlite://")))
    return pg_snapshot(url)


def wipe(url: str) -> None:
    if url.startswith("sqlite://"):
        Path(url.removeprefix("sqlite://")).unlink()
        return
    name = url.rsplit("/", 1)[1]
    psql(f'DROP DATABASE "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')


def test_backup_wipe_restore_gives_back_every_row(
    database: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    url, env = database
    cli("migrate", cwd=tmp_path, env=env)
    cli("seed", cwd=tmp_path, env=env)
    uploads = tmp_path / "var" / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)  # the seed's product pictures are there
    pictures = sorted(p.relative_to(uploads) for p in (uploads / "media").rglob("*.webp"))
    assert pictures
    (uploads / "logo.png").write_bytes(b"\x89PNG fake")
    before = snapshot(url)
    assert sum(count for count, _ in before.values()) > 100  # the demo store is there

    out = cli("backup", cwd=tmp_path, env=env).stdout
    archive = Path(tmp_path, out.strip().splitlines()[-1])  # the path is the last line
    assert archive.is_file() and archive.stat().st_size > 1000

    # Into a database holding rows: refused without --force.
    refused = cli("restore", str(archive), cwd=tmp_path, env=env, ok=False)
    assert refused.returncode != 0 and "--force" in refused.stderr

    wipe(url)
    (uploads / "logo.png").unlink()
    shutil.rmtree(uploads / "media")
    cli("restore", str(archive), cwd=tmp_path, env=env)
    assert snapshot(url) == before
    assert (uploads / "logo.png").read_bytes() == b"\x89PNG fake"
    assert sorted(p.relative_to(uploads) for p in (uploads / "media").rglob("*.webp")) == pictures

    # --force replaces a database holding rows (and changes made since are gone).
    cli("create-admin", "--email", "late@example.com", cwd=tmp_path, env=env)
    assert snapshot(url) != before
    cli("restore", str(archive), "--force", cwd=tmp_path, env=env)
    assert snapshot(url) == before


def test_backup_keeps_the_newest_and_refuses_the_other_backend(
    database: tuple[str, dict[str, str]], tmp_path: Path, backend: str
) -> None:
    _url, env = database
    cli("migrate", cwd=tmp_path, env=env)
    folder = tmp_path / "backups"
    written = [
        cli("backup", "--keep", "2", cwd=tmp_path, env={**env, "BACKUP_DIR": str(folder)})
        .stdout.strip()
        .splitlines()[-1]
        for _ in range(3)
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(w).name for w in written[1:])

    other = (
        f"sqlite://{tmp_path / 'other.sqlite3'}"
        if backend == "postgres"
        else pg_url("pharmacy_never_created")
    )
    refused = cli(
        "restore", written[-1], cwd=tmp_path, env={**env, "DATABASE_URL": other}, ok=False
    )
    assert refused.returncode != 0 and "backup" in refused.stderr
