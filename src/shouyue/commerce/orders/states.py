"""The order's life: which state may follow which, and the timestamp each step sets.

待付款 → 待发货 (paid) → 待收货 (shipped) → 待评价 (received) → 已完成 (reviewed or review
skipped); 待付款 or 待发货 → 已取消. Every domain that moves an order (payments, shipping,
reviews, the buyer's own actions) calls :func:`advance`, so an illegal step is refused in one
place with one message.
"""

from __future__ import annotations

from datetime import datetime

from shouyue.commerce.errors import Conflict
from shouyue.commerce.orders.models import Order, OrderState

STATE_LABELS: dict[OrderState, str] = {
    OrderState.AWAITING_PAYMENT: "待付款",
    OrderState.AWAITING_SHIPMENT: "待发货",
    OrderState.AWAITING_RECEIPT: "待收货",
    OrderState.AWAITING_REVIEW: "待评价",
    OrderState.COMPLETED: "已完成",
    OrderState.CANCELLED: "已取消",
}

NEXT: dict[OrderState, frozenset[OrderState]] = {
    OrderState.AWAITING_PAYMENT: frozenset({OrderState.AWAITING_SHIPMENT, OrderState.CANCELLED}),
    OrderState.AWAITING_SHIPMENT: frozenset({OrderState.AWAITING_RECEIPT, OrderState.CANCELLED}),
    OrderState.AWAITING_RECEIPT: frozenset({OrderState.AWAITING_REVIEW}),
    OrderState.AWAITING_REVIEW: frozenset({OrderState.COMPLETED}),
    OrderState.COMPLETED: frozenset(),
    OrderState.CANCELLED: frozenset(),
}

_STAMPS: dict[OrderState, str] = {
    OrderState.AWAITING_SHIPMENT: "paid_at",
    OrderState.AWAITING_RECEIPT: "shipped_at",
    OrderState.AWAITING_REVIEW: "received_at",
    OrderState.COMPLETED: "completed_at",
    OrderState.CANCELLED: "cancelled_at",
}


class IllegalTransition(Conflict):
    """The order is not in a state from which this step is allowed."""

    def __init__(self, current: OrderState, wanted: OrderState) -> None:
        super().__init__(f"订单当前为「{STATE_LABELS[current]}」，不能变为「{STATE_LABELS[wanted]}」")
        self.current = current
        self.wanted = wanted


def label(state: str) -> str:
    """The Chinese name of a state, as pages and the API show it."""
    return STATE_LABELS[OrderState(state)]


def advance(order: Order, wanted: OrderState, *, now: datetime) -> None:
    """Move ``order`` to ``wanted`` and stamp the time, or raise :class:`IllegalTransition`.

    The caller holds the order row for update (``with_for_update``) when two requests could race
    (paying twice, shipping twice), and commits with the rest of its business action."""
    current = OrderState(order.state)
    if wanted not in NEXT[current]:
        raise IllegalTransition(current, wanted)
    order.state = wanted.value
    setattr(order, _STAMPS[wanted], now)
