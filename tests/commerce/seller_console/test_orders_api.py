"""The seller's order console (P05): own shop only, buyer PI masked, the statement shown, and the
full recipient opened only for an order awaiting shipment, audited."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import OrderState
from shouyue.commerce.seller_console.service import MERCHANT_PI_STATEMENT
from shouyue.privacy.audit import entries_for_subject
from tests.commerce.payments.builders import (
    RECIPIENT_ADDRESS,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    place_order,
    shop_with_order,
)
from tests.commerce.support.world import World

REVEAL = "pi.reveal"


def _reveals(session: Session, subject_id: str) -> list[tuple[str, str, str | None, list[str]]]:
    return [
        (e.actor_kind, e.actor_id, e.purpose, sorted(e.categories))
        for e in entries_for_subject(session, subject_id=subject_id)
        if e.action == REVEAL
    ]


@pytest.mark.promise("P05")
def test_the_console_lists_only_the_shops_orders_with_the_buyer_masked_and_says_why(
    world: World, db_session: Session
) -> None:
    # given a seller with two orders, and another shop with one
    seller, shop, buyer, paid = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    product = world.product(shop)
    unpaid = place_order(world, buyer, shop, product)
    _other_seller, _other_shop, _other_buyer, foreign = shop_with_order(world)
    # when the seller opens the console
    response = seller.get("/seller/orders")
    # then only the shop's orders are listed, the recipient masked, with the statement
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["statement"] == MERCHANT_PI_STATEMENT and "默认脱敏" in body["statement"]
    assert {o["id"] for o in body["orders"]} == {paid.id, unpaid.id}
    assert foreign.id not in {o["id"] for o in body["orders"]}
    row = next(o for o in body["orders"] if o["id"] == paid.id)
    assert row["recipient_phone"] == "139****5678"
    assert row["recipient_name"] != RECIPIENT_NAME and row["recipient_name"].startswith("张")
    assert row["recipient_address"] != RECIPIENT_ADDRESS and row["recipient_address"].startswith("北京市")
    for value in (RECIPIENT_NAME, RECIPIENT_PHONE, RECIPIENT_ADDRESS):
        assert value not in response.text
    assert (row["can_reveal"], row["state_label"]) == (True, "待发货")
    # and the state filter narrows the list
    awaiting = seller.get("/seller/orders", params={"state": "awaiting_shipment"}).json()["orders"]
    assert [o["id"] for o in awaiting] == [paid.id]
    # and listing opened nothing
    assert _reveals(db_session, buyer.account_id) == []


@pytest.mark.promise("P05")
def test_the_full_recipient_is_opened_for_an_order_awaiting_shipment_and_audited(
    world: World, db_session: Session
) -> None:
    # given an order awaiting shipment
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    # when the seller opens the recipient's details to ship
    response = seller.post(f"/seller/orders/{order.id}/recipient")
    # then the full details are shown, not cached, and each opening is in the audit log
    assert response.status_code == 200, response.text
    assert response.json() == {
        "order_id": order.id,
        "name": RECIPIENT_NAME,
        "phone": RECIPIENT_PHONE,
        "address": RECIPIENT_ADDRESS,
        "postcode": "100020",
    }
    assert response.headers["cache-control"] == "no-store"
    reveals = _reveals(db_session, buyer.account_id)
    assert len(reveals) == 3
    assert {(kind, actor, purpose) for kind, actor, purpose, _ in reveals} == {
        ("merchant", seller.account_id, "order.fulfilment")
    }
    assert sorted(c for *_, cats in reveals for c in cats) == [
        "recipient.address",
        "recipient.name",
        "recipient.phone",
    ]


@pytest.mark.promise("P05")
@pytest.mark.parametrize(
    ("state", "label"),
    [
        (OrderState.AWAITING_PAYMENT, "待付款"),
        (OrderState.AWAITING_RECEIPT, "待收货"),
        (OrderState.COMPLETED, "已完成"),
        (OrderState.CANCELLED, "已取消"),
    ],
)
def test_the_full_recipient_is_refused_for_any_other_state(
    world: World, db_session: Session, state: OrderState, label: str
) -> None:
    # given an order not awaiting shipment (e.g. already shipped)
    seller, _shop, buyer, order = shop_with_order(world, state=state)
    # when the seller asks for the full details
    response = seller.post(f"/seller/orders/{order.id}/recipient")
    # then it is refused, saying why, and nothing was opened
    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"只有待发货的订单可以查看完整收货信息；该订单当前为「{label}」，收货信息仅以脱敏形式显示"
    )
    assert RECIPIENT_PHONE not in response.text
    assert _reveals(db_session, buyer.account_id) == []
    assert seller.get(f"/seller/orders/{order.id}").json()["can_reveal"] is False


@pytest.mark.promise("P05")
def test_another_shops_order_is_not_found(world: World, db_session: Session) -> None:
    _seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    other_seller, _other_shop = world.shop()
    assert other_seller.get(f"/seller/orders/{order.id}").status_code == 404
    refused = other_seller.post(f"/seller/orders/{order.id}/recipient")
    assert refused.status_code == 404 and refused.json()["detail"] == "未找到该订单"
    assert _reveals(db_session, buyer.account_id) == []


def test_a_seller_without_a_shop_and_an_unknown_state_are_refused_clearly(world: World) -> None:
    no_shop = world.person(edition="seller")
    response = no_shop.get("/seller/orders")
    assert response.status_code == 409 and response.json()["detail"] == "请先开店：开通店铺后才能管理订单和发货"
    seller, _shop = world.shop()
    bad = seller.get("/seller/orders", params={"state": "lost"})
    assert bad.status_code == 422 and "订单状态只能是" in bad.json()["detail"]


def test_a_buyer_edition_session_cannot_use_the_console(world: World) -> None:
    buyer = world.person()
    assert buyer.get("/seller/orders").status_code == 403
