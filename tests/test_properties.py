"""Property tests: the money arithmetic always gives whole, non-negative cents that add up, and
no sequence of actions from any door moves an order where the transition table forbids."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.keys import CTX
from core.settings import Settings
from models import Order, OrderStatusHistory, PromoCode
from models.enums import OrderStatus, PaymentMethod, PromoKind
from models.transitions import FINAL_STATUSES, can_transition
from services.checkout import compute_totals
from services.demo import SeedReport
from services.orders import cashback_for
from services.promos import discount_for
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_driver

CENTS = st.integers(min_value=0, max_value=10**9)


@given(
    subtotal=CENTS,
    fee=st.integers(min_value=0, max_value=10**6),
    off=st.floats(min_value=0, max_value=1),
    wanted=CENTS,
    balance=CENTS,
)
def test_totals_are_whole_non_negative_cents_that_add_up(
    subtotal: int, fee: int, off: float, wanted: int, balance: int
) -> None:
    discount = int(subtotal * off)
    totals = compute_totals(subtotal, fee, discount, wanted, balance)
    values = (totals.total_cents, totals.wallet_cents, totals.discount_cents)
    assert all(type(v) is int and v >= 0 for v in values)
    assert totals.wallet_cents <= min(wanted, balance)
    assert totals.total_cents + totals.wallet_cents == subtotal + fee - discount


@given(
    kind=st.sampled_from(list(PromoKind)),
    value=st.integers(min_value=0, max_value=10**7),
    subtotal=CENTS,
)
def test_a_discount_is_whole_cents_and_never_more_than_the_subtotal(
    kind: PromoKind, value: int, subtotal: int
) -> None:
    if kind is PromoKind.PERCENT:
        value = value % 101
    discount = discount_for(PromoCode(kind=kind, value=value), subtotal)
    assert type(discount) is int and 0 <= discount <= subtotal


@given(paid=st.integers(min_value=-(10**6), max_value=10**9), bps=st.integers(-100, 10_000))
def test_cashback_is_whole_cents_between_zero_and_what_was_paid(paid: int, bps: int) -> None:
    amount = cashback_for(paid, bps)
    assert type(amount) is int and 0 <= amount <= max(0, paid)


STATUSES = [s.value for s in OrderStatus]
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("customer"), st.just("cancel")),
        st.tuples(st.sampled_from(["dispatcher", "driver", "stranger"]), st.sampled_from(STATUSES)),
        st.tuples(st.sampled_from(["dispatcher", "driver"]), st.sampled_from(["assign", "id"])),
    ),
    min_size=1,
    max_size=9,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=ACTIONS, cash=st.booleans())
async def test_no_sequence_of_actions_from_any_door_breaks_the_transition_table(
    client: TestClient,
    settings: Settings,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,
    actions: list[tuple[str, str]],
    cash: bool,
) -> None:
    driver, driver_row = await make_driver(settings, demo.store_id)
    stranger, _ = await make_driver(settings, demo.store_id)
    people = {
        "customer": customer,
        "dispatcher": dispatcher,
        "driver": driver,
        "stranger": stranger,
    }
    payment = PaymentMethod.CASH if cash else PaymentMethod.CARD
    order = await place(client.app[CTX], customer.user.id, demo.store_id, payment=payment)
    base = f"/api/v1/staff/orders/{order.id}"
    for who, action in actions:
        headers = people[who].headers
        if action == "cancel":
            response = await client.post(f"/api/v1/orders/{order.id}/cancel", headers=headers)
        elif action == "assign":
            body = {"driver_id": driver_row.id}
            response = await client.post(f"{base}/assign", json=body, headers=headers)
        elif action == "id":
            response = await client.post(f"{base}/id-check", headers=headers)
        else:
            body = {"status": action, "reason": "property test"}
            if action == "delivered" and cash:
                body["cash_collected_cents"] = order.total_cents
            response = await client.post(f"{base}/status", json=body, headers=headers)
        assert response.status < 500, (who, action, await response.text())
    rows = await OrderStatusHistory.filter(order_id=order.id).order_by("id")
    current = await Order.get(id=order.id)
    previous = rows[0].to_status
    assert rows[0].from_status is None and previous is OrderStatus.PENDING
    for row in rows[1:]:
        assert row.from_status is previous and can_transition(previous, row.to_status), row
        assert previous not in FINAL_STATUSES
        assert row.actor_id is not None and row.actor_role
        previous = row.to_status
    assert current.status is previous
