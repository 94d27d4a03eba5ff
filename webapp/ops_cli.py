"""Operations commands of the `pharmacy` CLI: backup, restore, backfill-geocoding (kept
apart from cli.py)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from core.settings import SettingsError, load_settings


def _settings() -> Any:
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"pharmacy: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_backup(args: argparse.Namespace) -> None:
    from core.backup import BackupError, backup, default_path, prune

    settings = _settings()
    output = Path(args.output) if args.output else default_path(Path(settings.backup_dir))
    try:
        written = backup(settings, output)
    except BackupError as exc:
        raise SystemExit(f"backup: {exc}") from None
    keep = args.keep if args.keep is not None else settings.backup_keep
    for old in prune(written.parent, keep):
        print(f"removed old backup {old}")
    print(written)  # last line: scripts and the compose/k8s jobs read it


def cmd_restore(args: argparse.Namespace) -> None:
    from core.backup import BackupError, restore

    settings = _settings()
    try:
        restore(settings, Path(args.path), force=args.force)
    except BackupError as exc:
        raise SystemExit(f"restore: {exc}") from None
    print(f"restored {args.path}")


def cmd_backfill_geocoding(args: argparse.Namespace) -> None:
    from rich.progress import Progress

    from core.context import open_context
    from services.geocoding_backfill import backfill

    settings = _settings()

    async def run() -> Any:
        async with open_context(settings) as ctx:
            with Progress(transient=False) as progress:
                task = progress.add_task("geocoding", total=None)
                return await backfill(
                    ctx.geocoder,
                    rate=args.rate,
                    limit=args.limit,
                    on_total=lambda n: progress.update(task, total=n),
                    on_row=lambda: progress.advance(task),
                )

    report = asyncio.run(run())
    print(
        f"{report.located} of {report.total} located, {report.not_found} not found"
        + (f"; stopped: {report.stopped} (run again later)" if report.stopped else "")
    )
    if report.stopped:
        raise SystemExit(1)


def add_ops_commands(sub: Any) -> None:
    backup = sub.add_parser(
        "backup", help="write a compressed snapshot of the database and uploads; prints its path"
    )
    backup.add_argument("--output", help="file to write (default: BACKUP_DIR/pharmacy-TIME.tar.gz)")
    backup.add_argument("--keep", type=int, help="backups to keep in that folder (BACKUP_KEEP)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser(
        "restore", help="restore a backup into the empty database DATABASE_URL names"
    )
    restore.add_argument("path")
    restore.add_argument("--force", action="store_true", help="replace a database holding rows")
    restore.set_defaults(func=cmd_restore)
    backfill = sub.add_parser(
        "backfill-geocoding", help="give coordinates to orders and addresses that lack them"
    )
    backfill.add_argument(
        "--rate", type=float, default=1.0, help="geocoder requests per second (Nominatim: 1)"
    )
    backfill.add_argument("--limit", type=int, help="at most this many rows")
    backfill.set_defaults(func=cmd_backfill_geocoding)
