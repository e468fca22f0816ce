"""The buyer's orders (P55): by state, detail masked, cancel, confirm receipt, delete (hidden from
the buyer, kept for its legal retention); another buyer's order is not found."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from shouyue.commerce.orders import service
from shouyue.commerce.orders.models import Order, OrderState
from tests.commerce.orders.builders import buy, dangerously_advance, recipient, stock_of
from tests.commerce.support.world import World

S = OrderState


@pytest.mark.promise("P55")
def test_orders_are_listed_by_state_with_counts(world: World, db_session: Session) -> None:
    # given orders in four states
    _owner, shop = world.shop()
    product = world.product(shop, stock=50)
    buyer = world.person()
    unpaid = buy(buyer, product)["id"]
    paid = buy(buyer, product)["id"]
    shipped = buy(buyer, product)["id"]
    received = buy(buyer, product)["id"]
    dangerously_advance(db_session, paid, S.AWAITING_SHIPMENT)
    dangerously_advance(db_session, shipped, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT)
    dangerously_advance(db_session, received, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT, S.AWAITING_REVIEW)
    # when the buyer lists each state
    by_state = {
        state: [o["id"] for o in buyer.get("/orders", params={"state": state.value}).json()["items"]] for state in S
    }
    # then each tab holds its order, and the counts agree
    assert by_state[S.AWAITING_PAYMENT] == [unpaid]
    assert by_state[S.AWAITING_SHIPMENT] == [paid]
    assert by_state[S.AWAITING_RECEIPT] == [shipped]
    assert by_state[S.AWAITING_REVIEW] == [received]
    assert by_state[S.COMPLETED] == [] and by_state[S.CANCELLED] == []
    everything = buyer.get("/orders").json()
    assert len(everything["items"]) == 4
    assert everything["counts"]["awaiting_payment"] == 1 and everything["counts"]["completed"] == 0
    assert buyer.get("/orders", params={"state": "lost"}).status_code == 422


@pytest.mark.promise("P55")
def test_cancelling_restores_stock_and_confirming_receipt_moves_to_review(world: World, db_session: Session) -> None:
    # given two orders of 3 items each from a stock of 10
    _owner, shop = world.shop()
    product = world.product(shop, stock=10)
    buyer = world.person()
    first, second = buy(buyer, product, 3)["id"], buy(buyer, product, 3)["id"]
    assert stock_of(db_session, product) == 4
    # when the buyer cancels the first
    cancelled = buyer.post(f"/orders/{first}/cancel")
    # then it is cancelled and its items are back in stock
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert stock_of(db_session, product) == 7
    # and cancelling again is refused with the state in words
    again = buyer.post(f"/orders/{first}/cancel")
    assert again.status_code == 409 and "已取消" in again.json()["detail"]
    # when the second is shipped, then received
    assert buyer.post(f"/orders/{second}/confirm-receipt").status_code == 409
    dangerously_advance(db_session, second, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT)
    received = buyer.post(f"/orders/{second}/confirm-receipt")
    assert received.status_code == 200 and received.json()["state"] == "awaiting_review"
    assert received.json()["received_at"]
    # and a shipped order can no longer be cancelled
    assert buyer.post(f"/orders/{second}/cancel").status_code == 409


@pytest.mark.promise("P55")
def test_a_deleted_order_is_hidden_from_the_buyer_but_kept_for_legal_retention(
    world: World, db_session: Session
) -> None:
    # given a completed order and an unpaid one
    _owner, shop = world.shop()
    product = world.product(shop, stock=10)
    buyer = world.person()
    done = buy(buyer, product)["id"]
    open_ = buy(buyer, product)["id"]
    dangerously_advance(db_session, done, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT, S.AWAITING_REVIEW, S.COMPLETED)
    # the detail of a completed order carries the warning before deletion
    assert "售后" in buyer.get(f"/orders/{done}").json()["delete_warning"]
    # when the buyer deletes an unfinished order, it is refused
    assert buyer.delete(f"/orders/{open_}").status_code == 409
    # when the buyer deletes the completed one
    deleted = buyer.delete(f"/orders/{done}")
    # then the answer carries the after-sales warning
    assert deleted.status_code == 200, deleted.text
    assert "可能无法再就该订单申请退换货" in deleted.json()["warning"]
    # and it is gone from every list and its detail
    assert buyer.get(f"/orders/{done}").status_code == 404
    assert done not in [o["id"] for o in buyer.get("/orders").json()["items"]]
    assert buyer.get("/orders", params={"state": "completed"}).json()["items"] == []
    assert buyer.get("/orders").json()["counts"]["completed"] == 0
    assert buyer.delete(f"/orders/{done}").status_code == 404
    # and from the non-legal query helpers other domains use
    visible = db_session.scalars(service.buyer_orders(buyer_id=buyer.account_id)).all()
    assert [o.id for o in visible] == [open_]
    # but the row stays, marked, for its legal retention (transaction records)
    db_session.expire_all()
    row = db_session.scalar(select(Order).where(Order.id == done))
    assert row is not None and row.buyer_deleted_at is not None and row.state == "completed"
    assert service.get_order_for_update(db_session, done).id == done


@pytest.mark.promise("P55")
def test_another_buyers_order_is_not_found_for_every_action(world: World, db_session: Session) -> None:
    # given someone's order awaiting receipt
    _owner, shop = world.shop()
    product = world.product(shop)
    owner, other = world.person(), world.person()
    order_id = buy(owner, product)["id"]
    missing = order_id + 10_000
    # when another buyer reads or acts on it, or on an id that does not exist
    answers = [
        other.get(f"/orders/{order_id}"),
        other.post(f"/orders/{order_id}/cancel"),
        other.post(f"/orders/{order_id}/confirm-receipt"),
        other.delete(f"/orders/{order_id}"),
        other.get(f"/orders/{missing}"),
    ]
    # then every answer is the same 404, and the owner's order is unchanged
    assert {(a.status_code, a.json()["detail"]) for a in answers} == {(404, "未找到该订单")}
    assert owner.get(f"/orders/{order_id}").json()["state"] == "awaiting_payment"


@contextmanager
def counting(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def record(*args: object) -> None:
        statement = str(args[2])
        # Savepoints belong to the test's isolating transaction, not to the code under test.
        if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.promise("P55")
def test_the_order_list_issues_as_many_statements_for_20_orders_as_for_5(world: World, db_session: Session) -> None:
    # given two buyers, one with 5 orders and one with 20, each order of two lines
    _owner, shop = world.shop()
    one, two = world.product(shop, stock=500), world.product(shop, stock=500)
    few, many = world.person(), world.person()
    for buyer, count in ((few, 5), (many, 20)):
        for _ in range(count):
            placed = buyer.post(
                "/orders",
                json={
                    "lines": [{"product_id": one.id, "quantity": 1}, {"product_id": two.id, "quantity": 1}],
                    "recipient": recipient(),
                },
            )
            assert placed.status_code == 201
    # when each lists their orders
    db_session.expire_all()
    with counting(db_session) as for_few:
        listed_few = few.get("/orders")
    db_session.expire_all()
    with counting(db_session) as for_many:
        listed_many = many.get("/orders")
    # then the number of statements does not grow with the number of orders
    assert len(listed_few.json()["items"]) == 5 and len(listed_many.json()["items"]) == 20
    assert all(len(o["lines"]) == 2 for o in listed_many.json()["items"])
    assert len(for_few) == len(for_many), (for_few, for_many)
