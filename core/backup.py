"""Backups: one `.tar.gz` per snapshot holding the database and the uploaded files.

- PostgreSQL: `pg_dump --format=custom` (consistent: one repeatable-read snapshot), restored
  with `pg_restore --clean --if-exists --single-transaction`.
- SQLite: the online backup API (consistent while the server writes), restored the same way
  into the live file.

The archive holds `manifest.json` (format, backend, time), `database.pgdump` or
`database.sqlite3`, and `uploads/` when UPLOADS_DIR exists. Passwords never reach a command
line (`ps` shows those): libpq reads PGPASSWORD from the child's environment instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from core.settings import Settings

FORMAT = 1
NAME = re.compile(r"^pharmacy-\d{8}T\d{6}(\d{6})?Z\.tar\.gz$")


class BackupError(Exception):
    """A backup or restore cannot go ahead; the message says why."""


@dataclass(frozen=True)
class PgTarget:
    url: str  # without the password
    env: dict[str, str]


# Query parameters the ORM's driver (asyncpg, through Tortoise) reads and libpq would refuse,
# e.g. ?statement_cache_size=0 behind PgBouncer.
DRIVER_ONLY = {
    "statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size",
    "minsize", "maxsize", "max_inactive_connection_lifetime", "ssl", "schema",
}  # fmt: skip


def pg_target(database_url: str) -> PgTarget:
    parts = urlsplit(database_url.replace("postgres://", "postgresql://", 1))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in DRIVER_ONLY]
    parts = parts._replace(query=urlencode(query))
    env = dict(os.environ)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return PgTarget(urlunsplit(parts._replace(netloc=netloc)), env)


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    if shutil.which(cmd[0]) is None:
        raise BackupError(f"{cmd[0]} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()}")


def default_path(directory: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return directory / f"pharmacy-{stamp}.tar.gz"


def backup(settings: Settings, output: Path) -> Path:
    """Write a snapshot to `output` (a temporary name first, so a partial file never looks
    like a backup) and return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        work = Path(tmp)
        if settings.uses_postgres:
            target = pg_target(settings.database_url)
            dump = work / "database.pgdump"
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 f"--file={dump}", target.url],
                target.env,
            )  # fmt: skip
        else:
            source = _sqlite_file(settings)
            if not source.exists():
                raise BackupError(f"no SQLite database at {source}")
            dump = work / "database.sqlite3"
            with sqlite3.connect(source) as src, sqlite3.connect(dump) as dst:
                src.backup(dst)
        manifest = {
            "format": FORMAT,
            "backend": "postgres" if settings.uses_postgres else "sqlite",
            "created_at": datetime.now(UTC).isoformat(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest))
        partial = work / "partial.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            uploads = Path(settings.uploads_dir)
            if uploads.is_dir():
                tar.add(uploads, "uploads")
        partial.chmod(0o600)  # customer data
        partial.replace(output)
    return output


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups this command wrote in `directory`."""
    ours = sorted(p for p in directory.iterdir() if NAME.match(p.name))
    doomed = ours[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def _sqlite_file(settings: Settings) -> Path:
    path = settings.sqlite_path()
    if path is None:
        raise BackupError("an in-memory database cannot be backed up")
    return path


def _pg_rows(target: PgTarget) -> int:
    """Rows in the public schema's tables (0 for a fresh or freshly migrated database)."""
    sql = (
        "SELECT COALESCE(SUM((xpath('/row/c/text()', query_to_xml("
        "format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, ''"
        ")))[1]::text::bigint), 0) FROM pg_tables WHERE schemaname = 'public' "
        "AND tablename <> 'aerich'"
    )
    result = subprocess.run(
        ["psql", "-XAtqc", sql, target.url], env=target.env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"psql failed: {result.stderr.strip()}")
    return int(result.stdout.strip() or 0)


def _sqlite_rows(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name <> 'aerich'"
            )
        ]
        return sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)


def restore(settings: Settings, archive: Path, *, force: bool = False) -> None:
    """Restore `archive` into the database DATABASE_URL names; refuse one holding rows."""
    if not archive.is_file():
        raise BackupError(f"no backup at {archive}")
    backend = "postgres" if settings.uses_postgres else "sqlite"
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        work = Path(tmp)
        tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT or manifest.get("backend") != backend:
            raise BackupError(
                f"{archive} is a {manifest.get('backend')} backup (format "
                f"{manifest.get('format')}); DATABASE_URL is {backend}"
            )
        if settings.uses_postgres:
            target = pg_target(settings.database_url)
            rows = _pg_rows(target)
        else:
            rows = _sqlite_rows(_sqlite_file(settings))
        if rows and not force:
            raise BackupError(
                f"the database holds {rows} rows; restore into an empty database, "
                "or pass --force to replace it"
            )
        if settings.uses_postgres:
            _run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", f"--dbname={target.url}", str(work / "database.pgdump")],
                target.env,
            )  # fmt: skip
        else:
            path = _sqlite_file(settings)
            path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(work / "database.sqlite3") as src, sqlite3.connect(path) as dst:
                src.backup(dst)
        if (work / "uploads").is_dir():
            shutil.copytree(work / "uploads", settings.uploads_dir, dirs_exist_ok=True)
