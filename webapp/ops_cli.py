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


def cmd_sweep(args: argparse.Namespace) -> None:
    """List what ETH/TRON invoice addresses hold; with --to, sign transfers of it there; with
    --broadcast, send them through ETH_RPC_URL."""
    from core import chain
    from core.context import open_context
    from services import crypto_payments, crypto_sweep

    if args.broadcast and not args.to:
        raise SystemExit("sweep: --broadcast needs --to ADDRESS")
    settings = _settings()

    async def run() -> int:
        async with open_context(settings) as ctx:
            try:
                found = await crypto_sweep.holdings(ctx)
            except chain.ChainUnavailable as exc:
                print(f"sweep: the chain API is unavailable: {exc}")
                return 1
            for h in found:
                amount = crypto_payments.coins(h.balance, h.asset)
                print(f"deposit {h.deposit_id} order {h.order_id} {h.asset} {h.address} {amount}")
            print(f"{len(found)} address(es) hold funds")
            if not args.to or not found:
                return 0
            try:
                transfers = await crypto_sweep.build_transfers(ctx, found, args.to)
            except ValueError:
                print(f"sweep: {args.to!r} is not an Ethereum address")
                return 2
            except chain.ChainUnavailable as exc:
                print(f"sweep: the chain API is unavailable: {exc}")
                return 1
            for t in transfers:
                h = t.holding
                if t.raw is None:
                    print(f"deposit {h.deposit_id} {h.asset}: skipped ({t.note})")
                    continue
                sent = " "
                if args.broadcast:
                    try:
                        sent = f" sent as {await crypto_sweep.broadcast(ctx, t)} "
                    except chain.ChainUnavailable as exc:
                        sent = f" NOT sent ({exc}) "
                amount = crypto_payments.coins(t.amount, h.asset)
                print(f"deposit {h.deposit_id} {h.asset} {amount} -> {args.to}:{sent}tx {t.txid}")
            if not args.broadcast:
                print("signed, not sent (add --broadcast to send them)")
            return 0

    raise SystemExit(asyncio.run(run()))


def add_ops_commands(sub: Any) -> None:
    sweep = sub.add_parser(
        "sweep",
        help="list the funds at ETH/TRON invoice addresses; --to ADDR signs transfers of ETH "
        "and ERC-20 tokens there, --broadcast sends them (TRON: listed only)",
    )
    sweep.add_argument("--to", help="destination Ethereum address")
    sweep.add_argument(
        "--broadcast", action="store_true", help="send the signed transfers via ETH_RPC_URL"
    )
    sweep.set_defaults(func=cmd_sweep)
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
