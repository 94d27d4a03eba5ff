"""Pictures people upload (product images; proofs of delivery, into their own private
directory, see services/proof.py; banners next): the content is checked with Pillow (never
the file name), metadata is dropped, the picture is resized into a few widths and stored
content-addressed, so a URL never changes meaning and can be cached for a year
(`/media/<shard>/<key>-<width>.webp`).

One store, shared by every use: two products with the same picture share its files. Removing a
picture from a product does not delete files another row may point at.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed

# The widths a page chooses from with `srcset`; the largest is also the plain `src`.
WIDTHS: tuple[int, ...] = (160, 320, 640)
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
# Pillow refuses bigger pictures as decompression bombs; 40 megapixels covers any phone photo.
MAX_PIXELS = 40_000_000
EXTENSION = "webp"
_KEY = re.compile(r"^[0-9a-f]{32}$")
_FILE = re.compile(r"^(?P<key>[0-9a-f]{32})-(?P<width>\d{2,4})\.webp$")


@dataclass(frozen=True)
class StoredImage:
    key: str
    width: int
    height: int


def is_key(value: str) -> bool:
    return bool(_KEY.match(value))


def relative_path(key: str, width: int) -> str:
    """Where one width of a picture lives, relative to the media directory and to `/media/`."""
    return f"{key[:2]}/{key}-{width}.{EXTENSION}"


def image_urls(key: str) -> list[dict[str, object]]:
    """Every width of a stored picture as `{width, url}`, narrowest first; [] for no key."""
    if not is_key(key):
        return []
    return [{"width": w, "url": f"/media/{relative_path(key, w)}"} for w in WIDTHS]


def srcset(key: str) -> str:
    """The `srcset` attribute value for a stored picture ("" for none)."""
    return ", ".join(f"{i['url']} {i['width']}w" for i in image_urls(key))


def resolve(media_dir: Path, shard: str, name: str) -> Path | None:
    """The file behind `/media/<shard>/<name>`, or None when the name is not one this store
    writes (no path tricks reach the disk) or the file is missing."""
    match = _FILE.match(name)
    if match is None or match["key"][:2] != shard or int(match["width"]) not in WIDTHS:
        return None
    path = media_dir / shard / name
    return path if path.is_file() else None


def _decode(data: bytes) -> Image.Image:
    """The uploaded bytes as a loaded picture, upright; 415 when they are not a picture of an
    accepted format, 422 when the picture is damaged or too big."""
    not_image = UnsupportedMediaType(
        "the file is not a picture",
        code="not_an_image",
        fields={"file": "not a JPEG, PNG, WebP or GIF picture"},
    )
    too_large = ValidationFailed(
        "the picture has too many pixels",
        code="image_too_large",
        fields={"file": f"at most {MAX_PIXELS // 1_000_000} megapixels"},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise not_image
            if probe.width * probe.height > MAX_PIXELS:
                raise too_large
            probe.verify()
            # verify() leaves the object unusable: decode again for real.
            picture = Image.open(io.BytesIO(data))
            picture.load()
    except UnidentifiedImageError:
        raise not_image from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationFailed(
            "the picture is damaged",
            code="image_damaged",
            fields={"file": "the picture cannot be read"},
        ) from None
    if getattr(picture, "is_animated", False):
        picture.seek(0)
    # Phones store rotation as EXIF; apply it, since the metadata is dropped below.
    return ImageOps.exif_transpose(picture)


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: transparency and palettes become plain pixels, metadata is left behind."""
    rgba = picture.convert("RGBA")
    canvas = Image.new("RGB", rgba.size, (255, 255, 255))
    canvas.paste(rgba, mask=rgba.getchannel("A"))
    return canvas


def _store(media_dir: Path, data: bytes, max_bytes: int) -> StoredImage:
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            "the file is too large", fields={"file": f"at most {max_bytes // 1024} KB"}
        )
    picture = _flatten(_decode(data))
    key = hashlib.sha256(picture.tobytes() + repr(picture.size).encode()).hexdigest()[:32]
    for width in WIDTHS:
        target = media_dir / relative_path(key, width)
        if target.exists():
            continue
        height = max(1, round(picture.height * width / picture.width))
        resized = picture.resize((width, height), Image.Resampling.LANCZOS)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file and concurrent uploads of the
        # same picture simply both land on the same bytes.
        partial = target.with_name(f".{target.name}.{os.getpid()}.{id(resized)}.tmp")
        resized.save(partial, "WEBP", quality=80, method=4)
        partial.replace(target)
    return StoredImage(key=key, width=picture.width, height=picture.height)


async def store_image(media_dir: Path, data: bytes, *, max_bytes: int) -> StoredImage:
    """Check, clean, resize and store an uploaded picture; returns its content key.

    Raises PayloadTooLarge (413) beyond `max_bytes`, UnsupportedMediaType (415, `not_an_image`)
    when the bytes are not a JPEG/PNG/WebP/GIF picture whatever the file is called, and
    ValidationFailed (422: `image_damaged`, `image_too_large`) — each naming the field `file`.
    Decoding runs in a thread: a big photo must not stall the event loop."""
    return await asyncio.to_thread(_store, media_dir, data, max_bytes)


def demo_picture(label: str, colour: tuple[int, int, int]) -> bytes:
    """A small generated product picture (a coloured pack with a cross) for the demo store."""
    from PIL import ImageDraw

    picture = Image.new("RGB", (640, 640), (246, 248, 250))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((140, 120, 500, 540), radius=36, fill=colour)
    draw.rectangle((290, 200, 350, 380), fill=(255, 255, 255))
    draw.rectangle((230, 260, 410, 320), fill=(255, 255, 255))
    draw.text((170, 440), label[:24], fill=(255, 255, 255))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()
