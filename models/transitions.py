"""The order state machine: the only place that says which status may follow which.

PENDING → CONFIRMED → READY → ASSIGNED → PICKED_UP → DELIVERED, and CANCELLED from every
state that is not final. A delivery that fails goes PICKED_UP → RETURNING (the driver brings
it back), then RETURNED (the pharmacy received it: stock back, refunds) or READY again for a
second attempt; a returning order is not cancelled, it is received back. Services check every
change against this table; tests import it.
"""

from __future__ import annotations

from models.enums import OrderStatus

S = OrderStatus

FINAL_STATUSES: frozenset[OrderStatus] = frozenset({S.DELIVERED, S.CANCELLED, S.RETURNED})

_FORWARD: dict[OrderStatus, OrderStatus] = {
    S.PENDING: S.CONFIRMED,
    S.CONFIRMED: S.READY,
    S.READY: S.ASSIGNED,
    S.ASSIGNED: S.PICKED_UP,
    S.PICKED_UP: S.DELIVERED,
}

_RETURNS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PICKED_UP: frozenset({S.RETURNING}),
    S.RETURNING: frozenset({S.RETURNED, S.READY}),
}

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    status: frozenset(
        ({_FORWARD[status]} if status in _FORWARD else set())
        | ({S.CANCELLED} if status not in FINAL_STATUSES | {S.RETURNING} else set())
        | _RETURNS.get(status, frozenset())
    )
    for status in OrderStatus
}

# Statuses in which the order is still open work for the store.
OPEN_STATUSES: tuple[OrderStatus, ...] = (
    S.PENDING,
    S.CONFIRMED,
    S.READY,
    S.ASSIGNED,
    S.PICKED_UP,
    S.RETURNING,
)


def can_transition(current: OrderStatus, target: OrderStatus) -> bool:
    return target in TRANSITIONS[current]
