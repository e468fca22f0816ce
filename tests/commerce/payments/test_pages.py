"""The pay page and the bank-card page: CSRF-protected forms, the separate consent on its own,
masked cards, clear Chinese refusals (P19, P34)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order
from shouyue.commerce.payments.models import BankCard, Payment
from tests.commerce.payments.builders import (
    CARD_ICBC,
    HOLDER_ID,
    RESERVED_PHONE,
    bank_code,
    payment_journal,
    shop_with_order,
    sign_in_pages,
)
from tests.commerce.support.world import World
from tests.web.html import read_page


def _state(session: Session, order: Order) -> str:
    session.expire_all()
    return session.scalars(select(Order.state).where(Order.id == order.id)).one()


def test_the_pay_page_asks_to_log_in_first(client: TestClient) -> None:
    response = client.get("/orders/7/pay", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts/login?next=%2Forders%2F7%2Fpay"


@pytest.mark.promise("P19", "P34")
def test_a_buyer_pays_on_the_page_and_sees_the_institutions_record(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a buyer signed in on the web with an order awaiting payment
    _seller, _shop, buyer, order = shop_with_order(world, price_fen=4990)
    csrf = sign_in_pages(client, db_session, buyer)
    # when they open the pay page
    page = client.get(f"/orders/{order.id}/pay")
    # then it shows the amount and the three channels of the notice
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "¥49.90" in text and "支付宝" in text and "微信支付" in text and "银联云闪付" in text
    assert "仅将订单号和订单金额提供给您选择的支付机构" in text
    # when they pay with WeChat Pay
    paid = client.post(
        f"/orders/{order.id}/pay", data={"csrf_token": csrf, "channel": "wechat_pay"}, follow_redirects=False
    )
    # then the order awaits shipment and the page shows the payment record
    assert paid.status_code == 303 and paid.headers["location"] == f"/orders/{order.id}/pay"
    assert _state(db_session, order) == "awaiting_shipment"
    after = read_page(client.get(f"/orders/{order.id}/pay").text)
    assert "该订单已支付，无需再次付款" in after.text
    [row] = after.table("table-payments").rows
    assert row[1:4] == ["微信支付", "¥49.90", "支付成功"]
    # and paying again on the page is refused clearly
    again = client.post(f"/orders/{order.id}/pay", data={"csrf_token": csrf, "channel": "alipay"})
    assert again.status_code == 409
    assert "该订单已支付成功，请勿重复付款" in read_page(again.text).text
    assert len(db_session.scalars(select(Payment).where(Payment.order_id == order.id)).all()) == 1


def test_a_pay_form_without_its_csrf_token_is_refused(world: World, client: TestClient, db_session: Session) -> None:
    _seller, _shop, buyer, order = shop_with_order(world)
    sign_in_pages(client, db_session, buyer)
    missing = client.post(f"/orders/{order.id}/pay", data={"channel": "alipay"})
    forged = client.post(f"/orders/{order.id}/pay", data={"csrf_token": "forged", "channel": "alipay"})
    assert missing.status_code == 422 and forged.status_code == 403
    assert _state(db_session, order) == "awaiting_payment" and payment_journal() == []


def test_another_buyers_pay_page_is_not_found(world: World, client: TestClient, db_session: Session) -> None:
    _seller, _shop, _buyer, order = shop_with_order(world)
    sign_in_pages(client, db_session, world.person())
    assert client.get(f"/orders/{order.id}/pay").status_code == 404


@pytest.mark.promise("P19")
def test_a_card_is_bound_on_the_page_with_its_own_separate_consent(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a buyer signed in on the web
    buyer = world.person()
    csrf = sign_in_pages(client, db_session, buyer)
    # when they open the card page
    page = client.get("/cards")
    # then the form asks for the separate consent on its own, saying who receives what
    assert page.status_code == 200
    assert "<legend>单独同意：绑定银行卡</legend>" in page.text
    assert '<input id="separate_consent" name="separate_consent" type="checkbox" value="true">' in page.text
    assert "提供给您所选的银行" in read_page(page.text).text
    form = {
        "csrf_token": csrf,
        "card_number": CARD_ICBC,
        "expiry": "12/30",
        "holder_name": "王小明",
        "id_number": HOLDER_ID,
        "reserved_phone": RESERVED_PHONE,
        "notice_version": world.api.notice_version,
    }
    # when they submit without ticking it, it is refused and nothing is kept
    refused = client.post("/cards", data=form)
    assert refused.status_code == 403 and "单独同意" in read_page(refused.text).text
    assert CARD_ICBC not in refused.text
    # when they tick it, the bank sends its code and the page asks for it
    started = client.post("/cards", data={**form, "separate_consent": "true"})
    assert started.status_code == 200
    assert "银行已向预留手机 136****5432 发送验证码" in read_page(started.text).text
    [card] = db_session.scalars(select(BankCard).where(BankCard.account_id == buyer.account_id)).all()
    confirmed = client.post(
        f"/cards/{card.id}/confirm",
        data={"csrf_token": csrf, "code": bank_code(RESERVED_PHONE)},
        follow_redirects=False,
    )
    # then the card is listed masked, with replace and remove
    assert confirmed.status_code == 303
    listed = client.get(confirmed.headers["location"])
    rows = read_page(listed.text).table("table-cards").rows
    assert rows[0][0] == "中国工商银行" and rows[0][1].endswith("3446") and "*" in rows[0][1]
    assert CARD_ICBC not in listed.text and RESERVED_PHONE not in listed.text
    assert f'href="/cards?replace={card.id}"' in listed.text
    # and removing it leaves none
    removed = client.post(f"/cards/{card.id}/remove", data={"csrf_token": csrf}, follow_redirects=False)
    assert removed.status_code == 303
    assert "您还没有绑定银行卡" in read_page(client.get("/cards").text).text


def test_a_bad_card_number_on_the_page_is_explained_and_not_echoed(
    world: World, client: TestClient, db_session: Session
) -> None:
    buyer = world.person()
    csrf = sign_in_pages(client, db_session, buyer)
    bad = CARD_ICBC[:-1] + "7"
    response = client.post(
        "/cards",
        data={
            "csrf_token": csrf,
            "card_number": bad,
            "expiry": "12/30",
            "holder_name": "王小明",
            "id_number": HOLDER_ID,
            "reserved_phone": RESERVED_PHONE,
            "separate_consent": "true",
            "notice_version": world.api.notice_version,
        },
    )
    assert response.status_code == 422
    assert "银行卡号校验不通过，请核对后重新填写" in read_page(response.text).text
    assert bad not in response.text and HOLDER_ID not in response.text
    assert db_session.scalars(select(BankCard).where(BankCard.account_id == buyer.account_id)).all() == []
