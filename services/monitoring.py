"""Figures read at scrape time for /metrics: what the outbox still has to deliver."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.functions import Count, Min

from core.clock import utcnow
from models.enums import OutboxStatus
from models.outbox import OutboxMessage


async def outbox_backlog() -> dict[str, tuple[int, float]]:
    """Channel → (pending messages, age in seconds of the oldest pending one)."""
    rows = (
        await OutboxMessage.filter(status=OutboxStatus.PENDING)
        .annotate(pending=Count("id"), oldest=Min("created_at"))
        .group_by("channel")
        .values("channel", "pending", "oldest")
    )
    now = utcnow()
    backlog: dict[str, tuple[int, float]] = {}
    for row in rows:
        oldest = row["oldest"]
        if isinstance(oldest, str):  # SQLite aggregates come back as text
            oldest = datetime.fromisoformat(oldest)
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        age = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
        backlog[row["channel"]] = (int(row["pending"]), age)
    return backlog
