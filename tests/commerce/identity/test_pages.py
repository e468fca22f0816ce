"""The real-name and guardian-consent pages: labelled forms, masked results, Chinese errors (P11, P65)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import SESSION_COOKIE, get_sms
from shouyue.commerce.accounts.sessions import csrf_token_for
from shouyue.commerce.identity.models import RealNameVerification
from tests.commerce.identity.builders import (
    CHILD_PHONE,
    GUARDIAN_PHONE,
    Person,
    RecordingSms,
    id_number_for,
    make_person,
    years_ago,
)
from tests.web.html import read_page

ADULT_ID = id_number_for(date(1990, 3, 7))
CHILD_ID = id_number_for(years_ago(9), sequence="246")


@pytest.fixture
def sms(app: FastAPI) -> Iterator[RecordingSms]:
    recorder = RecordingSms()
    app.dependency_overrides[get_sms] = lambda: recorder
    yield recorder


def _log_in(client: TestClient, person: Person) -> str:
    """Use the person's page session; returns the CSRF token its forms carry."""
    client.cookies.set(SESSION_COOKIE, person.cookie_token)
    return csrf_token_for(person.cookie_token)


def test_the_real_name_page_asks_to_log_in_first(client: TestClient) -> None:
    response = client.get("/identity/real-name", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts/login?next=%2Fidentity%2Freal-name"


@pytest.mark.promise("P11")
def test_the_real_name_form_shows_the_masked_result(client: TestClient, db_session: Session) -> None:
    csrf = _log_in(client, make_person(db_session))
    form = client.get("/identity/real-name")
    assert form.status_code == 200
    assert '<label for="real_name">真实姓名</label>' in form.text
    assert '<label for="id_number">身份证号码</label>' in form.text
    assert "不收集身份证照片" in read_page(form.text).text
    submitted = client.post(
        "/identity/real-name",
        data={"csrf_token": csrf, "real_name": "王小明", "id_number": ADULT_ID},
        follow_redirects=False,
    )
    assert submitted.status_code == 303 and submitted.headers["location"] == "/identity/real-name"
    result = client.get("/identity/real-name")
    text = read_page(result.text).text
    assert "您已完成实名认证" in text and "王**" in text and ADULT_ID[0] + "*" * 16 + ADULT_ID[-1] in text
    assert ADULT_ID not in result.text and "王小明" not in result.text
    assert result.headers["cache-control"] == "no-store"


@pytest.mark.promise("P11")
def test_a_bad_check_digit_is_shown_in_chinese_and_the_number_is_not_echoed(
    client: TestClient, db_session: Session
) -> None:
    csrf = _log_in(client, make_person(db_session))
    bad = ADULT_ID[:-1] + ("0" if ADULT_ID[-1] != "0" else "1")
    response = client.post("/identity/real-name", data={"csrf_token": csrf, "real_name": "王小明", "id_number": bad})
    assert response.status_code == 422
    assert "身份证号码校验位不正确，请核对后重新填写" in read_page(response.text).text
    assert bad not in response.text
    assert db_session.scalar(select(func.count()).select_from(RealNameVerification)) == 0


def test_a_form_without_its_csrf_token_is_refused(client: TestClient, db_session: Session) -> None:
    _log_in(client, make_person(db_session))
    missing = client.post("/identity/real-name", data={"real_name": "王小明", "id_number": ADULT_ID})
    forged = client.post(
        "/identity/real-name", data={"csrf_token": "forged", "real_name": "王小明", "id_number": ADULT_ID}
    )
    assert missing.status_code == 422 and forged.status_code == 403
    assert db_session.scalar(select(func.count()).select_from(RealNameVerification)) == 0


@pytest.mark.promise("P65")
def test_a_child_is_sent_to_the_guardian_page_and_the_guardian_consents_there(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    # given a child logged in on the web
    csrf = _log_in(client, make_person(db_session, phone=CHILD_PHONE))
    # when the child submits an ID number showing an age of 9
    refused = client.post(
        "/identity/real-name", data={"csrf_token": csrf, "real_name": "李小花", "id_number": CHILD_ID}
    )
    # then the page explains that a guardian must agree first, and links to that page
    assert refused.status_code == 403
    text = read_page(refused.text).text
    assert "您未满十四周岁" in text and "我们没有保存您刚才填写的姓名和身份证号码" in text
    assert 'href="/identity/guardian"' in refused.text
    # the guardian page: a labelled phone field, a code is sent to the guardian's phone
    page = client.get("/identity/guardian")
    assert '<label for="guardian_phone">监护人手机号码</label>' in page.text
    assert '<label for="code">监护人收到的验证码</label>' in page.text
    same = client.post(
        "/identity/guardian", data={"csrf_token": csrf, "action": "send_code", "guardian_phone": CHILD_PHONE}
    )
    assert same.status_code == 422 and "不能与您自己的手机号码相同" in read_page(same.text).text
    sent = client.post(
        "/identity/guardian", data={"csrf_token": csrf, "action": "send_code", "guardian_phone": GUARDIAN_PHONE}
    )
    assert sent.status_code == 200 and "验证码已发送至 139****9000" in read_page(sent.text).text
    # a wrong code is refused in Chinese
    right = sms.last_code_to(GUARDIAN_PHONE)
    wrong = client.post(
        "/identity/guardian",
        data={"csrf_token": csrf, "action": "confirm", "code": "000000" if right != "000000" else "111111"},
    )
    assert wrong.status_code == 400 and "验证码不正确" in read_page(wrong.text).text
    # the right code records the consent
    confirmed = client.post(
        "/identity/guardian", data={"csrf_token": csrf, "action": "confirm", "code": right}, follow_redirects=False
    )
    assert confirmed.status_code == 303
    assert "监护人已验证并同意" in read_page(client.get("/identity/guardian").text).text
    # and the real-name verification now goes through
    done = client.post(
        "/identity/real-name",
        data={"csrf_token": csrf, "real_name": "李小花", "id_number": CHILD_ID},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "李**" in read_page(client.get("/identity/real-name").text).text
