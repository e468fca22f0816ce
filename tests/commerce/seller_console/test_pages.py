"""The seller console pages (P05, P41): the statement, masked buyers, the audited reveal only while
an order awaits shipment, and shipping from the order page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Edition
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.privacy.audit import entries_for_subject
from tests.commerce.payments.builders import (
    RECIPIENT_ADDRESS,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    logistics_journal,
    shop_with_order,
    sign_in_pages,
)
from tests.commerce.support.world import World
from tests.web.html import read_page


def _reveal_count(session: Session, subject_id: str) -> int:
    return sum(1 for e in entries_for_subject(session, subject_id=subject_id) if e.action == "pi.reveal")


@pytest.mark.promise("P05")
def test_the_order_list_says_what_merchants_see_and_shows_the_buyer_masked(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a seller with an order awaiting shipment, signed in on the web
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    sign_in_pages(client, db_session, seller, edition=Edition.SELLER)
    # when they open the order list
    response = client.get("/seller/orders")
    # then the statement is there and the buyer's phone, name and address are masked
    assert response.status_code == 200
    page = read_page(response.text)
    assert "平台仅向商家展示履行订单所必需的买家个人信息，并默认脱敏显示" in page.text
    [row] = page.table("table-seller-orders").rows
    assert row[0] == order.number and row[3] == "待发货" and row[5] == "139****5678"
    for value in (RECIPIENT_NAME, RECIPIENT_PHONE, RECIPIENT_ADDRESS):
        assert value not in response.text


@pytest.mark.promise("P05", "P41")
def test_the_seller_opens_the_recipient_ships_and_can_no_longer_open_it(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given an order awaiting shipment and its seller signed in on the web
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    csrf = sign_in_pages(client, db_session, seller, edition=Edition.SELLER)
    detail = client.get(f"/seller/orders/{order.id}")
    assert "查看完整收货信息（留痕）" in read_page(detail.text).text and RECIPIENT_PHONE not in detail.text
    # when the seller opens the full recipient details
    revealed = client.post(f"/seller/orders/{order.id}/reveal", data={"csrf_token": csrf})
    # then they are shown, not cached, and the opening is audited
    assert revealed.status_code == 200
    text = read_page(revealed.text).text
    assert RECIPIENT_NAME in text and RECIPIENT_PHONE in text and RECIPIENT_ADDRESS in text
    assert revealed.headers["cache-control"] == "no-store"
    assert _reveal_count(db_session, buyer.account_id) == 3
    # when the seller ships with 中通 and a tracking number
    shipped = client.post(
        f"/seller/orders/{order.id}/ship",
        data={"csrf_token": csrf, "carrier": "ZTO", "tracking_number": "ZT7788990011"},
        follow_redirects=False,
    )
    # then the order awaits receipt and the page shows the parcel, reported by 快递100
    assert shipped.status_code == 303
    db_session.expire_all()
    assert db_session.scalars(select(Order.state).where(Order.id == order.id)).one() == "awaiting_receipt"
    after = read_page(client.get(f"/seller/orders/{order.id}").text)
    assert "中通快递" in after.text and "ZT7788990011" in after.text
    [event] = after.table("table-tracking").rows
    assert event[1] == "已揽收" and event[3] == "快递100"
    assert "只有待发货的订单可以查看完整收货信息" in after.text
    track = [e for e in logistics_journal() if e["kind"] == "track"]
    assert track and all(e["fields"] == {"recipient.phone": "5678"} for e in track)
    # and opening the recipient of the shipped order is refused, with nothing more audited
    refused = client.post(f"/seller/orders/{order.id}/reveal", data={"csrf_token": csrf})
    assert refused.status_code == 409
    assert "只有待发货的订单可以查看完整收货信息；该订单当前为「待收货」" in read_page(refused.text).text
    assert RECIPIENT_PHONE not in refused.text
    assert _reveal_count(db_session, buyer.account_id) == 3
    # and shipping again is refused
    again = client.post(
        f"/seller/orders/{order.id}/ship",
        data={"csrf_token": csrf, "carrier": "SF", "tracking_number": "SF7788990011"},
    )
    assert again.status_code == 409 and "不能重复发货" in read_page(again.text).text


def test_a_bad_tracking_number_is_explained_on_the_order_page(
    world: World, client: TestClient, db_session: Session
) -> None:
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    csrf = sign_in_pages(client, db_session, seller, edition=Edition.SELLER)
    response = client.post(
        f"/seller/orders/{order.id}/ship", data={"csrf_token": csrf, "carrier": "SF", "tracking_number": "12-34"}
    )
    assert response.status_code == 422
    assert "快递单号应为8到20位字母或数字" in read_page(response.text).text
    assert logistics_journal() == []


def test_a_reveal_without_its_csrf_token_is_refused(world: World, client: TestClient, db_session: Session) -> None:
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    sign_in_pages(client, db_session, seller, edition=Edition.SELLER)
    assert client.post(f"/seller/orders/{order.id}/reveal", data={"csrf_token": "forged"}).status_code == 403
    assert _reveal_count(db_session, buyer.account_id) == 0


@pytest.mark.promise("P05")
def test_another_shops_order_page_is_not_found_and_a_shopless_seller_is_asked_to_open_one(
    world: World, client: TestClient, db_session: Session
) -> None:
    _seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    other_seller, _other_shop = world.shop()
    sign_in_pages(client, db_session, other_seller, edition=Edition.SELLER)
    assert client.get(f"/seller/orders/{order.id}").status_code == 404
    sign_in_pages(client, db_session, world.person(edition="seller"), edition=Edition.SELLER)
    no_shop = client.get("/seller/orders")
    assert no_shop.status_code == 409 and "请先开店" in read_page(no_shop.text).text
