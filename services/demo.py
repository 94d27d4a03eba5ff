"""The demo store: what `pharmacy seed` (and the first `serve` on an empty database) creates.

Idempotent: running it again changes nothing and reports what already exists.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.db import insert_unless_exists
from core.passwords import hash_password
from models import (
    Brand,
    Category,
    DeliveryZone,
    Driver,
    Employee,
    Inventory,
    Product,
    ProductVariant,
    PromoCode,
    Store,
    TimeSlot,
    User,
    Vehicle,
)
from models.enums import DriverStatus, PromoKind, Role, TransportType
from services import media

DEMO_SLUG = "demo"
DEMO_CENTER = (41.3874, 2.1686)  # (lat, lng): Barcelona
DEMO_TZ = "Europe/Madrid"

# (slug, en, ru, es)
CATEGORIES = [
    ("pain-relief", "Pain relief", "Обезболивающие", "Analgésicos"),
    ("cold-flu", "Cold & flu", "Простуда и грипп", "Resfriado y gripe"),
    ("vitamins", "Vitamins", "Витамины", "Vitaminas"),
    ("skin-care", "Skin care", "Уход за кожей", "Cuidado de la piel"),
    ("baby", "Baby care", "Детский уход", "Cuidado del bebé"),
    ("first-aid", "First aid", "Первая помощь", "Primeros auxilios"),
    ("allergy", "Allergy", "Аллергия", "Alergia"),
    ("digestive", "Digestive health", "Пищеварение", "Salud digestiva"),
    ("smoking", "Quit smoking", "Отказ от курения", "Dejar de fumar"),
]

BRANDS = ["Medico", "VitaPlus", "Dermacare", "BabySoft", "HealFast", "PureLab"]

# (category, en, ru, es, brand index, base price cents, age_restricted)
PRODUCTS: list[tuple[str, str, str, str, int, int, bool]] = [
    ("pain-relief", "Ibuprofen 200 mg", "Ибупрофен 200 мг", "Ibuprofeno 200 mg", 0, 450, False),
    (
        "pain-relief",
        "Paracetamol 500 mg",
        "Парацетамол 500 мг",
        "Paracetamol 500 mg",
        0,
        320,
        False,
    ),
    ("pain-relief", "Aspirin 100 mg", "Аспирин 100 мг", "Aspirina 100 mg", 4, 380, False),
    ("pain-relief", "Naproxen 250 mg", "Напроксен 250 мг", "Naproxeno 250 mg", 4, 690, False),
    (
        "pain-relief",
        "Muscle pain gel",
        "Гель от мышечной боли",
        "Gel para dolor muscular",
        2,
        890,
        False,
    ),
    ("pain-relief", "Migraine relief", "Средство от мигрени", "Alivio de migraña", 5, 1190, False),
    ("cold-flu", "Cough syrup", "Сироп от кашля", "Jarabe para la tos", 4, 790, False),
    (
        "cold-flu",
        "DXM cough syrup",
        "Сироп от кашля с декстрометорфаном",
        "Jarabe con dextrometorfano",
        4,
        990,
        True,
    ),
    (
        "cold-flu",
        "Throat lozenges",
        "Леденцы для горла",
        "Pastillas para la garganta",
        5,
        350,
        False,
    ),
    ("cold-flu", "Nasal spray", "Назальный спрей", "Spray nasal", 0, 560, False),
    (
        "cold-flu",
        "Hot lemon drink",
        "Горячий лимонный напиток",
        "Bebida caliente de limón",
        4,
        640,
        False,
    ),
    (
        "cold-flu",
        "Saline nasal drops",
        "Солевые капли для носа",
        "Gotas nasales salinas",
        5,
        290,
        False,
    ),
    ("vitamins", "Vitamin C 1000 mg", "Витамин C 1000 мг", "Vitamina C 1000 mg", 1, 750, False),
    ("vitamins", "Vitamin D3 2000 IU", "Витамин D3 2000 МЕ", "Vitamina D3 2000 UI", 1, 820, False),
    ("vitamins", "Multivitamin", "Мультивитамины", "Multivitamínico", 1, 1290, False),
    (
        "vitamins",
        "Omega-3 fish oil",
        "Омега-3 рыбий жир",
        "Aceite de pescado omega-3",
        5,
        1490,
        False,
    ),
    ("vitamins", "Magnesium", "Магний", "Magnesio", 1, 690, False),
    ("vitamins", "Zinc", "Цинк", "Zinc", 5, 540, False),
    ("vitamins", "Iron supplement", "Препарат железа", "Suplemento de hierro", 1, 610, False),
    ("skin-care", "Moisturising cream", "Увлажняющий крем", "Crema hidratante", 2, 1190, False),
    (
        "skin-care",
        "Sunscreen SPF 50",
        "Солнцезащитный крем SPF 50",
        "Protector solar FPS 50",
        2,
        1590,
        False,
    ),
    ("skin-care", "Hand cream", "Крем для рук", "Crema de manos", 2, 490, False),
    ("skin-care", "Lip balm", "Бальзам для губ", "Bálsamo labial", 2, 290, False),
    ("skin-care", "Acne gel", "Гель от акне", "Gel para el acné", 2, 990, False),
    ("skin-care", "Antifungal cream", "Противогрибковый крем", "Crema antifúngica", 0, 870, False),
    ("baby", "Baby wipes", "Детские салфетки", "Toallitas para bebé", 3, 390, False),
    ("baby", "Nappy cream", "Крем под подгузник", "Crema para el pañal", 3, 690, False),
    ("baby", "Baby shampoo", "Детский шампунь", "Champú para bebé", 3, 590, False),
    ("baby", "Teething gel", "Гель для прорезывания зубов", "Gel para la dentición", 3, 760, False),
    ("baby", "Baby thermometer", "Детский термометр", "Termómetro para bebé", 3, 1990, False),
    ("first-aid", "Plasters", "Пластыри", "Tiritas", 4, 250, False),
    ("first-aid", "Elastic bandage", "Эластичный бинт", "Venda elástica", 4, 420, False),
    ("first-aid", "Antiseptic spray", "Антисептический спрей", "Spray antiséptico", 4, 530, False),
    ("first-aid", "Sterile gauze", "Стерильная марля", "Gasa estéril", 4, 310, False),
    (
        "first-aid",
        "Medical alcohol 70%",
        "Медицинский спирт 70%",
        "Alcohol sanitario 70%",
        4,
        280,
        True,
    ),
    ("first-aid", "Burn gel", "Гель от ожогов", "Gel para quemaduras", 4, 640, False),
    ("allergy", "Cetirizine 10 mg", "Цетиризин 10 мг", "Cetirizina 10 mg", 0, 480, False),
    ("allergy", "Loratadine 10 mg", "Лоратадин 10 мг", "Loratadina 10 mg", 0, 460, False),
    ("allergy", "Eye drops", "Глазные капли", "Gotas para los ojos", 5, 710, False),
    (
        "allergy",
        "Allergy nasal spray",
        "Противоаллергический спрей",
        "Spray nasal antialérgico",
        5,
        890,
        False,
    ),
    (
        "digestive",
        "Antacid tablets",
        "Антацидные таблетки",
        "Comprimidos antiácidos",
        0,
        390,
        False,
    ),
    ("digestive", "Probiotics", "Пробиотики", "Probióticos", 1, 1390, False),
    (
        "digestive",
        "Oral rehydration salts",
        "Регидратационные соли",
        "Sales de rehidratación",
        5,
        420,
        False,
    ),
    ("digestive", "Activated charcoal", "Активированный уголь", "Carbón activado", 5, 260, False),
    ("digestive", "Laxative", "Слабительное", "Laxante", 0, 510, False),
    ("digestive", "Anti-diarrhoea", "Средство от диареи", "Antidiarreico", 0, 560, False),
    (
        "smoking",
        "Nicotine gum 2 mg",
        "Никотиновая жвачка 2 мг",
        "Chicle de nicotina 2 mg",
        5,
        1890,
        True,
    ),
    ("smoking", "Nicotine patches", "Никотиновые пластыри", "Parches de nicotina", 5, 2490, True),
    ("smoking", "Nicotine spray", "Никотиновый спрей", "Spray de nicotina", 5, 2190, True),
    (
        "smoking",
        "Nicotine lozenges",
        "Никотиновые пастилки",
        "Pastillas de nicotina",
        5,
        1690,
        True,
    ),
]

# Pack sizes: (en, ru, es, price multiplier in percent)
PACKS = [("Pack of 10", "10 шт.", "10 uds.", 100), ("Pack of 30", "30 шт.", "30 uds.", 250)]

STAFF = [
    ("admin@demo.test", Role.ADMIN, "Ada Admin"),
    ("manager@demo.test", Role.MANAGER, "Max Manager"),
    ("dispatcher@demo.test", Role.DISPATCHER, "Dina Dispatcher"),
    ("driver1@demo.test", Role.DRIVER, "Dan Driver"),
    ("driver2@demo.test", Role.DRIVER, "Dora Driver"),
    ("customer@demo.test", Role.CUSTOMER, "Carl Customer"),
]


@dataclass
class SeedReport:
    created: bool
    store_id: int
    credentials: list[tuple[str, str, str]]  # (email, role, password)
    products: int


def _square(lat: float, lng: float, half: float) -> dict[str, object]:
    ring = [
        [lng - half, lat - half],
        [lng + half, lat - half],
        [lng + half, lat + half],
        [lng - half, lat + half],
        [lng - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _search_text(*parts: str) -> str:
    return " ".join(p.lower() for p in parts if p)


def new_referral_code() -> str:
    return secrets.token_hex(4).upper()


async def ensure_slots(store: Store, days: int = 3, capacity: int = 10) -> int:
    """Two-hour slots from 09:00 to 21:00 store time for the next `days` days; returns new."""
    zone = ZoneInfo(store.timezone)
    today = utcnow().astimezone(zone).date()
    before = await TimeSlot.filter(store=store).count()
    for day in range(days):
        date = today + timedelta(days=day)
        for hour in range(9, 21, 2):
            starts = datetime.combine(date, time(hour), zone).astimezone(UTC)
            # Several processes may start at once: the unique (store, starts_at) decides.
            await insert_unless_exists(
                TimeSlot(
                    store=store,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    capacity=capacity,
                )
            )
    return await TimeSlot.filter(store=store).count() - before


# One generated picture per category (colour, label), so a newcomer sees product images.
CATEGORY_COLOURS = [
    (200, 40, 60),
    (30, 110, 190),
    (230, 140, 20),
    (120, 80, 170),
    (230, 110, 150),
    (20, 140, 90),
    (90, 150, 40),
    (30, 140, 150),
    (110, 110, 110),
]


async def _demo_pictures(media_dir: Path | None) -> dict[str, str]:
    """Category slug → media key of its generated picture ({} without a media directory)."""
    if media_dir is None:
        return {}
    keys: dict[str, str] = {}
    for (slug, en, *_), colour in zip(CATEGORIES, CATEGORY_COLOURS, strict=True):
        stored = await media.store_image(
            media_dir, media.demo_picture(en, colour), max_bytes=1024 * 1024
        )
        keys[slug] = stored.key
    return keys


async def seed_demo(password_rounds: int = 12, *, media_dir: Path | None = None) -> SeedReport:
    """Create the demo store and its people unless it exists. With `media_dir`, products get
    small generated pictures stored there (services.media)."""
    existing = await Store.get_or_none(slug=DEMO_SLUG)
    if existing is not None:
        await ensure_slots(existing)
        return SeedReport(False, existing.id, [], await Product.filter(store=existing).count())

    pictures = await _demo_pictures(media_dir)

    credentials: list[tuple[str, str, str]] = []
    async with in_transaction():
        lat, lng = DEMO_CENTER
        store = await Store.create(
            slug=DEMO_SLUG,
            name="Demo Pharmacy",
            description={
                "en": "Your neighbourhood pharmacy, delivered.",
                "ru": "Аптека рядом с домом — с доставкой.",
                "es": "Tu farmacia de barrio, a domicilio.",
            },
            phone="+34 600 000 000",
            address_text="Passeig de Gràcia 1, Barcelona",
            lat=lat,
            lng=lng,
            timezone=DEMO_TZ,
            default_locale="en",
            currency="EUR",
            legal_age=18,
            opening_hours={
                d: [["09:00", "21:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat")
            },
            cashback_bps=200,
        )
        await DeliveryZone.create(
            store=store,
            name="Centre",
            polygon=_square(lat, lng, 0.03),
            fee_cents=299,
            min_order_cents=1000,
            priority=10,
        )
        await DeliveryZone.create(
            store=store,
            name="Outskirts",
            polygon=_square(lat, lng, 0.08),
            fee_cents=599,
            min_order_cents=2500,
            priority=0,
        )
        categories = {}
        for position, (slug, en, ru, es) in enumerate(CATEGORIES):
            categories[slug] = await Category.create(
                store=store, slug=slug, name={"en": en, "ru": ru, "es": es}, position=position
            )
        brands = [await Brand.create(store=store, slug=name.lower(), name=name) for name in BRANDS]
        for index, (cat, en, ru, es, brand, price, restricted) in enumerate(PRODUCTS):
            descriptions = {
                "en": f"{en} by {BRANDS[brand]}.",
                "ru": f"{ru} от {BRANDS[brand]}.",
                "es": f"{es} de {BRANDS[brand]}.",
            }
            product = await Product.create(
                store=store,
                category=categories[cat],
                brand=brands[brand],
                slug=f"p{index + 1:03d}",
                name={"en": en, "ru": ru, "es": es},
                description=descriptions,
                search_text=_search_text(en, ru, es, *descriptions.values()),
                age_restricted=restricted,
                max_per_order=5 if restricted else 20,
                image_key=pictures.get(cat, ""),
            )
            for position, (p_en, p_ru, p_es, factor) in enumerate(PACKS):
                variant = await ProductVariant.create(
                    store=store,
                    product=product,
                    sku=f"DEMO-{index + 1:03d}-{position + 1}",
                    name={"en": p_en, "ru": p_ru, "es": p_es},
                    price_cents=price * factor // 100,
                    cost_cents=price * factor * 55 // 10000,
                    position=position,
                )
                # Deterministic, varied stock; a few items are sold out.
                stock = 0 if index % 17 == 16 else 5 + (index * 7 + position * 3) % 40
                await Inventory.create(store=store, variant=variant, quantity=stock)
        await PromoCode.create(store=store, code="WELCOME10", kind=PromoKind.PERCENT, value=10)
        await PromoCode.create(
            store=store,
            code="FIVEOFF",
            kind=PromoKind.FIXED,
            value=500,
            min_order_cents=3000,
            max_uses_per_customer=1,
        )
        car = await Vehicle.create(
            store=store, transport=TransportType.CAR, plate="0000-DEM", has_cooler=True
        )
        for email, role, name in STAFF:
            password = f"demo-{role.value}-{secrets.token_hex(3)}"
            user = await User.create(
                email=email,
                email_verified=True,
                role=role,
                name=name,
                password_hash=await hash_password(password, password_rounds),
                referral_code=new_referral_code(),
            )
            credentials.append((email, role.value, password))
            if role is not Role.CUSTOMER:
                await Employee.create(user=user, store=store, role=role)
            if role is Role.DRIVER:
                await Driver.create(
                    store=store,
                    user=user,
                    vehicle=car if email.startswith("driver1") else None,
                    transport=TransportType.CAR
                    if email.startswith("driver1")
                    else TransportType.BIKE,
                    status=DriverStatus.OFFLINE,
                )
        await ensure_slots(store)
    return SeedReport(True, store.id, credentials, len(PRODUCTS))


async def reset_demo_credentials(password_rounds: int = 12) -> list[tuple[str, str, str]]:
    """New passwords for the demo sign-ins (the old ones are stored only as hashes, so they
    cannot be shown again); their sessions are revoked. Returns (email, role, password) for
    the demo accounts that exist."""
    from models import RefreshToken

    credentials: list[tuple[str, str, str]] = []
    for email, role, _ in STAFF:
        user = await User.get_or_none(email=email)
        if user is None:
            continue
        password = f"demo-{role.value}-{secrets.token_hex(3)}"
        await User.filter(id=user.id).update(
            password_hash=await hash_password(password, password_rounds)
        )
        await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).update(
            revoked_at=utcnow(), revoked_reason="password_reset"
        )
        credentials.append((email, role.value, password))
    return credentials
