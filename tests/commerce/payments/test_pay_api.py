"""Paying an order through the payment SDKs (P19, P34, P41): the amount is the server's, the
institution gets order number and amount only, what it answers is stored with its source, and an
order is never paid twice."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.payments.models import Payment
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.payments.builders import payment_journal, shop_with_order
from tests.commerce.support.world import World


def _payments(session: Session, order: Order) -> list[Payment]:
    return list(session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id)))


def _state(session: Session, order: Order) -> str:
    session.expire_all()
    return session.scalars(select(Order.state).where(Order.id == order.id)).one()


@pytest.mark.promise("P19", "P34", "P41")
def test_paying_with_alipay_moves_the_order_on_and_keeps_the_result_with_its_source(
    world: World, db_session: Session
) -> None:
    # given a buyer's order awaiting payment
    _seller, _shop, buyer, order = shop_with_order(world, price_fen=2590)
    # when the buyer pays with Alipay from a device
    response = buyer.client.post(
        f"/api/v1/orders/{order.id}/payments",
        json={"channel": "alipay"},
        headers={**buyer.headers, "X-Device-Id": "IMEI-861234567890123"},
    )
    # then the payment succeeded for the order's amount and the order awaits shipment
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["amount_fen"], body["channel_label"]) == ("succeeded", 2590, "支付宝")
    assert body["source_recipient"] == "sdk.alipay" and body["paid_at"]
    assert _state(db_session, order) == OrderState.AWAITING_SHIPMENT.value
    # the institution received the order number, the amount and a keyed hash of the device, nothing else
    [charge] = [e for e in payment_journal() if e["kind"] == "charge"]
    assert charge["recipient"] == "sdk.alipay" and charge["purpose"] == "payment.settle"
    assert set(charge["fields"]) == {"order.number", "order.amount", "device.identifier"}
    assert charge["fields"]["order.number"] == order.number and charge["fields"]["order.amount"] == "2590"
    assert re.fullmatch(r"[0-9a-f]{64}", charge["fields"]["device.identifier"])
    # the stored record names its source and the institution's reference (P34)
    [payment] = _payments(db_session, order)
    assert (payment.source_recipient, payment.reference) == ("sdk.alipay", charge["reference"])
    record = db_session.get(DisclosureRecord, payment.disclosure_id)
    assert record is not None and record.recipient == "sdk.alipay" and record.subject_id == buyer.account_id
    assert record.sent["device.identifier"] == "keyed_hash"


@pytest.mark.promise("P19")
def test_paying_twice_is_refused_and_charges_once(world: World, db_session: Session) -> None:
    # given an order the buyer has just paid with WeChat Pay
    _seller, _shop, buyer, order = shop_with_order(world)
    assert buyer.post(f"/orders/{order.id}/payments", json={"channel": "wechat_pay"}).status_code == 201
    # when the buyer pays again, with another channel
    again = buyer.post(f"/orders/{order.id}/payments", json={"channel": "unionpay"})
    # then the second payment is refused with a clear message and nothing more is charged
    assert again.status_code == 409
    assert "该订单已支付成功，请勿重复付款" in again.json()["detail"]
    assert [p.status for p in _payments(db_session, order)] == ["succeeded"]
    assert len([e for e in payment_journal() if e["kind"] == "charge"]) == 1


@pytest.mark.promise("P19")
def test_an_amount_in_the_request_is_ignored_the_order_amount_is_charged(world: World, db_session: Session) -> None:
    # given an order of 19.90 元
    _seller, _shop, buyer, order = shop_with_order(world, price_fen=1990)
    # when the request names a price of 0.01 元
    response = buyer.post(f"/orders/{order.id}/payments", json={"channel": "unionpay", "amount_fen": 1})
    # then the institution was asked for the order's own amount
    assert response.status_code == 201, response.text
    assert response.json()["amount_fen"] == 1990
    [charge] = [e for e in payment_journal() if e["kind"] == "charge"]
    assert charge["fields"]["order.amount"] == "1990" and charge["recipient"] == "sdk.unionpay"


def test_another_buyers_order_is_not_found_and_nothing_is_charged(world: World, db_session: Session) -> None:
    # given someone else's order
    _seller, _shop, _buyer, order = shop_with_order(world)
    stranger = world.person()
    # when a stranger tries to pay it
    response = stranger.post(f"/orders/{order.id}/payments", json={"channel": "alipay"})
    # then it does not exist for them, and nothing was charged or disclosed
    assert response.status_code == 404 and response.json()["detail"] == "未找到该订单"
    assert _payments(db_session, order) == [] and payment_journal() == []
    assert _state(db_session, order) == OrderState.AWAITING_PAYMENT.value


def test_a_cancelled_order_cannot_be_paid(world: World, db_session: Session) -> None:
    # given a cancelled order
    _seller, _shop, buyer, order = shop_with_order(world, state=OrderState.CANCELLED)
    # when the buyer tries to pay it
    response = buyer.post(f"/orders/{order.id}/payments", json={"channel": "alipay"})
    # then it is refused, naming the state, and nothing was charged or disclosed
    assert response.status_code == 409
    assert response.json()["detail"] == "订单当前为「已取消」，不能付款"
    assert _payments(db_session, order) == [] and payment_journal() == []
    disclosed = db_session.scalar(
        select(func.count()).select_from(DisclosureRecord).where(DisclosureRecord.purpose == "payment.settle")
    )
    assert disclosed == 0


@pytest.mark.promise("P34")
def test_a_declined_payment_is_recorded_and_the_order_still_awaits_payment(world: World, db_session: Session) -> None:
    # given an order of 14.04 元, an amount the sandbox declines (see providers.payment.sandbox)
    _seller, _shop, buyer, order = shop_with_order(world, price_fen=1404)
    # when the buyer pays
    response = buyer.post(f"/orders/{order.id}/payments", json={"channel": "alipay"})
    # then the refusal is clear, the order still awaits payment, and the failed attempt is kept
    assert response.status_code == 402
    assert response.json()["detail"] == "支付未成功：余额不足。订单仍为待付款，您可以换一种支付方式重试"
    assert _state(db_session, order) == OrderState.AWAITING_PAYMENT.value
    [failed] = _payments(db_session, order)
    assert (failed.status, failed.failure_reason, failed.source_recipient, failed.paid_at) == (
        "failed",
        "余额不足",
        "sdk.alipay",
        None,
    )
    history = buyer.get(f"/orders/{order.id}/payments").json()
    assert [p["status"] for p in history] == ["failed"]


def test_an_unknown_channel_is_refused(world: World, db_session: Session) -> None:
    _seller, _shop, buyer, order = shop_with_order(world)
    response = buyer.post(f"/orders/{order.id}/payments", json={"channel": "paypal"})
    assert response.status_code == 422
    assert _payments(db_session, order) == []


def test_the_database_refuses_a_second_successful_payment_of_one_order(world: World, db_session: Session) -> None:
    # given an order with one successful payment (the lock is bypassed: this checks the backstop)
    _seller, _shop, buyer, order = shop_with_order(world)
    assert buyer.post(f"/orders/{order.id}/payments", json={"channel": "alipay"}).status_code == 201
    [paid] = _payments(db_session, order)
    # when a second successful row is written directly
    twin = Payment(
        order_id=order.id,
        buyer_id=buyer.account_id,
        channel="wechat_pay",
        status="succeeded",
        amount_fen=paid.amount_fen,
        paid_at=paid.paid_at,
        reference="SBX-TWIN",
        failure_reason="",
        source_recipient="sdk.wechat_pay",
        disclosure_id=paid.disclosure_id,
        created_at=paid.created_at,
    )
    db_session.add(twin)
    # then the partial unique index refuses it
    with pytest.raises(IntegrityError):
        db_session.flush()
    db_session.rollback()
