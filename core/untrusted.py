"""Untrusted input, checked in one place: JSON is bounded in depth and every string in it (and
every query parameter) is refused when it holds control characters, which PostgreSQL cannot
store (NUL), logs and terminals misread, and no person types. Tab and newlines are allowed."""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but \t \n \r, DEL, C1 controls, and lone surrogates (not encodable as UTF-8).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_DEPTH = 32
ASCII_ID = re.compile(r"[0-9]{1,19}")
MAX_ROW_ID = 2**31 - 1  # primary keys are 32-bit integer columns


class UntrustedInput(ValueError):
    """Input refused before it reaches a model: `field` names where, `code` says why."""

    def __init__(self, field: str, message: str, code: str = "validation_error") -> None:
        super().__init__(message)
        self.field, self.message, self.code = field, message, code


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(raw: bytes | str, *, field: str = "body", max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON from a client. Raises UntrustedInput (invalid_json, or a field that is too
    deep or holds control characters)."""
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except RecursionError:
        raise UntrustedInput(field, "the JSON is nested too deeply", "invalid_json") from None
    except (ValueError, UnicodeDecodeError):
        raise UntrustedInput(field, "the body is not valid JSON", "invalid_json") from None
    check_tree(data, field=field, max_depth=max_depth)
    return data


def check_tree(data: Any, *, field: str = "body", max_depth: int = MAX_DEPTH) -> None:
    """Walk decoded JSON (without recursion) and refuse depth or control characters."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            check_text(value, path or field)
            continue
        if isinstance(value, dict):
            children: Any = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth >= max_depth:
            raise UntrustedInput(path or field, f"nested deeper than {max_depth} levels")
        for key, child in children:
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                check_text(key, name)
            stack.append((child, name, depth + 1))


def check_text(value: str, field: str) -> None:
    if CONTROL.search(value):
        raise UntrustedInput(field, "control characters are not allowed")


def strip_controls(value: str) -> str:
    """For text from a trusted relay (Telegram names) where dropping them harms nobody."""
    return CONTROL.sub("", value)


def parse_id(raw: str, maximum: int) -> int | None:
    """An id written in ASCII digits within 1..maximum, else None. `str.isdigit` and `int`
    accept other scripts' digits (١, １, ³), which are not ids."""
    if not ASCII_ID.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= maximum else None
