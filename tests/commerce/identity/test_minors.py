"""Children under 14: no account use without a guardian's consent verified through the
guardian's own phone (P65); no marketing or personalisation (P66); PI collected without
verifiable guardian consent deleted once its deadline passes (P67)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import get_sms
from shouyue.commerce.identity import service
from shouyue.commerce.identity.exceptions import ChildProtectionRefused
from shouyue.commerce.identity.models import GuardianChallenge, MinorRecord, RealNameVerification
from shouyue.commerce.staff.dependencies import get_now
from shouyue.engine import get_datamap
from shouyue.privacy import consent
from shouyue.privacy.audit import AuditEntry
from shouyue.privacy.consent import Channel, GuardianConsent
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.accounts.builders import publish_notice
from tests.commerce.identity.builders import (
    CHILD_PHONE,
    GUARDIAN_PHONE,
    Person,
    RecordingSms,
    id_number_for,
    make_person,
    years_ago,
)

API = "/api/v1/identity"
CHILD_ID = id_number_for(years_ago(10), sequence="456")


@pytest.fixture
def sms(app: FastAPI) -> Iterator[RecordingSms]:
    recorder = RecordingSms()
    app.dependency_overrides[get_sms] = lambda: recorder
    yield recorder


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _child_found(client: TestClient, child: Person) -> None:
    """The child submits their ID number: refused, and the account is now known to be a child's."""
    response = client.post(
        f"{API}/real-name", json={"real_name": "李小花", "id_number": CHILD_ID}, headers=child.headers
    )
    assert response.status_code == 403, response.text


def _guardian_consents(client: TestClient, child: Person, sms: RecordingSms) -> None:
    sent = client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    assert sent.status_code == 202, sent.text
    code = sms.last_code_to(GUARDIAN_PHONE)
    confirmed = client.post(f"{API}/guardian/confirm", json={"code": code}, headers=child.headers)
    assert confirmed.status_code == 200, confirmed.text


# --- P65 ------------------------------------------------------------------------------------------


@pytest.mark.promise("P65")
def test_an_under_14_is_refused_until_a_guardian_consents_and_nothing_of_the_id_is_kept(
    client: TestClient, db_session: Session
) -> None:
    # given a child's account
    child = make_person(db_session, phone=CHILD_PHONE)
    # when the child submits a real name with an ID number showing an age of 10
    response = client.post(
        f"{API}/real-name", json={"real_name": "李小花", "id_number": CHILD_ID}, headers=child.headers
    )
    # then it is refused in Chinese ...
    assert response.status_code == 403
    assert response.json()["detail"] == "未满十四周岁的用户需经监护人同意后才能使用此功能，请先完成监护人验证"
    # ... the name and ID number were not kept ...
    assert _count(db_session, RealNameVerification) == 0
    # ... but the account is now known to be a child's: a sealed flag and a deadline
    flag = db_session.execute(text("SELECT age_flag FROM identity_minor")).scalar_one()
    assert flag.startswith("sy1:") and "under14" not in flag
    status = client.get(API, headers=child.headers).json()
    assert status["minor"]["is_child"] is True and status["minor"]["guardian"] == "pending"
    assert status["minor"]["can_transact"] is False and status["minor"]["guardian_deadline"] is not None
    # and the account cannot transact
    check = client.get(f"{API}/transact-check", headers=child.headers)
    assert check.status_code == 403 and "监护人同意" in check.json()["detail"]


