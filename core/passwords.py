"""Password hashing with bcrypt (the cost comes from BCRYPT_ROUNDS)."""

from __future__ import annotations

import asyncio

import bcrypt

# bcrypt ignores bytes past 72; longer passwords are refused rather than silently cut.
MAX_PASSWORD_BYTES = 72


def hash_password_sync(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()


def verify_password_sync(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), hashed.encode())
    except ValueError:
        return False


async def hash_password(password: str, rounds: int) -> str:
    # bcrypt is deliberately slow: keep it off the event loop.
    return await asyncio.to_thread(hash_password_sync, password, rounds)


async def verify_password(password: str, hashed: str) -> bool:
    return await asyncio.to_thread(verify_password_sync, password, hashed)
