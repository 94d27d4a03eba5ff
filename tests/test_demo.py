from __future__ import annotations

from core.clock import utcnow
from models import (
    Brand,
    Category,
    DeliveryZone,
    Driver,
    Employee,
    Inventory,
    Product,
    ProductVariant,
    TimeSlot,
    User,
)
from models.enums import Role
from services.demo import DEMO_CENTER, seed_demo


async def test_demo_store_has_what_a_newcomer_needs() -> None:
    report = await seed_demo(password_rounds=4)
    assert report.created
    store_id = report.store_id
    assert 45 <= await Product.filter(store_id=store_id).count() <= 60
    assert await Category.filter(store_id=store_id).count() >= 8
    assert await Brand.filter(store_id=store_id).count() >= 5
    assert await Product.filter(store_id=store_id, age_restricted=True).count() >= 3
    variants = await ProductVariant.filter(store_id=store_id)
    assert len(variants) >= 90 and all(v.price_cents > v.cost_cents > 0 for v in variants)
    stock = await Inventory.filter(store_id=store_id).values_list("quantity", flat=True)
    assert len(stock) == len(variants) and sum(stock) > 0 and 0 in stock  # some sold out
    # Every product has names in all three locales.
    for product in await Product.filter(store_id=store_id):
        assert set(product.name) == {"en", "ru", "es"}
    zones = await DeliveryZone.filter(store_id=store_id)
    lat, lng = DEMO_CENTER
    ring = zones[0].polygon["coordinates"][0]
    assert min(p[0] for p in ring) < lng < max(p[0] for p in ring)
    assert min(p[1] for p in ring) < lat < max(p[1] for p in ring)
    slots = await TimeSlot.filter(store_id=store_id, starts_at__gt=utcnow())
    assert len({s.starts_at.date() for s in slots}) >= 2 and all(s.capacity > 0 for s in slots)


async def test_demo_people_one_per_role_and_two_drivers() -> None:
    report = await seed_demo(password_rounds=4)
    roles = {role for _, role, _ in report.credentials}
    assert roles == {r.value for r in Role}
    assert await Driver.filter(store_id=report.store_id).count() == 2
    staff = await Employee.filter(store_id=report.store_id).count()
    assert staff == len(report.credentials) - 1  # everyone but the customer
    passwords = [p for _, _, p in report.credentials]
    assert len(set(passwords)) == len(passwords)  # no shared or fixed demo password
    admin = await User.get(email="admin@demo.test")
    assert admin.password_hash and admin.password_hash.startswith("$2")


async def test_seeding_twice_changes_nothing() -> None:
    first = await seed_demo(password_rounds=4)
    products = await Product.all().count()
    slots = await TimeSlot.all().count()
    second = await seed_demo(password_rounds=4)
    assert not second.created and second.store_id == first.store_id
    assert second.credentials == []
    assert await Product.all().count() == products
    assert await TimeSlot.all().count() == slots
