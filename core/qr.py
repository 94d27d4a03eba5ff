"""QR codes of payment URIs (segno): an SVG data URI for pages, a PNG for the bots."""

from __future__ import annotations

import io

import segno


def svg_data_uri(text: str) -> str:
    """A `data:image/svg+xml` URI, safe to put in an <img src> (no markup is injected)."""
    return str(segno.make(text, error="m").svg_data_uri(scale=4, border=2))


def png(text: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
