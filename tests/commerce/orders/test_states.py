"""The order state machine: each legal step stamps its time; every other step is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.states import NEXT, IllegalTransition, advance

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


def _order(state: OrderState) -> Order:
    return Order(state=state.value)


@pytest.mark.parametrize(("start", "end"), [(s, e) for s in OrderState for e in OrderState])
def test_only_declared_steps_are_allowed(start: OrderState, end: OrderState) -> None:
    # given an order in ``start``
    order = _order(start)
    # when it is moved to ``end``
    if end in NEXT[start]:
        advance(order, end, now=NOW)
        # then the legal step takes effect
        assert order.state == end.value
    else:
        # then any other step is refused, naming both states in Chinese, and nothing changes
        with pytest.raises(IllegalTransition, match="订单当前为"):
            advance(order, end, now=NOW)
        assert order.state == start.value


def test_the_whole_happy_path_stamps_each_time() -> None:
    # given a new order
    order = _order(OrderState.AWAITING_PAYMENT)
    # when it is paid, shipped, received and reviewed
    for step in (
        OrderState.AWAITING_SHIPMENT,
        OrderState.AWAITING_RECEIPT,
        OrderState.AWAITING_REVIEW,
        OrderState.COMPLETED,
    ):
        advance(order, step, now=NOW)
    # then every step's time is recorded
    assert (order.paid_at, order.shipped_at, order.received_at, order.completed_at) == (NOW,) * 4
