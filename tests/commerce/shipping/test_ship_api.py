"""Shipping and tracking (P34, P41): the carrier gets the delivery details, the tracker standing for
Kuaidi100 gets the phone's last four digits and nothing else, and the events it reports are kept
with their source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import get_now
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.shipping.models import Shipment, TrackingEvent
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.payments.builders import (
    RECIPIENT_ADDRESS,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    RECIPIENT_POSTCODE,
    logistics_journal,
    shop_with_order,
)
from tests.commerce.support.world import World

SHIP = {"carrier": "SF", "tracking_number": "SF1234567890123"}


def _state(session: Session, order: Order) -> str:
    session.expire_all()
    return session.scalars(select(Order.state).where(Order.id == order.id)).one()


def _shipments(session: Session, order: Order) -> list[Shipment]:
    return list(session.scalars(select(Shipment).where(Shipment.order_id == order.id)))


@pytest.mark.promise("P41", "P34")
def test_shipping_hands_the_carrier_the_address_and_the_tracker_only_four_digits(
    world: World, db_session: Session
) -> None:
    # given a paid order of the seller's shop
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    # when the seller ships it with 顺丰 and a tracking number
    response = seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP)
    # then the order awaits receipt and the first tracking event is there
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["carrier_name"], body["tracking_number"]) == ("顺丰速运", "SF1234567890123")
    assert [e["status"] for e in body["events"]] == ["已揽收"]
    assert _state(db_session, order) == OrderState.AWAITING_RECEIPT.value
    # the carrier received the delivery details through the gateway
    hand_over, track = logistics_journal()
    assert (hand_over["recipient"], hand_over["purpose"]) == ("partner.logistics", "order.fulfilment")
    assert hand_over["fields"] == {
        "recipient.name": RECIPIENT_NAME,
        "recipient.phone": RECIPIENT_PHONE,
        "recipient.address": RECIPIENT_ADDRESS,
        "recipient.postcode": RECIPIENT_POSTCODE,
    }
    # the tracker (Kuaidi100) received the phone's last four digits and nothing else of the recipient
    assert track["recipient"] == "sdk.kuaidi100"
    assert track["fields"] == {"recipient.phone": RECIPIENT_PHONE[-4:]}
    assert RECIPIENT_NAME not in str(track) and RECIPIENT_ADDRESS not in str(track)
    assert RECIPIENT_PHONE not in str(track)
    # the disclosure log says so too, with the seller as the actor
    records = db_session.scalars(
        select(DisclosureRecord).where(
            DisclosureRecord.subject_id == buyer.account_id, DisclosureRecord.purpose == "order.fulfilment"
        )
    ).all()
    sent = {r.recipient: r.sent for r in records}
    assert sent["sdk.kuaidi100"] == {"recipient.phone": "last4"}
    assert set(sent["partner.logistics"]) == {
        "recipient.name",
        "recipient.phone",
        "recipient.address",
        "recipient.postcode",
    }
    assert {r.actor_kind for r in records} == {"merchant"} and {r.actor_id for r in records} == {seller.account_id}
    # the reported event is kept with its source (P34)
    [event] = db_session.scalars(select(TrackingEvent)).all()
    assert (event.source_recipient, event.buyer_id, event.status) == ("sdk.kuaidi100", buyer.account_id, "已揽收")
    [shipment] = _shipments(db_session, order)
    assert shipment.carrier_recipient == "partner.logistics" and shipment.carrier_reference == hand_over["reference"]


@pytest.mark.promise("P34")
def test_the_buyer_follows_the_parcel_and_new_events_are_kept_with_their_source(
    world: World, db_session: Session, app: FastAPI
) -> None:
    # given a shipped order
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    assert seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP).status_code == 201
    # when the buyer looks a day later
    app.dependency_overrides[get_now] = lambda: datetime.now(UTC) + timedelta(hours=21)
    response = buyer.get(f"/orders/{order.id}/tracking")
    # then the tracker's newer events are shown and stored, each naming its source
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert [e["status"] for e in events] == ["已揽收", "运输中", "派送中"]
    assert {e["source_recipient"] for e in events} == {"sdk.kuaidi100"}
    stored = db_session.scalars(select(TrackingEvent).order_by(TrackingEvent.at)).all()
    assert [e.status for e in stored] == ["已揽收", "运输中", "派送中"]
    # and every query of the tracker carried four digits only
    assert all(e["fields"] == {"recipient.phone": "5678"} for e in logistics_journal() if e["kind"] == "track")
    # the seller sees the same parcel
    assert [e["status"] for e in seller.get(f"/seller/orders/{order.id}/tracking").json()["events"]] == [
        "已揽收",
        "运输中",
        "派送中",
    ]


def test_tracking_is_private_to_the_buyer_and_absent_before_shipping(world: World, db_session: Session) -> None:
    _seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    stranger = world.person()
    not_yet = buyer.get(f"/orders/{order.id}/tracking")
    assert not_yet.status_code == 404 and not_yet.json()["detail"] == "该订单尚未发货，暂无物流信息"
    assert stranger.get(f"/orders/{order.id}/tracking").json()["detail"] == "未找到该订单"


@pytest.mark.promise("P41")
def test_another_shops_order_cannot_be_shipped(world: World, db_session: Session) -> None:
    # given an order of someone else's shop, and a seller with their own shop
    _seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    other_seller, _other_shop = world.shop()
    # when the other seller tries to ship it
    response = other_seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP)
    # then it does not exist for them, and nothing was shared or changed
    assert response.status_code == 404 and response.json()["detail"] == "未找到该订单"
    assert _shipments(db_session, order) == [] and logistics_journal() == []
    assert _state(db_session, order) == OrderState.AWAITING_SHIPMENT.value


def test_shipping_twice_is_refused(world: World, db_session: Session) -> None:
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    assert seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP).status_code == 201
    again = seller.post(f"/seller/orders/{order.id}/shipment", json={"carrier": "ZTO", "tracking_number": "ZT98765432"})
    assert again.status_code == 409 and again.json()["detail"] == "该订单已发货，不能重复发货"
    [shipment] = _shipments(db_session, order)
    assert shipment.carrier == "SF"
    assert len([e for e in logistics_journal() if e["kind"] == "hand_over"]) == 1


def test_an_unpaid_order_cannot_be_shipped(world: World, db_session: Session) -> None:
    seller, _shop, _buyer, order = shop_with_order(world)
    response = seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP)
    assert response.status_code == 409
    assert response.json()["detail"] == "订单当前为「待付款」，只有待发货的订单可以发货"
    assert _shipments(db_session, order) == [] and logistics_journal() == []


@pytest.mark.parametrize(
    ("shipment", "message"),
    [
        (
            {"carrier": "DHL", "tracking_number": "SF1234567890"},
            "请从列表中选择物流公司：顺丰、中通、圆通、韵达、京东或邮政EMS",
        ),
        ({"carrier": "SF", "tracking_number": "SF123"}, "快递单号应为8到20位字母或数字，请核对后重新填写"),
        ({"carrier": "SF", "tracking_number": "SF1234-567890"}, "快递单号应为8到20位字母或数字，请核对后重新填写"),
        ({"carrier": "SF", "tracking_number": "S" * 21}, "快递单号应为8到20位字母或数字，请核对后重新填写"),
    ],
)
def test_a_bad_carrier_or_tracking_number_is_refused(
    world: World, db_session: Session, shipment: dict[str, str], message: str
) -> None:
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    response = seller.post(f"/seller/orders/{order.id}/shipment", json=shipment)
    assert response.status_code == 422 and response.json()["detail"] == message
    assert _shipments(db_session, order) == [] and logistics_journal() == []


def test_a_seller_without_a_shop_is_asked_to_open_one(world: World) -> None:
    seller = world.person(edition="seller")
    response = seller.post("/seller/orders/1/shipment", json=SHIP)
    assert response.status_code == 409 and "请先开店" in response.json()["detail"]


def test_a_tracker_outage_does_not_stop_shipping(world: World, db_session: Session, app: FastAPI) -> None:
    # given a tracker that refuses every query
    from shouyue.commerce.shipping.dependencies import get_tracker_api
    from shouyue.providers.logistics import LogisticsRefused

    class DownTracker:
        def track(self, *_: object, **__: object) -> None:
            raise LogisticsRefused("down")

    app.dependency_overrides[get_tracker_api] = DownTracker
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    # when the seller ships
    response = seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP)
    # then the order is shipped, with no events yet and no disclosure logged to the tracker
    assert response.status_code == 201, response.text
    assert response.json()["events"] == []
    assert _state(db_session, order) == OrderState.AWAITING_RECEIPT.value
    recipients = db_session.scalars(
        select(DisclosureRecord.recipient).where(DisclosureRecord.subject_id == buyer.account_id)
    ).all()
    assert "sdk.kuaidi100" not in recipients and "partner.logistics" in recipients
    # and a buyer looking while the tracker is down sees the shipment with what is stored
    looked = buyer.get(f"/orders/{order.id}/tracking")
    assert looked.status_code == 200 and looked.json()["tracking_number"] == SHIP["tracking_number"]


SHIP_FROM = "浙江省杭州市余杭区仓前街道梦想小镇8号仓库"


@pytest.mark.promise("P13", "P41")
def test_a_pickup_needs_the_optional_ship_from_address_and_sends_only_that(world: World, db_session: Session) -> None:
    # given a paid order of a shop that never gave a ship-from address
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    # when the seller asks the carrier to collect the parcel
    refused = seller.post(f"/seller/orders/{order.id}/shipment", json={**SHIP, "pickup": True})
    # then only that feature is refused, naming the missing extra, and nothing is shipped
    assert refused.status_code == 409, refused.text
    assert "发货地址" in refused.json()["detail"]
    assert _state(db_session, order) == OrderState.AWAITING_SHIPMENT.value and _shipments(db_session, order) == []
    assert logistics_journal() == []
    # when the seller gives the address (with the shop-management consent) and asks again
    given = seller.patch("/seller/shop/extras", json={"shipping_address": SHIP_FROM, "agree_shop_management": True})
    assert given.status_code == 200, given.text
    shipped = seller.post(f"/seller/orders/{order.id}/shipment", json={**SHIP, "pickup": True})
    # then the carrier gets the ship-from address as a disclosure about the seller, and nothing else of the shop
    assert shipped.status_code == 201, shipped.text
    hand_over = logistics_journal()[0]
    assert hand_over["pickup"]["fields"] == {"shop.shipping_address": SHIP_FROM}
    [record] = db_session.scalars(
        select(DisclosureRecord).where(
            DisclosureRecord.subject_id == seller.account_id, DisclosureRecord.recipient == "partner.logistics"
        )
    ).all()
    assert (record.purpose, record.sent) == ("order.fulfilment", {"shop.shipping_address": "full"})


def test_a_drop_off_sends_no_address_of_the_shop(world: World, db_session: Session) -> None:
    # given a shop with a ship-from address on file
    seller, _shop, _buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    seller.patch("/seller/shop/extras", json={"shipping_address": SHIP_FROM, "agree_shop_management": True})
    # when the seller ships without asking for a pickup
    assert seller.post(f"/seller/orders/{order.id}/shipment", json=SHIP).status_code == 201
    # then the carrier receives no address of the shop
    assert logistics_journal()[0]["pickup"] is None
    assert SHIP_FROM not in str(logistics_journal())
