"""Binding a bank card (P19): separate consent, Luhn-checked number, the bank's own SMS code,
sealed storage, masked display; kept for next time, replaced or removed; paying with it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.payments.models import BankCard, Payment
from shouyue.privacy.consent import state as consent_state
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.payments.builders import (
    CARD_CMB,
    CARD_ICBC,
    HOLDER_ID,
    HOLDER_NAME,
    RESERVED_PHONE,
    bank_code,
    card_form,
    payment_journal,
    shop_with_order,
)
from tests.commerce.support.world import Person, World


def _cards(session: Session, person: Person) -> list[BankCard]:
    session.expire_all()
    return list(session.scalars(select(BankCard).where(BankCard.account_id == person.account_id)))


def _bind(person: Person, world: World, **overrides: Any) -> dict[str, Any]:
    started = person.post("/cards", json=card_form(notice_version=world.api.notice_version, **overrides))
    assert started.status_code == 202, started.text
    phone = overrides.get("reserved_phone", RESERVED_PHONE)
    confirmed = person.post(f"/cards/{started.json()['card']['id']}/confirm", json={"code": bank_code(phone)})
    assert confirmed.status_code == 200, confirmed.text
    return dict(confirmed.json())


@pytest.mark.promise("P19", "P41")
def test_a_card_is_bound_with_separate_consent_and_the_banks_code_and_shown_masked(
    world: World, db_session: Session
) -> None:
    # given a buyer
    buyer = world.person()
    # when they submit a card, giving the separate consent on the binding form
    started = buyer.post("/cards", json=card_form(notice_version=world.api.notice_version))
    # then the bank sent a code to the reserved phone, and only a mask comes back
    assert started.status_code == 202, started.text
    body = started.json()
    assert body["code_sent_to"] == "136****5432" and body["card"]["status"] == "pending"
    assert CARD_ICBC not in started.text
    consent = consent_state(session=db_session, subject_id=buyer.account_id, purpose="payment.card_binding")
    assert consent is not None and consent.granted
    # the bank received exactly the card details through the gateway
    [request] = [e for e in payment_journal() if e["kind"] == "bind_start"]
    assert request["recipient"] == "partner.payment_institution" and request["purpose"] == "payment.card_binding"
    assert request["fields"] == {
        "finance.bank_card": CARD_ICBC,
        "finance.card_expiry": "12/30",
        "finance.reserved_phone": RESERVED_PHONE,
        "identity.real_name": HOLDER_NAME,
        "identity.id_number": HOLDER_ID,
    }
    # when they type the code the bank sent
    confirmed = buyer.post(f"/cards/{body['card']['id']}/confirm", json={"code": bank_code(RESERVED_PHONE)})
    # then the card is bound, named by its bank, shown masked and kept for next time
    assert confirmed.status_code == 200, confirmed.text
    listed = buyer.get("/cards")
    [card] = listed.json()
    assert (card["status"], card["bank_name"]) == ("active", "中国工商银行")
    assert card["card_number"].endswith("3446") and "*" in card["card_number"]
    assert CARD_ICBC not in listed.text and RESERVED_PHONE not in listed.text
    # and the stored row holds the card sealed, not in the clear; name and ID number are not kept
    raw = db_session.execute(text("SELECT * FROM bank_card WHERE account_id = :a"), {"a": buyer.account_id}).one()
    stored = " ".join(str(v) for v in raw)
    assert CARD_ICBC not in stored and RESERVED_PHONE not in stored and "12/30" not in stored
    assert HOLDER_ID not in stored and HOLDER_NAME not in stored


@pytest.mark.promise("P19")
def test_without_the_separate_consent_nothing_is_bound_or_shared(world: World, db_session: Session) -> None:
    # given a buyer who has not consented to card binding
    buyer = world.person()
    # when they submit a card without ticking the separate consent
    response = buyer.post("/cards", json=card_form(separate_consent=False))
    # then it is refused, explaining the alternative, and nothing was stored or shared
    assert response.status_code == 403
    assert "单独同意" in response.json()["detail"] and "支付宝" in response.json()["detail"]
    assert _cards(db_session, buyer) == [] and payment_journal() == []
    shared = db_session.scalar(
        select(func.count())
        .select_from(DisclosureRecord)
        .where(DisclosureRecord.subject_id == buyer.account_id, DisclosureRecord.purpose == "payment.card_binding")
    )
    assert shared == 0


@pytest.mark.promise("P19")
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"card_number": CARD_ICBC[:-1] + "7"}, "银行卡号校验不通过，请核对后重新填写"),
        ({"card_number": "1234"}, "银行卡号应为16到19位数字"),
        ({"expiry": "01/20"}, "该银行卡已过有效期，请使用其他银行卡"),
        ({"expiry": "13/30"}, "有效期的月份应在01到12之间"),
        ({"expiry": "2030-12"}, "有效期请按“月/年”填写，例如 08/29"),
        ({"id_number": HOLDER_ID[:-1] + "4"}, "身份证号码校验位不正确，请核对后重新填写"),
        ({"reserved_phone": "12345"}, "请填写正确的银行预留手机号码（11位中国大陆手机号码）"),
    ],
)
def test_a_bad_card_is_refused_clearly_and_nothing_is_kept(
    world: World, db_session: Session, overrides: dict[str, str], message: str
) -> None:
    # given a buyer
    buyer = world.person()
    # when the card details are wrong
    response = buyer.post("/cards", json=card_form(notice_version=world.api.notice_version, **overrides))
    # then the refusal says what is wrong, echoes nothing, and nothing was stored, consented or shared
    assert response.status_code == 422
    assert response.json()["detail"] == message
    assert _cards(db_session, buyer) == [] and payment_journal() == []
    assert consent_state(session=db_session, subject_id=buyer.account_id, purpose="payment.card_binding") is None


@pytest.mark.promise("P19")
def test_a_wrong_sms_code_is_counted_and_the_right_one_still_binds(world: World, db_session: Session) -> None:
    # given a card waiting for the bank's code
    buyer = world.person()
    started = buyer.post("/cards", json=card_form(notice_version=world.api.notice_version)).json()
    card_id = started["card"]["id"]
    right = bank_code(RESERVED_PHONE)
    wrong = "000000" if right != "000000" else "111111"
    # when the buyer types a wrong code
    refused = buyer.post(f"/cards/{card_id}/confirm", json={"code": wrong})
    # then it is refused with the tries left, and the card is still pending
    assert refused.status_code == 400
    assert refused.json()["detail"] == "验证码不正确，还可以再试4次"
    [card] = _cards(db_session, buyer)
    assert (card.status, card.failed_attempts) == ("pending", 1)
    assert buyer.get("/cards").json() == []
    # and the right code still binds it
    assert buyer.post(f"/cards/{card_id}/confirm", json={"code": right}).status_code == 200
    assert [c["status"] for c in buyer.get("/cards").json()] == ["active"]


def test_five_wrong_codes_end_the_binding_and_drop_the_card(world: World, db_session: Session) -> None:
    buyer = world.person()
    card_id = buyer.post("/cards", json=card_form(notice_version=world.api.notice_version)).json()["card"]["id"]
    wrong = "000000" if bank_code(RESERVED_PHONE) != "000000" else "111111"
    answers = [buyer.post(f"/cards/{card_id}/confirm", json={"code": wrong}) for _ in range(5)]
    assert answers[-1].json()["detail"] == "验证码错误次数过多，本次绑卡已取消，请重新提交银行卡信息"
    assert _cards(db_session, buyer) == []


@pytest.mark.promise("P19")
def test_a_card_can_be_replaced_and_removed(world: World, db_session: Session) -> None:
    # given a bound card
    buyer = world.person()
    first = _bind(buyer, world)
    # when the buyer binds another card in its place
    second = _bind(buyer, world, card_number=CARD_CMB, replaces_card_id=first["id"])
    # then only the new card remains
    assert [c["id"] for c in buyer.get("/cards").json()] == [second["id"]]
    assert second["bank_name"] == "招商银行"
    # when the buyer removes it
    assert buyer.delete(f"/cards/{second['id']}").status_code == 204
    # then no card is kept
    assert buyer.get("/cards").json() == [] and _cards(db_session, buyer) == []


def test_binding_the_same_card_twice_is_refused(world: World, db_session: Session) -> None:
    buyer = world.person()
    _bind(buyer, world)
    again = buyer.post("/cards", json=card_form(notice_version=world.api.notice_version))
    assert again.status_code == 409 and again.json()["detail"] == "该银行卡已绑定，无需重复绑定"


def test_another_persons_card_is_not_found(world: World, db_session: Session) -> None:
    owner, stranger = world.person(), world.person()
    card = _bind(owner, world)
    assert stranger.delete(f"/cards/{card['id']}").status_code == 404
    assert stranger.post(f"/cards/{card['id']}/confirm", json={"code": "123456"}).status_code == 404
    assert [c["id"] for c in owner.get("/cards").json()] == [card["id"]]


@pytest.mark.promise("P19", "P34", "P41")
def test_paying_with_a_bound_card_sends_the_bank_order_number_and_amount_only(
    world: World, db_session: Session
) -> None:
    # given a buyer with a bound card and an order
    _seller, _shop, buyer, order = shop_with_order(world, price_fen=3300)
    card = _bind(buyer, world)
    # when they pay with the card
    response = buyer.post(f"/orders/{order.id}/payments", json={"channel": "bank_card", "card_id": card["id"]})
    # then the bank took the payment, and received the order number and amount, not the card
    assert response.status_code == 201, response.text
    assert response.json()["source_recipient"] == "partner.payment_institution"
    [charge] = [e for e in payment_journal() if e["kind"] == "charge"]
    assert charge["recipient"] == "partner.payment_institution"
    assert set(charge["fields"]) == {"order.number", "order.amount"}
    [payment] = db_session.scalars(select(Payment).where(Payment.order_id == order.id)).all()
    assert payment.card_id == card["id"] and payment.status == "succeeded"


def test_a_bank_card_payment_needs_one_of_the_buyers_cards(world: World, db_session: Session) -> None:
    _seller, _shop, buyer, order = shop_with_order(world)
    other = world.person()
    others_card = _bind(other, world)
    missing = buyer.post(f"/orders/{order.id}/payments", json={"channel": "bank_card"})
    foreign = buyer.post(f"/orders/{order.id}/payments", json={"channel": "bank_card", "card_id": others_card["id"]})
    assert missing.status_code == 422 and "请选择一张已绑定的银行卡" in missing.json()["detail"]
    assert foreign.status_code == 404 and foreign.json()["detail"] == "未找到该银行卡"
    assert db_session.scalars(select(Payment).where(Payment.order_id == order.id)).all() == []