@pytest.mark.promise("P65")
def test_the_guardian_consents_through_their_own_phone(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    # given a child's account awaiting a guardian
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    # when a code is asked for the guardian's phone
    sent = client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    # then it goes to that phone, through the disclosure gateway to the SMS carrier
    assert sent.status_code == 202, sent.text
    assert sent.json()["masked_phone"] == "139****9000"
    [disclosure] = sms.sent
    assert disclosure.recipient == "partner.sms_carrier" and disclosure.purpose == "account.sms_verification"
    assert disclosure["contact.phone"] == GUARDIAN_PHONE
    record = db_session.get(DisclosureRecord, disclosure.id)
    assert record is not None and record.subject_id == child.id
    # and the guardian's phone is stored sealed only
    raw = db_session.execute(text("SELECT guardian_phone, code_hash FROM identity_guardian_challenge")).one()
    assert GUARDIAN_PHONE not in raw[0] and disclosure["auth.sms_code"] not in raw[1]
    # when the code is entered
    confirmed = client.post(
        f"{API}/guardian/confirm", json={"code": sms.last_code_to(GUARDIAN_PHONE)}, headers=child.headers
    )
    # then the guardian's consent is recorded, naming the guardian by a keyed hash, not the phone
    assert confirmed.status_code == 200
    assert confirmed.json() == {
        "is_child": True,
        "guardian": "verified",
        "guardian_deadline": None,
        "can_transact": True,
    }
    [given] = db_session.scalars(select(GuardianConsent).where(GuardianConsent.subject_id == child.id)).all()
    assert GUARDIAN_PHONE not in given.guardian_ref and len(given.guardian_ref) == 64
    # and the child can now transact and complete the real-name verification
    assert client.get(f"{API}/transact-check", headers=child.headers).status_code == 204
    verified = client.post(
        f"{API}/real-name", json={"real_name": "李小花", "id_number": CHILD_ID}, headers=child.headers
    )
    assert verified.status_code == 201 and verified.json()["real_name"] == "李**"


@pytest.mark.promise("P65")
def test_the_guardian_phone_must_not_be_the_childs(client: TestClient, db_session: Session, sms: RecordingSms) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    response = client.post(f"{API}/guardian/code", json={"guardian_phone": "+86 138-0013-8000"}, headers=child.headers)
    assert response.status_code == 422
    assert response.json()["detail"] == "请填写监护人本人的手机号码，不能与您自己的手机号码相同"
    assert sms.sent == [] and _count(db_session, GuardianChallenge) == 0


@pytest.mark.promise("P65")
def test_an_invalid_guardian_phone_is_refused(client: TestClient, db_session: Session, sms: RecordingSms) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    response = client.post(f"{API}/guardian/code", json={"guardian_phone": "12345"}, headers=child.headers)
    assert response.status_code == 422 and response.json()["detail"] == "请填写正确的11位中国大陆手机号码"
    assert sms.sent == []


@pytest.mark.promise("P65")
def test_a_wrong_guardian_code_is_refused_and_counted(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    right = sms.last_code_to(GUARDIAN_PHONE)
    wrong = "000000" if right != "000000" else "111111"
    first = client.post(f"{API}/guardian/confirm", json={"code": wrong}, headers=child.headers)
    second = client.post(f"{API}/guardian/confirm", json={"code": wrong}, headers=child.headers)
    assert first.status_code == second.status_code == 400
    assert first.json()["detail"] == "验证码不正确，还可以再试4次"
    assert second.json()["detail"] == "验证码不正确，还可以再试3次"
    assert db_session.scalar(select(func.count()).select_from(GuardianConsent)) == 0
    assert client.get(f"{API}/transact-check", headers=child.headers).status_code == 403
    # after the fifth wrong try the code is spent, even the right one
    for _ in range(3):
        client.post(f"{API}/guardian/confirm", json={"code": wrong}, headers=child.headers)
    spent = client.post(f"{API}/guardian/confirm", json={"code": right}, headers=child.headers)
    assert spent.status_code == 400 and spent.json()["detail"] == "验证码已失效，请重新获取"


def test_codes_cannot_be_requested_again_within_a_minute(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    again = client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    assert again.status_code == 429 and "秒后再试" in again.json()["detail"]
    assert len(sms.sent) == 1


def test_an_adult_needs_no_guardian(client: TestClient, db_session: Session, sms: RecordingSms) -> None:
    adult = make_person(db_session)
    adult_id = id_number_for(years_ago(14), sequence="789")  # 14 today: no longer under 14
    assert (
        client.post(f"{API}/real-name", json={"real_name": "赵大勇", "id_number": adult_id}, headers=adult.headers)
    ).status_code == 201
    response = client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=adult.headers)
    assert response.status_code == 409 and response.json()["detail"] == "您的账户无需监护人同意"
    assert client.get(f"{API}/transact-check", headers=adult.headers).status_code == 204


# --- P66 ------------------------------------------------------------------------------------------


@pytest.mark.promise("P66")
def test_a_child_gets_no_marketing_or_personalisation_even_with_a_guardian(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    _guardian_consents(client, child, sms)
    status = client.get(API, headers=child.headers).json()
    assert status["minor"]["can_transact"] is True
    assert status["may_personalise"] is False and status["may_market"] is False


@pytest.mark.promise("P66")
def test_consents_to_marketing_or_personalisation_are_refused_for_a_child(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    # given a notice in force and a child's account
    version = publish_notice(db_session)
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    today = service.china_today(datetime.now(UTC))
    # when account code asks to record a marketing or personalisation consent, it is refused
    for purpose in ("marketing.push", "marketing.sms", "recommendation.personalised"):
        with pytest.raises(ChildProtectionRefused):
            service.grant_consent(
                session=db_session,
                account_id=child.id,
                purpose=purpose,
                notice_version=version,
                channel=Channel.APP,
                datamap=get_datamap(),
                today=today,
            )
    assert consent.granted_purposes(session=db_session, subject_id=child.id) == set()
    # a bundle containing one of them is refused whole; other consents stay possible
    with pytest.raises(ChildProtectionRefused):
        service.ensure_may_consent(
            session=db_session, account_id=child.id, purposes=["profile.edit", "marketing.email"], today=today
        )
    service.ensure_may_consent(session=db_session, account_id=child.id, purposes=["profile.edit"], today=today)


@pytest.mark.promise("P66")
def test_finding_a_child_withdraws_marketing_and_personalisation_consents(
    client: TestClient, db_session: Session
) -> None:
    # given an account that consented to marketing and personalisation before its age was known
    version = publish_notice(db_session)
    child = make_person(db_session, phone=CHILD_PHONE)
    today = service.china_today(datetime.now(UTC))
    for purpose in ("marketing.push", "recommendation.personalised"):
        service.grant_consent(
            session=db_session,
            account_id=child.id,
            purpose=purpose,
            notice_version=version,
            channel=Channel.APP,
            datamap=get_datamap(),
            today=today,
        )
    db_session.commit()
    # when its ID number shows it is a child's
    _child_found(client, child)
    # then those consents are withdrawn at once, by the system, for the child's protection
    assert consent.granted_purposes(session=db_session, subject_id=child.id) == set()
    status = client.get(API, headers=child.headers).json()
    assert status["may_personalise"] is False and status["may_market"] is False


# --- P67 ------------------------------------------------------------------------------------------


@pytest.mark.promise("P67")
def test_unverified_child_data_is_deleted_after_the_deadline(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    # given a child whose guardian was asked but never confirmed
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    client.post(f"{API}/guardian/code", json={"guardian_phone": GUARDIAN_PHONE}, headers=child.headers)
    record = db_session.get(MinorRecord, child.id)
    assert record is not None
    deadline = record.guardian_deadline
    # when the sweep runs before the deadline, nothing happens
    early = service.purge_unverified_minors(session=db_session, now=deadline - timedelta(minutes=1))
    assert early.account_ids == () and _count(db_session, GuardianChallenge) == 1
    # when it runs after the deadline
    report = service.purge_unverified_minors(session=db_session, now=deadline + timedelta(minutes=1))
    db_session.commit()
    # then the guardian data collected without consent is gone, the account is reported for the
    # accounts domain, and the deletion is audited (categories, never values)
    assert report.account_ids == (child.id,)
    assert _count(db_session, GuardianChallenge) == 0
    db_session.refresh(record)
    assert record.pi_deleted_at is not None and record.guardian_contact is None
    entry = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "identity.minor_pi_deleted")).one()
    assert entry.subject_id == child.id
    # and the child stays protected: still no transactions
    assert client.get(f"{API}/transact-check", headers=child.headers).status_code == 403
    # and a second sweep does nothing more
    again = service.purge_unverified_minors(session=db_session, now=deadline + timedelta(hours=1))
    assert again.account_ids == ()


@pytest.mark.promise("P67")
def test_a_withdrawn_guardian_consent_leads_to_deleting_the_childs_real_name(
    client: TestClient, db_session: Session, sms: RecordingSms
) -> None:
    # given a child verified with a guardian's consent
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    _guardian_consents(client, child, sms)
    client.post(f"{API}/real-name", json={"real_name": "李小花", "id_number": CHILD_ID}, headers=child.headers)
    assert _count(db_session, RealNameVerification) == 1
    # when the guardian withdraws the consent and the sweep runs after the deadline
    consent.withdraw_guardian_consent(session=db_session, subject_id=child.id, channel=Channel.STAFF)
    record = db_session.get(MinorRecord, child.id)
    assert record is not None
    report = service.purge_unverified_minors(session=db_session, now=record.guardian_deadline + timedelta(minutes=1))
    db_session.commit()
    # then the child's sealed real name and ID number are deleted
    assert report.account_ids == (child.id,)
    assert _count(db_session, RealNameVerification) == 0
    assert client.get(f"{API}/real-name", headers=child.headers).json()["verified"] is False
    entry = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "identity.minor_pi_deleted")).one()
    assert entry.categories == ["identity.real_name", "identity.id_number", "minor.guardian"]


@pytest.mark.promise("P67")
def test_a_verified_child_is_not_swept(client: TestClient, db_session: Session, sms: RecordingSms) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    _guardian_consents(client, child, sms)
    client.post(f"{API}/real-name", json={"real_name": "李小花", "id_number": CHILD_ID}, headers=child.headers)
    later = datetime.now(UTC) + timedelta(days=30)
    assert service.purge_unverified_minors(session=db_session, now=later).account_ids == ()
    assert _count(db_session, RealNameVerification) == 1


def test_time_travel_past_the_fourteenth_birthday_lifts_the_restrictions(
    app: FastAPI, client: TestClient, db_session: Session
) -> None:
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    app.dependency_overrides[get_now] = lambda: datetime.now(UTC) + timedelta(days=366 * 4 + 1)
    status = client.get(API, headers=child.headers).json()
    assert status["minor"]["is_child"] is False and status["may_market"] is True
    assert client.get(f"{API}/transact-check", headers=child.headers).status_code == 204


@pytest.mark.promise("P66")
def test_the_privacy_settings_refuse_a_childs_marketing_and_personalisation_consent(
    client: TestClient, db_session: Session
) -> None:
    # given a notice in force and an account known to be a child's
    version = publish_notice(db_session)
    child = make_person(db_session, phone=CHILD_PHONE)
    _child_found(client, child)
    # when the child turns personalisation on in the privacy settings, alone or in a bundle
    one = client.put(
        "/api/v1/me/consents/recommendation.personalised",
        json={"notice_version": version, "confirm_separate": False},
        headers=child.headers,
    )
    several = client.post(
        "/api/v1/me/consents",
        json={"purposes": ["marketing.push", "history.browsing"], "notice_version": version},
        headers=child.headers,
    )
    # then both are refused with a reason a person understands, and nothing is granted
    assert one.status_code == 403, one.text
    assert several.status_code == 403, several.text
    assert "不满十四周岁" in one.json()["detail"]
    assert consent.granted_purposes(session=db_session, subject_id=child.id) == set()
