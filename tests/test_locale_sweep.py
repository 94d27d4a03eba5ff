"""Every text a person reads, in every language: each error code, and a whole order walked
through the three bots in en, ru and es. Fails on an untranslated English sentence in a
ru/es chat, a placeholder left in, raw cents, a US-style date or a developer's code."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from core.i18n import translator
from models import Driver, Order
from models.enums import DriverStatus, PaymentMethod, Role
from services.demo import SeedReport
from services.error_texts import explain, has_text
from tests.fixtures.data import open_round_the_clock
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("en", "ru", "es")
RAW = [
    (re.compile(r"{[a-z_]*}"), "a placeholder left in"),
    (re.compile(r"\bcents?\b", re.I), "raw cents"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"), "a numeric date"),
    (re.compile(r"\b\d{1,2}:\d{2}\s?(AM|PM)\b"), "a 12-hour clock"),
    (re.compile(r"\bNone\b|\bnull\b"), "a missing value"),
    (re.compile(r"(?<![/\w.])[a-z]+_[a-z_]+\b"), "a developer's code"),
]


def raw_problems(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", "", text)
    return [
        f"{why}: {pattern.search(text).group(0)!r}" for pattern, why in RAW if pattern.search(text)
    ]  # type: ignore[union-attr]


def english_sentences() -> list[str]:
    """Pieces of the English texts that ru/es translate differently (placeholders cut out),
    long enough to be sure they are sentences, not names."""
    with (ROOT / "locales" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}
    pieces = set()
    for msgid, string in catalog.items():
        if string and string != msgid:
            pieces |= {p.strip() for p in re.split(r"{[^}]*}", msgid) if len(p.strip()) >= 14}
    return sorted(pieces)


def error_codes() -> set[str]:
    """Every error code the code raises: `code="…"` arguments, `code = "…"` class defaults and
    the promo helper's second argument."""
    codes: set[str] = set()
    for folder in ("api", "bot", "core", "services", "webapp"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.keyword) and node.arg == "code":
                    if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                        codes.add(node.value.value)
                elif isinstance(node, ast.Assign) and path.name == "errors.py":
                    if (
                        [getattr(t, "id", "") for t in node.targets] == ["code"]
                        and isinstance(node.value, ast.Constant)
                        and isinstance(node.value.value, str)
                    ):
                        codes.add(node.value.value)
                elif (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", "") == "_invalid"
                    and len(node.args) == 2
                    and isinstance(node.args[1], ast.Constant)
                ):
                    codes.add(str(node.args[1].value))
    return {c for c in codes if re.fullmatch(r"[a-z_]+", c)}  # not promo codes such as WELCOME10


def test_every_error_code_has_a_sentence_in_every_language() -> None:
    codes = error_codes()
    assert len(codes) > 50 and {"below_minimum", "id_underage", "store_closed"} <= codes
    missing = sorted(c for c in codes if not has_text(c))
    assert not missing, f"error codes without a text for people: {missing}"
    extra = {"min_order_cents": 1000, "currency": "EUR", "legal_age": 18}
    english = {code: explain(code, "en", extra=extra) for code in codes}
    for locale in LOCALES:
        for code in sorted(codes):
            text = explain(code, locale, extra=extra)
            assert text and not raw_problems(text), (locale, code, text, raw_problems(text))
            assert "1000" not in text, (locale, code, text)
            if locale != "en":
                assert text != english[code], f"{code} is not translated to {locale}"


async def walk_an_order(bots: BotHarness, store_id: int, locale: str, base: int) -> None:
    """A whole cash order through the three bots, every label found by its text in `locale`,
    with a few mistakes on the way (a bad promo code, a bad cash amount)."""
    t = translator(locale)
    customer, dispatcher, driver = (
        tg_user(base + 1, language=locale, first_name="Ana"),
        tg_user(base + 2, language=locale),
        tg_user(base + 3, language=locale),
    )
    await make_person(
        bots.settings, Role.DISPATCHER, store_ids=(store_id,), tg_id=dispatcher["id"], locale=locale
    )
    rider = await make_person(
        bots.settings, Role.DRIVER, store_ids=(store_id,), tg_id=driver["id"], locale=locale
    )
    await Driver.create(store_id=store_id, user=rider.user, status=DriverStatus.OFFLINE)

    await bots.post("customer", bots.message(customer, "/start"))
    await bots.tap("customer", customer, t("🛍 Catalog"))
    first_category = bots.last("customer", customer).buttons()[0]["text"]
    await bots.press("customer", customer, first_category)
    products = [b["text"] for b in bots.last("customer", customer).buttons()]
    await bots.press("customer", customer, products[0])
    for _ in range(3):
        await bots.press("customer", customer, t("Add {variant} · {price}").split("{")[0])
    await bots.press("customer", customer, t("🛒 Cart"))
    await bots.press("customer", customer, t("Check out"))
    await bots.post("customer", bots.message(customer, "Carrer de Mallorca 200, Barcelona"))
    await bots.post("customer", bots.message(customer, "3-2"))
    await bots.press("customer", customer, t("Skip"))
    await bots.press("customer", customer, t("As soon as possible"))
    await bots.press("customer", customer, t("Cash on delivery"))
    await bots.post("customer", bots.message(customer, "NOSUCHCODE"))
    await bots.press("customer", customer, t("No promo code"))
    await bots.press("customer", customer, t("✅ Place order"))
    await bots.tap("customer", customer, t("📦 My orders"))
    await bots.deliver()

    await bots.post("dispatcher", bots.message(dispatcher, "/orders"))
    await bots.press("dispatcher", dispatcher, t("✅ Confirm"))
    await bots.deliver()
    await bots.press("dispatcher", dispatcher, t("📦 Ready"))
    await bots.deliver()
    await bots.post("driver", bots.message(driver, "/start"))
    await bots.tap("driver", driver, t("▶ Start shift"))
    await bots.post("dispatcher", bots.message(dispatcher, "/drivers"))
    await bots.press("dispatcher", dispatcher, t("🚚 Assign driver"))
    await bots.press("dispatcher", dispatcher, rider.user.name)
    await bots.deliver()
    await bots.press("driver", driver, t("📦 Picked up"))
    await bots.deliver()
    await bots.post("driver", bots.location(driver, 41.3910, 2.1620))
    await bots.press("driver", driver, t("✅ Delivered"))
    await bots.post("driver", bots.message(driver, "no photo"))  # asked again, translated
    await bots.press("driver", driver, t("⏭ Skip the photo"))
    await bots.post("driver", bots.message(driver, "lots"))
    assert "23" in bots.last("driver", driver).text  # says how to write it
    total = (await Order.get(customer__tg_id=customer["id"])).total_cents
    await bots.post("driver", bots.message(driver, f"{total / 100:.2f}"))
    await bots.tap("driver", driver, t("📋 My deliveries"))
    await bots.deliver()
    await bots.press("customer", customer, "★★★★★")
    await bots.press("customer", customer, t("View order"))


