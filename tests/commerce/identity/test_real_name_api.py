"""Real-name verification through the API (P11): name and ID number validated, sealed, shown
masked, one ID number per account; bad input refused in Chinese with nothing stored."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.identity.id_numbers import check_character
from shouyue.commerce.identity.models import MinorRecord, RealNameVerification
from shouyue.privacy.audit import AuditEntry
from tests.commerce.identity.builders import id_number_for, make_person

ADULT_ID = id_number_for(date(1990, 3, 7))
URL = "/api/v1/identity/real-name"


def _stored(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RealNameVerification)) or 0


@pytest.mark.promise("P11")
def test_a_verification_is_sealed_and_shown_masked(client: TestClient, db_session: Session) -> None:
    # given a logged-in adult
    person = make_person(db_session)
    # when they submit their name and ID number
    response = client.post(URL, json={"real_name": "王小明", "id_number": ADULT_ID}, headers=person.headers)
    # then the answer carries masks only
    assert response.status_code == 201, response.text
    assert response.json()["real_name"] == "王**"
    assert response.json()["id_number"] == ADULT_ID[0] + "*" * 16 + ADULT_ID[-1]
    assert "王小明" not in response.text and ADULT_ID not in response.text
    # and reading it back shows the same masks
    read = client.get(URL, headers=person.headers).json()
    assert read["verified"] is True and read["real_name"] == "王**" and ADULT_ID not in str(read)
    # and the stored row holds neither value in the clear
    raw = db_session.execute(text("SELECT real_name, id_number FROM identity_real_name")).one()
    assert "王小明" not in raw[0] and ADULT_ID not in raw[1]
    assert raw[0].startswith("sy1:") and raw[1].startswith("sy1:")
    # and the verification is audited by category, without the values
    entry = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "identity.real_name_verified")).one()
    assert entry.subject_id == person.id and entry.categories == ["identity.real_name", "identity.id_number"]
    # and an adult gets no under-14 record
    assert db_session.get(MinorRecord, person.id) is None


@pytest.mark.promise("P11")
@pytest.mark.parametrize(
    ("id_number", "reason"),
    [
        (ADULT_ID[:-1] + ("0" if ADULT_ID[-1] != "0" else "1"), "身份证号码校验位不正确，请核对后重新填写"),
        ("110101900307123", "暂不支持15位旧版身份证号码，请填写18位身份证号码"),
        ("11010119900307", "身份证号码应为18位：前17位为数字，最后一位为数字或字母X"),
    ],
)
def test_a_bad_id_number_is_refused_and_nothing_is_stored(
    client: TestClient, db_session: Session, id_number: str, reason: str
) -> None:
    person = make_person(db_session)
    response = client.post(URL, json={"real_name": "王小明", "id_number": id_number}, headers=person.headers)
    assert response.status_code == 422
    assert response.json()["detail"] == reason
    assert _stored(db_session) == 0
    assert client.get(URL, headers=person.headers).json()["verified"] is False


@pytest.mark.promise("P11")
def test_an_impossible_birth_date_like_19990230_is_refused(client: TestClient, db_session: Session) -> None:
    first17 = "11010119990230123"
    number = first17 + check_character(first17)  # the check character is right; the date is not
    person = make_person(db_session)
    response = client.post(URL, json={"real_name": "王小明", "id_number": number}, headers=person.headers)
    assert response.status_code == 422
    assert "出生日期不存在" in response.json()["detail"]
    assert _stored(db_session) == 0


@pytest.mark.promise("P11")
def test_a_bad_name_is_refused(client: TestClient, db_session: Session) -> None:
    person = make_person(db_session)
    response = client.post(URL, json={"real_name": "Wang Xiaoming", "id_number": ADULT_ID}, headers=person.headers)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("真实姓名须为中文汉字")
    assert _stored(db_session) == 0


@pytest.mark.promise("P11")
def test_id_photos_are_not_collected_here(client: TestClient, db_session: Session) -> None:
    person = make_person(db_session)
    response = client.post(
        URL,
        json={"real_name": "王小明", "id_number": ADULT_ID, "id_photo_front": "data:image/jpeg;base64,AAAA"},
        headers=person.headers,
    )
    assert response.status_code == 422
    assert "不收集身份证照片" in response.json()["detail"]
    assert _stored(db_session) == 0


@pytest.mark.promise("P11")
def test_the_same_id_number_cannot_verify_two_accounts(client: TestClient, db_session: Session) -> None:
    first = make_person(db_session, phone="13800138001")
    second = make_person(db_session, phone="13800138002")
    assert (
        client.post(URL, json={"real_name": "王小明", "id_number": ADULT_ID}, headers=first.headers).status_code == 201
    )
    # the same number typed differently (lower-case x, spaces) is still the same number
    again = client.post(URL, json={"real_name": "王小明", "id_number": f" {ADULT_ID} "}, headers=second.headers)
    assert again.status_code == 409
    assert again.json()["detail"] == "该身份证号码已用于其他账户的实名认证"
    assert _stored(db_session) == 1


def test_an_account_verifies_once(client: TestClient, db_session: Session) -> None:
    person = make_person(db_session)
    client.post(URL, json={"real_name": "王小明", "id_number": ADULT_ID}, headers=person.headers)
    other = id_number_for(date(1991, 4, 8))
    again = client.post(URL, json={"real_name": "王大明", "id_number": other}, headers=person.headers)
    assert again.status_code == 409 and again.json()["detail"] == "您已完成实名认证；如需更正，请联系客服"


def test_real_name_needs_a_logged_in_account(client: TestClient) -> None:
    response = client.post(URL, json={"real_name": "王小明", "id_number": ADULT_ID})
    assert response.status_code == 401
