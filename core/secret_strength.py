"""Production refuses weak secrets at start-up, naming the setting and never echoing a value.

A key or webhook secret must carry at least 32 random bytes (256 bits): 64 hex characters,
43 base64 characters (`secrets.token_urlsafe(32)`), and must not be a known placeholder or
an obviously patterned string. Bot tokens must look like BotFather's `<id>:<secret>`.
"""

from __future__ import annotations

import re
import string

MIN_BITS = 256
MIN_DISTINCT = 10  # 64 random hex characters show ~16; "abcabc..." or "aaaa..." do not
GENERATE_HINT = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"

# Lower-case fragments seen in sample files and tutorials; a random secret never holds them.
PLACEHOLDERS = (
    "changeme", "change-me", "change_me", "replace", "example", "placeholder", "your-",
    "your_", "secret", "password", "default", "insecure", "todo", "fixme", "xxxx", "1234",
    "qwerty", "letmein", "dev-", "test",
)  # fmt: skip

# A fragment of four characters or fewer also turns up by chance in a random secret ("1234"
# in one of a thousand `token_hex(32)` values): it counts only where it stands as a word, at
# either end of the value or beside a character that is not a letter or digit.
_PLACEHOLDER = re.compile("|".join(re.escape(w) for w in PLACEHOLDERS))
_SHORT = 4


def _has_placeholder(lowered: str) -> bool:
    for found in _PLACEHOLDER.finditer(lowered):
        start, end = found.span()
        if end - start > _SHORT:
            return True
        before = lowered[start - 1 : start]
        after = lowered[end : end + 1]
        if not before.isalnum() or not after.isalnum():
            return True
    return False


_HEX = set(string.hexdigits)
_BASE64 = set(string.ascii_letters + string.digits + "+/=-_")
BOT_TOKEN = re.compile(r"^[1-9][0-9]{4,19}:[A-Za-z0-9_-]{30,}$")


def _bits_per_char(value: str) -> float:
    chars = set(value)
    if chars <= _HEX:
        return 4.0
    if chars <= _BASE64:
        return 6.0
    return 6.5  # printable ASCII at best


def key_problem(value: str) -> str | None:
    """Why this value is not a strong random secret, or None when it is."""
    lowered = value.lower()
    if _has_placeholder(lowered):
        return "is a known placeholder"
    if len(value) * _bits_per_char(value) < MIN_BITS:
        return f"is too short: it needs at least 32 random bytes (generate one: {GENERATE_HINT})"
    if len(set(value)) < MIN_DISTINCT:
        return "does not look random (too few distinct characters)"
    return None


def bot_token_problem(value: str) -> str | None:
    if ":DEV-" in value or not BOT_TOKEN.match(value):
        return "does not look like a BotFather token <bot id>:<secret>"
    return None


def weak_secrets(values: dict[str, str]) -> list[str]:
    """'NAME problem' for each weak secret in {setting name: value}."""
    problems = []
    for name, value in values.items():
        check = bot_token_problem if name.endswith("_bot_token") else key_problem
        problem = check(value)
        if problem:
            problems.append(f"{name.upper()} {problem}")
    return problems
