"""Operations commands of the `pharmacy` CLI: backup, restore (kept apart from cli.py)."""

from __future__ import annotations

import argparse
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
