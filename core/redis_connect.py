"""One Redis client from REDIS_URL: a plain server, or the master Redis Sentinel names.

    redis://[:password@]host:6379/0            (also rediss://, unix://)
    redis+sentinel://[:password@]host1:26379,host2:26379/mymaster/0

With Sentinel the client asks the sentinels for the current master and asks again after a
failover, so the app follows a promoted replica without a restart. The password (if any)
is the Redis servers'; sentinels without a password are assumed (SENTINEL_PASSWORD is not
supported).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.sentinel import Sentinel

SENTINEL_SCHEME = "redis+sentinel://"


@dataclass(frozen=True)
class SentinelUrl:
    sentinels: list[tuple[str, int]]
    service: str
    db: int
    password: str | None


def parse_sentinel_url(url: str) -> SentinelUrl:
    """Raise ValueError with the reason when the URL is not a usable Sentinel URL."""
    parts = urlsplit(url)
    auth, _, hosts = parts.netloc.rpartition("@")
    password = unquote(auth.partition(":")[2]) if auth else None
    sentinels = []
    for item in hosts.split(","):
        host, _, port = item.strip().rpartition(":")
        if not host or not port.isdigit():
            raise ValueError("sentinels must be listed as host:port[,host:port...]")
        sentinels.append((host.strip("[]"), int(port)))
    path = [p for p in parts.path.split("/") if p]
    if not path or len(path) > 2 or (len(path) == 2 and not path[1].isdigit()):
        raise ValueError("the path must be /SERVICE-NAME[/DB]")
    return SentinelUrl(sentinels, path[0], int(path[1]) if len(path) == 2 else 0, password or None)


def connect_redis(url: str, max_connections: int) -> Redis:
    """A client (nothing is connected until first use)."""
    if url.startswith(SENTINEL_SCHEME):
        conf = parse_sentinel_url(url)
        sentinel = Sentinel(conf.sentinels, socket_timeout=5)
        return sentinel.master_for(
            conf.service,
            db=conf.db,
            password=conf.password,
            max_connections=max_connections,
            socket_timeout=10,
        )
    # Requests wait for a free connection rather than fail when a burst exceeds the pool.
    pool = BlockingConnectionPool.from_url(url, max_connections=max_connections, timeout=10)
    return Redis(connection_pool=pool)
