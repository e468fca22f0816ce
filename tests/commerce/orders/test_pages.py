"""Checkout and order pages (P15-P17, P55): the checkout form asks customs questions only for
cross-border goods, names missing fields, needs the authorisation tick for someone else; the
order list has its state tabs; deleting asks to confirm with the after-sales warning."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order, OrderState
from tests.commerce.orders.builders import ADULT_ID, buy, dangerously_advance, log_in_page, recipient, row_counts
from tests.commerce.support.world import World
from tests.web.html import read_page

S = OrderState


@pytest.mark.promise("P15")
@pytest.mark.promise("P16")
def test_checkout_page_names_missing_fields_then_needs_the_authorisation_tick(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a buyer with a product in the cart, on the checkout page
    _owner, shop = world.shop()
    product = world.product(shop, title="围巾", price_fen=12900, stock=3)
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    buyer.post("/cart/items", json={"product_id": product.id, "quantity": 1})
    page = client.get("/checkout")
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "围巾" in text and "¥129.00" in text
    assert 'id="customs-fields"' not in page.text  # no customs questions for domestic goods
    assert '<label for="others_authorised">' in page.text
    # when the form is sent without name and phone
    form = {"csrf_token": csrf, "address_id": "new", **recipient(recipient_name="", phone="")}
    missing = client.post("/checkout", data=form)
    # then the page names both fields, and no order exists
    assert missing.status_code == 422
    assert "请填写收货人姓名、联系电话" in read_page(missing.text).text
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    # when it is sent for someone else without the authorisation tick
    unticked = client.post("/checkout", data={**form, **recipient(), "for_others": "true"})
    assert unticked.status_code == 422
    assert "已取得收货人的授权同意" in read_page(unticked.text).text
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    # when it is ticked
    placed = client.post(
        "/checkout",
        data={**form, **recipient(), "for_others": "true", "others_authorised": "true", "remark": "下午送"},
        follow_redirects=False,
    )
    # then the order is placed, recorded as for someone else, and shown masked
    assert placed.status_code == 303
    order = db_session.scalar(select(Order).where(Order.buyer_id == buyer.account_id))
    assert order is not None and order.for_others and order.others_authorised_at is not None
    assert placed.headers["location"] == f"/orders/{order.id}"
    detail = client.get(placed.headers["location"])
    detail_text = read_page(detail.text).text
    assert "李**" in detail_text and "139****5678" in detail_text and "已确认取得收货人授权" in detail_text
    assert "13912345678" not in detail.text
    assert f'href="/orders/{order.id}/pay"' in detail.text
    assert buyer.get("/cart").json()["lines"] == []


@pytest.mark.promise("P17")
def test_checkout_asks_for_customs_details_only_for_cross_border_goods(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a cross-border product bought now with a saved address
    _owner, shop = world.shop()
    product = world.product(shop, title="进口面膜", cross_border=True, stock=2)
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    address_id = buyer.post("/addresses", json=recipient()).json()["id"]
    page = client.get("/checkout", params={"product_id": product.id, "quantity": 1})
    # then the page asks for the name and ID number, saying who gets them
    assert 'id="customs-fields"' in page.text
    assert "仅提供给跨境清关服务方" in read_page(page.text).text
    form = {"csrf_token": csrf, "product_id": product.id, "quantity": 1, "address_id": str(address_id)}
    # when they leave them out, it is refused
    refused = client.post("/checkout", data=form)
    assert refused.status_code == 422 and "海关清关" in read_page(refused.text).text
    # when they fill them in, the order is placed and declared; the number is never shown
    placed = client.post(
        "/checkout", data={**form, "customs_name": "王小明", "customs_id_number": ADULT_ID}, follow_redirects=False
    )
    assert placed.status_code == 303
    detail = client.get(placed.headers["location"])
    assert "已提供给跨境清关服务方" in read_page(detail.text).text
    assert ADULT_ID not in detail.text


@pytest.mark.promise("P55")
def test_order_tabs_and_deleting_a_completed_order_after_confirming(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a completed order and an unpaid one
    _owner, shop = world.shop()
    product = world.product(shop, title="台灯", stock=9)
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    done = buy(buyer, product)["id"]
    unpaid = buy(buyer, product)["id"]
    dangerously_advance(db_session, done, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT, S.AWAITING_REVIEW, S.COMPLETED)
    # the list has a tab per state with counts
    listing = read_page(client.get("/orders").text).text
    for tab in ("待付款（1）", "待发货（0）", "待收货（0）", "待评价（0）", "已完成（1）", "已取消（0）"):
        assert tab in listing
    completed_tab = read_page(client.get("/orders", params={"state": "completed"}).text)
    assert len(completed_tab.table("order-list").rows) == 1
    # when the buyer asks to delete the completed order, the page warns about after-sales
    confirm = client.get(f"/orders/{done}/delete")
    assert "可能无法再就该订单申请退换货" in read_page(confirm.text).text
    # and posting without the tick is refused, the order still there
    unticked = client.post(f"/orders/{done}/delete", data={"csrf_token": csrf})
    assert unticked.status_code == 422 and client.get(f"/orders/{done}").status_code == 200
    # when confirmed, the order is gone from the pages but the row is kept
    deleted = client.post(
        f"/orders/{done}/delete", data={"csrf_token": csrf, "confirm": "true"}, follow_redirects=False
    )
    assert deleted.status_code == 303
    assert client.get(f"/orders/{done}").status_code == 404
    assert "已完成（0）" in read_page(client.get("/orders").text).text
    db_session.expire_all()
    kept = db_session.get(Order, done)
    assert kept is not None and kept.buyer_deleted_at is not None
    # and cancelling the unpaid one on its page works
    client.post(f"/orders/{unpaid}/cancel", data={"csrf_token": csrf})
    assert "已取消" in read_page(client.get(f"/orders/{unpaid}").text).text


def test_another_buyers_order_page_is_not_found(world: World, client: TestClient, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    owner, other = world.person(), world.person()
    order = buy(owner, product)
    csrf = log_in_page(client, db_session, other)
    assert client.get(f"/orders/{order['id']}").status_code == 404
    assert client.post(f"/orders/{order['id']}/cancel", data={"csrf_token": csrf}).status_code == 404
    assert client.get(f"/orders/{order['id']}/delete").status_code == 404
    assert owner.get(f"/orders/{order['id']}").json()["state"] == "awaiting_payment"