def everything_shown(bots: BotHarness, chat_ids: set[int]) -> list[str]:
    """Every text, button label and toast the bots showed in these chats."""
    shown: list[str] = []
    for call in bots.telegram.calls:
        params: dict[str, Any] = call.params
        if call.method == "answerCallbackQuery":
            shown.append(str(params.get("text") or ""))
            continue
        if call.chat_id not in chat_ids:
            continue
        shown.append(call.text)
        shown += [b["text"] for b in call.buttons()] + call.keys()
    return [s for s in shown if s]


@pytest.mark.parametrize("locale", LOCALES)
async def test_a_whole_order_reads_well_in_every_language(
    bots: BotHarness, demo: SeedReport, locale: str
) -> None:
    await open_round_the_clock(demo.store_id)
    base = 7700 + 10 * LOCALES.index(locale)
    await walk_an_order(bots, demo.store_id, locale, base)
    order = await Order.get()
    assert order.status.value == "delivered"
    shown = everything_shown(bots, {base + 1, base + 2, base + 3})
    assert len(shown) > 40
    problems = [(text, raw_problems(text)) for text in shown if raw_problems(text)]
    assert not problems, problems
    if locale != "en":
        english = english_sentences()
        untranslated = [(text, p) for text in shown for p in english if p in text]
        assert not untranslated, untranslated


@pytest.mark.parametrize("locale", LOCALES)
async def test_the_id_check_and_a_refusal_read_well_in_every_language(
    bots: BotHarness, demo: SeedReport, locale: str
) -> None:
    await open_round_the_clock(demo.store_id)
    t = translator(locale)
    base = 7800 + 10 * LOCALES.index(locale)
    dispatcher, driver = tg_user(base + 2, language=locale), tg_user(base + 3, language=locale)
    await make_person(
        bots.settings,
        Role.DISPATCHER,
        store_ids=(demo.store_id,),
        tg_id=dispatcher["id"],
        locale=locale,
    )
    rider = await make_person(
        bots.settings, Role.DRIVER, store_ids=(demo.store_id,), tg_id=driver["id"], locale=locale
    )
    await Driver.create(store_id=demo.store_id, user=rider.user, status=DriverStatus.OFFLINE)
    customer = await make_person(
        bots.settings, Role.CUSTOMER, tg_id=base + 1, locale=locale, adult=True
    )
    await bots.post("driver", bots.message(driver, "/start"))
    await bots.tap("driver", driver, t("▶ Start shift"))
    for restricted, payment in ((True, PaymentMethod.CARD), (False, PaymentMethod.CASH)):
        await place(
            bots.ctx,
            customer.user.id,
            demo.store_id,
            quantity=1 if restricted else 4,
            restricted=restricted,
            payment=payment,
        )
        await bots.deliver()
        await bots.press("dispatcher", dispatcher, t("✅ Confirm"))
        await bots.deliver()
        await bots.press("dispatcher", dispatcher, t("📦 Ready"))
        await bots.deliver()
        await bots.press("dispatcher", dispatcher, t("🚚 Assign driver"))
        await bots.press("dispatcher", dispatcher, rider.user.name)
        await bots.deliver()
        await bots.press("driver", driver, t("📦 Picked up"))
        await bots.deliver()
        if restricted:
            await bots.press("driver", driver, t("🪪 Check ID"))
            await bots.press("driver", driver, t("🛂 Passport"))
            await bots.post("driver", bots.message(driver, "20"))
            await bots.post("driver", bots.message(driver, "2020"))
            await bots.press("driver", driver, t("🪪 Check ID"))
            await bots.press("driver", driver, t("🪪 ID card"))
            await bots.post("driver", bots.message(driver, "1985"))
            await bots.deliver()
            await bots.press("driver", driver, t("✅ Delivered"))
            await bots.press("driver", driver, t("⏭ Skip the photo"))
        else:
            await bots.press("driver", driver, t("🚫 Cannot hand over"))
            await bots.press("driver", driver, t("No valid ID"))
        await bots.deliver()
    statuses = sorted(o.status.value for o in await Order.all())
    assert statuses == ["delivered", "returning"]
    shown = everything_shown(bots, {base + 1, base + 2, base + 3})
    problems = [(text, raw_problems(text)) for text in shown if raw_problems(text)]
    assert not problems, problems
    if locale != "en":
        untranslated = [(text, p) for text in shown for p in english_sentences() if p in text]
        assert not untranslated, untranslated
