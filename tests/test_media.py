"""Product pictures: uploaded through the admin API, checked by content, cleaned, resized,
stored content-addressed and served with long-cache headers; the catalog lists the widths."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient
from PIL import Image

from core.errors import PayloadTooLarge, ValidationFailed
from core.settings import Settings
from models import Product
from models.enums import Role
from services import media
from services.demo import SeedReport
from tests.fixtures.data import make_store
from tests.fixtures.people import make_person


def photo_with_exif(size: tuple[int, int] = (900, 600)) -> bytes:
    picture = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (41.0, 23.0, 1.0)}  # GPS latitude
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def form(data: bytes, filename: str = "photo.jpg", field: str = "file") -> FormData:
    body = FormData()
    body.add_field(field, data, filename=filename, content_type="image/jpeg")
    return body


async def test_uploaded_picture_is_cleaned_resized_listed_and_cached_forever(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    product = await Product.filter(store_id=demo.store_id).order_by("id").first()
    assert product is not None
    target = f"/api/v1/admin/stores/{demo.store_id}/products/{product.id}/image"
    # Named like a picture, but it is not one: refused by content, naming the field.
    fake = await client.post(target, headers=manager.headers, data=form(b"%PDF-1.4 not a pic"))
    assert fake.status == 415
    assert (await fake.json())["error"]["fields"] == {
        "file": "not a JPEG, PNG, WebP or GIF picture"
    }
    missing = await client.post(target, headers=manager.headers, data=form(b"x", field="other"))
    assert missing.status == 422 and (await missing.json())["error"]["fields"] == {
        "file": "required"
    }
    as_json = await client.post(target, headers=manager.headers, json={"file": "x"})
    assert as_json.status == 415

    response = await client.post(target, headers=manager.headers, data=form(photo_with_exif()))
    assert response.status == 200, await response.text()
    images = (await response.json())["images"]
    assert [i["width"] for i in images] == list(media.WIDTHS)

    served = await client.get(images[0]["url"])
    assert served.status == 200
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    picture = Image.open(io.BytesIO(await served.read()))
    assert picture.format == "WEBP" and picture.size == (160, 107)
    assert not picture.getexif() and "exif" not in picture.info

    listed = await (
        await client.get(f"/api/v1/stores/{demo.store_id}/products/{product.id}")
    ).json()
    assert listed["images"] == images and listed["image_url"] == images[-1]["url"]
    assert (await client.get("/media/00/" + "0" * 32 + "-160.webp")).status == 404
    assert (await client.get("/media/..%2F..%2Fetc/passwd")).status == 404

    removed = await client.delete(target, headers=manager.headers)
    assert removed.status == 200 and (await removed.json())["images"] == []
    listed = await (
        await client.get(f"/api/v1/stores/{demo.store_id}/products/{product.id}")
    ).json()
    assert listed["images"] == []


async def test_only_catalog_staff_of_that_store_upload(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    other = await make_store("elsewhere-media")
    outsider = await make_person(settings, Role.MANAGER, store_ids=(other.id,))
    dispatcher = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    product = await Product.filter(store_id=demo.store_id).order_by("id").first()
    assert product is not None
    target = f"/api/v1/admin/stores/{demo.store_id}/products/{product.id}/image"
    for person in (outsider, dispatcher):
        response = await client.post(target, headers=person.headers, data=form(photo_with_exif()))
        assert response.status == 403
    assert (await client.post(target, data=form(photo_with_exif()))).status == 401


async def test_demo_products_ship_pictures(client: TestClient, demo: SeedReport) -> None:
    body = await (await client.get(f"/api/v1/stores/{demo.store_id}/products")).json()
    assert all(len(p["images"]) == len(media.WIDTHS) for p in body["items"])
    first = body["items"][0]["images"][1]["url"]
    assert (await client.get(first)).status == 200


async def test_damaged_oversized_and_bomb_pictures_are_refused_naming_the_field(
    tmp_path: Path,
) -> None:
    good = photo_with_exif((300, 200))
    with pytest.raises(ValidationFailed) as damaged:
        await media.store_image(tmp_path, good[: len(good) // 2], max_bytes=10**6)
    assert damaged.value.code == "image_damaged" and damaged.value.fields == {
        "file": "the picture cannot be read"
    }
    with pytest.raises(PayloadTooLarge) as too_big:
        await media.store_image(tmp_path, good, max_bytes=1024)
    assert too_big.value.status == 413 and "file" in (too_big.value.fields or {})
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, "PNG")  # 100 megapixels in a few KB
    with pytest.raises(ValidationFailed) as huge:
        await media.store_image(tmp_path, bomb.getvalue(), max_bytes=10**6)
    assert huge.value.code == "image_too_large"
    assert not any(name.endswith(".webp") for _, _, files in os.walk(tmp_path) for name in files)
