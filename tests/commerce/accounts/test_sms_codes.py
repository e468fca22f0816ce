"""SMS codes through the API: expiry, single use, wrong tries, lock, rate limits (P08)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import get_now
from shouyue.commerce.accounts.models import Account, SmsCode
from shouyue.commerce.accounts.ratelimit import PER_PHONE, RateLimits
from shouyue.engine import get_vault
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.accounts.builders import API, AccountsApi, new_phone


def _register(api: AccountsApi, phone: str, code: str) -> tuple[int, str]:
    response = api.client.post(f"{API}/auth/register", json={"phone": phone, "code": code, "accept_notice": True})
    return response.status_code, response.json().get("detail", "")


def _index(phone: str) -> str:
    return get_vault().blind_index(phone, category="contact.phone")


def _other(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.mark.promise("P08")
def test_a_code_expires_after_five_minutes(api: AccountsApi) -> None:
    # given a code sent now
    phone = new_phone()
    code = api.send_code(phone)
    # when it is used six minutes later
    api.app.dependency_overrides[get_now] = lambda: datetime.now(UTC) + timedelta(minutes=6)
    status, detail = _register(api, phone, code)
    # then it is refused as expired
    assert (status, detail) == (400, "验证码已过期（有效期5分钟），请重新获取")


@pytest.mark.promise("P08")
def test_a_code_works_once(api: AccountsApi) -> None:
    # given an account registered with a code
    phone = new_phone()
    code = api.send_code(phone)
    assert _register(api, phone, code)[0] == 201
    # when the same code is used again to log in
    response = api.client.post(f"{API}/auth/login", json={"phone": phone, "code": code})
    # then it is refused as used
    assert response.status_code == 400
    assert response.json()["detail"] == "该验证码已使用过，请重新获取"


@pytest.mark.promise("P08")
def test_five_wrong_tries_lock_the_code(api: AccountsApi) -> None:
    # given a code
    phone = new_phone()
    code = api.send_code(phone)
    # when a wrong code is entered four times, then a fifth
    for _ in range(4):
        assert _register(api, phone, _other(code)) == (400, "验证码不正确，请重新输入（连续输错5次后该验证码将失效）")
    fifth = _register(api, phone, _other(code))
    # then the fifth locks it, and even the right code no longer works
    assert fifth == (400, "验证码输错次数过多，已失效，请重新获取")
    assert _register(api, phone, code) == (400, "验证码输错次数过多，已失效，请重新获取")


@pytest.mark.promise("P08")
def test_wrong_tries_are_counted_across_requests_but_the_right_code_still_works(api: AccountsApi) -> None:
    phone = new_phone()
    code = api.send_code(phone)
    for _ in range(4):
        assert _register(api, phone, _other(code))[0] == 400
    assert _register(api, phone, code)[0] == 201


def test_a_code_that_is_not_six_digits_is_refused_without_counting(api: AccountsApi) -> None:
    phone = new_phone()
    code = api.send_code(phone)
    for _ in range(6):
        assert _register(api, phone, "12ab") == (422, "验证码为6位数字")
    assert _register(api, phone, code)[0] == 201


def test_a_code_for_a_phone_that_asked_for_none(api: AccountsApi) -> None:
    assert _register(api, new_phone(), "123456") == (400, "请先获取短信验证码")


def test_a_new_code_retires_the_old_one(api: AccountsApi) -> None:
    api.relax_limits()
    phone = new_phone()
    first = api.send_code(phone)
    second = api.send_code(phone)
    if first != second:
        assert _register(api, phone, first)[0] == 400
    assert _register(api, phone, second)[0] == 201


@pytest.mark.promise("P08")
def test_one_code_a_minute_per_phone(api: AccountsApi) -> None:
    # given a code just sent
    phone = new_phone()
    api.send_code(phone)
    # when another is asked for at once
    response = api.request_code(phone)
    # then it is refused, and nothing more was sent
    assert response.status_code == 429
    assert response.json()["detail"] == "获取验证码过于频繁，请1分钟后再试"
    assert len(api.outbox(phone)) == 1


@pytest.mark.promise("P08")
def test_ten_codes_a_day_per_phone(api: AccountsApi) -> None:
    # given the daily limit of the default rule (the minute limit lifted, as if a minute passed each time)
    assert PER_PHONE == "1/minute;10/day"
    api.relax_limits(per_phone="1000/minute;10/day")
    phone = new_phone()
    for _ in range(10):
        assert api.request_code(phone).status_code == 202
    # when an eleventh is asked for the same day
    response = api.request_code(phone)
    # then it is refused
    assert response.status_code == 429
    assert response.json()["detail"] == "该手机号今日获取验证码的次数已达上限（10次），请明天再试"


@pytest.mark.promise("P08")
def test_codes_are_limited_per_ip_address(api: AccountsApi) -> None:
    # given a limit of three codes a minute from one address
    limits = RateLimits(send_per_ip="3/minute")
    from shouyue.commerce.accounts.dependencies import get_rate_limits

    api.app.dependency_overrides[get_rate_limits] = lambda: limits
    here = {"X-Sandbox-Client-IP": "203.0.113.7"}
    for _ in range(3):
        assert api.request_code(new_phone(), headers=here).status_code == 202
    # when a fourth phone is asked for from the same address, and one from another address
    blocked = api.request_code(new_phone(), headers=here)
    elsewhere = api.request_code(new_phone(), headers={"X-Sandbox-Client-IP": "198.51.100.9"})
    # then only the same address is refused
    assert blocked.status_code == 429
    assert blocked.json()["detail"] == "当前网络的请求过于频繁，请稍后再试"
    assert elsewhere.status_code == 202


def test_verification_tries_are_limited_per_ip_address(api: AccountsApi) -> None:
    from shouyue.commerce.accounts.dependencies import get_rate_limits

    limits = RateLimits(verify_per_ip="2/minute")
    api.app.dependency_overrides[get_rate_limits] = lambda: limits
    phone = new_phone()
    code = api.send_code(phone)
    assert _register(api, phone, _other(code))[0] == 400
    assert _register(api, phone, _other(code))[0] == 400
    assert _register(api, phone, code) == (429, "当前网络的请求过于频繁，请稍后再试")


def test_codes_for_a_new_number_name_the_subject_the_account_becomes(api: AccountsApi, db_session: Session) -> None:
    # given two codes sent to a number before it registers
    api.relax_limits()
    phone = new_phone()
    api.send_code(phone)
    code = api.send_code(phone)
    # when it registers
    status, _ = _register(api, phone, code)
    assert status == 201
    # then both disclosures to the SMS carrier name the subject the account became
    account = db_session.scalars(select(Account).where(Account.phone_index == _index(phone))).one()
    rows = db_session.scalars(select(SmsCode.subject_id).where(SmsCode.phone_index == _index(phone))).all()
    assert set(rows) == {account.id}
    assert len(db_session.scalars(select(DisclosureRecord).where(DisclosureRecord.subject_id == account.id)).all()) == 2
