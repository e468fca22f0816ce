"""Registering with a phone number and an SMS code, accepting the notice (P01, P08, P82)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account, SmsCode
from shouyue.engine import get_vault
from shouyue.privacy.consent import ConsentState, NoticeAcceptance
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.accounts.builders import API, AccountsApi, bearer, new_phone


def _accounts(db_session: Session) -> int:
    return db_session.scalar(select(func.count()).select_from(Account)) or 0


def _index(phone: str) -> str:
    return get_vault().blind_index(phone, category="contact.phone")


@pytest.mark.promise("P08", "P01")
def test_register_with_phone_code_and_the_notice_accepted(api: AccountsApi, db_session: Session) -> None:
    # given a visitor who ticked the notice and received a code
    phone = new_phone()
    sent = api.request_code(phone, accept_notice=True)
    assert sent.status_code == 202
    assert sent.json()["masked_phone"] == f"{phone[:3]}****{phone[-4:]}"
    message = api.outbox(phone)[0]
    assert message["text"].startswith("【守约】您的验证码为") and message["code"] in message["text"]
    # when they register with the code and the notice accepted
    response = api.client.post(
        f"{API}/auth/register",
        json={"phone": phone, "code": message["code"], "accept_notice": True, "notice_version": api.notice_version},
    )
    # then the account exists, a session is issued and the acceptance is recorded with version, time, channel
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "logged_in"
    account_id = body["account"]["id"]
    me = api.me(body["session"]["token"])
    assert me.status_code == 200 and me.json()["masked_phone"] == f"{phone[:3]}****{phone[-4:]}"
    acceptance = db_session.scalars(select(NoticeAcceptance).where(NoticeAcceptance.subject_id == account_id)).one()
    assert (acceptance.version, acceptance.channel) == (api.notice_version, "api")
    assert abs(acceptance.at - datetime.now(UTC)) < timedelta(minutes=1)
    # and the SMS went out through the disclosure gateway, to the declared carrier, about this subject
    disclosure = db_session.scalars(select(DisclosureRecord).where(DisclosureRecord.subject_id == account_id)).one()
    assert disclosure.recipient == "partner.sms_carrier"
    assert set(disclosure.sent) == {"contact.phone", "auth.sms_code"}


@pytest.mark.promise("P01")
def test_no_account_without_an_explicit_acceptance(api: AccountsApi, db_session: Session) -> None:
    # given a visitor with a code (ticked to receive it)
    phone = new_phone()
    code = api.send_code(phone)
    before = _accounts(db_session)
    # when they register without ticking the notice (missing, or false)
    missing = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code})
    refused = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code, "accept_notice": False})
    # then nothing is created, the code is not used up, and the message says why
    for response in (missing, refused):
        assert response.status_code == 400
        assert response.json()["detail"] == "请先阅读并勾选同意《隐私声明》"
    assert _accounts(db_session) == before
    ok = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code, "accept_notice": True})
    assert ok.status_code == 201


@pytest.mark.promise("P01")
def test_no_sms_to_a_new_number_before_the_notice_is_accepted(api: AccountsApi, db_session: Session) -> None:
    # given a number that has no account
    phone = new_phone()
    disclosures = db_session.scalar(select(func.count()).select_from(DisclosureRecord))
    # when a code is requested without ticking the notice
    response = api.request_code(phone, accept_notice=False)
    # then nothing is sent, stored or disclosed
    assert response.status_code == 400
    assert "隐私声明" in response.json()["detail"]
    assert api.outbox(phone) == []
    assert db_session.scalars(select(SmsCode).where(SmsCode.phone_index == _index(phone))).all() == []
    assert db_session.scalar(select(func.count()).select_from(DisclosureRecord)) == disclosures


@pytest.mark.promise("P82", "P01")
def test_registration_accepts_the_notice_only_never_bundled_consents(api: AccountsApi, db_session: Session) -> None:
    # given a visitor with a code
    phone = new_phone()
    code = api.send_code(phone)
    # when the client tries to bundle optional consents into the registration
    bundled = api.client.post(
        f"{API}/auth/register",
        json={"phone": phone, "code": code, "accept_notice": True, "consents": ["recommendation.personalised"]},
    )
    # then it is refused, and a plain registration records no consent at all besides the notice
    assert bundled.status_code == 422
    ok = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code, "accept_notice": True})
    assert ok.status_code == 201
    account_id = ok.json()["account"]["id"]
    assert db_session.scalars(select(ConsentState).where(ConsentState.subject_id == account_id)).all() == []


def test_an_outdated_notice_version_is_refused(api: AccountsApi, db_session: Session) -> None:
    phone = new_phone()
    code = api.send_code(phone)
    response = api.client.post(
        f"{API}/auth/register",
        json={"phone": phone, "code": code, "accept_notice": True, "notice_version": "2020-01-01"},
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "《隐私声明》已更新，请阅读最新版本后再同意"
    assert db_session.scalar(select(Account).where(Account.phone_index == _index(phone))) is None


@pytest.mark.parametrize("phone", ["12345", "010-62345678", "+1 650 253 0000", "1380013800x", "1" * 20])
def test_a_malformed_phone_number_is_refused(api: AccountsApi, phone: str) -> None:
    response = api.request_code(phone)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("请输入正确的中国大陆手机号码")


def test_spellings_of_one_number_are_one_number(api: AccountsApi) -> None:
    # given an account registered as 11 digits
    phone, _ = api.register()
    api.relax_limits()
    # when the same number is given with the country code and separators
    response = api.request_code(f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}", accept_notice=False)
    # then it is the registered number (no notice needed for an existing account)
    assert response.status_code == 202


@pytest.mark.promise("P08")
def test_a_second_registration_of_the_same_phone_is_refused(api: AccountsApi, db_session: Session) -> None:
    phone, _ = api.register()
    api.relax_limits()
    code = api.send_code(phone)
    response = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code, "accept_notice": True})
    assert response.status_code == 409
    assert response.json()["detail"] == "该手机号已注册，请直接登录"
    assert len(db_session.scalars(select(Account).where(Account.phone_index == _index(phone))).all()) == 1


@pytest.mark.promise("P08")
def test_codes_are_stored_only_as_keyed_hashes(api: AccountsApi, db_session: Session) -> None:
    # given a code that was sent
    phone = new_phone()
    code = api.send_code(phone)
    # when the raw table is read
    rows = (
        db_session.execute(text("SELECT * FROM account_sms_code WHERE phone_index = :i"), {"i": _index(phone)})
        .mappings()
        .all()
    )
    # then neither the code nor the phone number appears in any column
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0].values())
    assert code not in stored
    assert phone not in stored
    assert len(rows[0]["code_hash"]) == 64


def test_unknown_phone_cannot_log_in(api: AccountsApi) -> None:
    phone = new_phone()
    response = api.request_code(phone, accept_notice=True)
    assert response.status_code == 202
    login = api.client.post(f"{API}/auth/login", json={"phone": phone, "code": api.last_code(phone)})
    assert login.status_code == 404
    assert login.json()["detail"] == "该手机号尚未注册，请先注册"


@pytest.mark.promise("P08")
def test_login_with_phone_and_code(api: AccountsApi) -> None:
    phone, registered = api.register()
    api.relax_limits()
    response = api.login(phone)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "logged_in"
    assert body["account"]["id"] == registered["account"]["id"]
    assert api.me(body["session"]["token"]).status_code == 200
    assert api.client.get(f"{API}/accounts/me", headers=bearer("x" * 43)).status_code == 401
