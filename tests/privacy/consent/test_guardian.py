"""Guardian consent for subjects under 14 (P65), through the engine API."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from shouyue.privacy import audit, consent
from shouyue.privacy.consent import EvidenceRefused, GuardianConsentRequired
from tests.privacy.consent.builders import T0

CHILD = "acct_kid_1"
BORN = date(2013, 6, 15)
GUARDIAN_REF = "hmac:" + "5f2c" * 16  # a keyed hash of the guardian's phone, as the accounts work makes it


def _require(session: Session, today: date, subject: str = CHILD, born: date = BORN) -> None:
    consent.require_guardian(session=session, subject_id=subject, birth_date=born, today=today)


@pytest.mark.parametrize(
    ("today", "under_14"),
    [(date(2027, 6, 14), True), (date(2027, 6, 15), False), (date(2026, 11, 28), True), (date(2030, 1, 1), False)],
)
def test_age_is_counted_in_completed_years(today: date, under_14: bool) -> None:
    assert consent.is_under_14(birth_date=BORN, today=today) is under_14


def test_an_under_14_needs_a_verified_guardian_consent(db_session: Session) -> None:
    # given a 13-year-old without guardian consent
    # when the account is to be opened
    with pytest.raises(GuardianConsentRequired, match="未满十四周岁的用户需经监护人同意"):
        _require(db_session, date(2026, 11, 28))
    # then a verified guardian consent lets it through
    row = consent.record_guardian_consent(
        session=db_session,
        subject_id=CHILD,
        guardian_ref=GUARDIAN_REF,
        channel="sms",
        verified_at=T0,
        evidence="sms-code:verified",
    )
    _require(db_session, date(2026, 11, 28))
    assert consent.guardian_consent(session=db_session, subject_id=CHILD) is not None
    entry = audit.entries_for_subject(db_session, subject_id=CHILD)[-1]
    assert entry.action == "consent.guardian_verified"
    assert entry.refs == {"guardian_consent_id": row.id, "guardian_ref": GUARDIAN_REF, "channel": "sms"}


def test_a_withdrawn_guardian_consent_no_longer_counts(db_session: Session) -> None:
    consent.record_guardian_consent(
        session=db_session, subject_id=CHILD, guardian_ref=GUARDIAN_REF, channel="web", verified_at=T0
    )
    assert consent.withdraw_guardian_consent(session=db_session, subject_id=CHILD, channel="staff", at=T0) == 1
    with pytest.raises(GuardianConsentRequired):
        _require(db_session, date(2026, 11, 28))
    assert audit.entries_for_subject(db_session, subject_id=CHILD)[-1].action == "consent.guardian_withdrawn"


def test_from_the_14th_birthday_no_guardian_is_needed(db_session: Session) -> None:
    _require(db_session, date(2027, 6, 15))


@pytest.mark.parametrize("guardian_ref", ["13812345678", "+86 13812345678", "mum@example.com", "张女士"])
def test_a_guardian_is_named_by_a_reference_never_by_pi(db_session: Session, guardian_ref: str) -> None:
    with pytest.raises(EvidenceRefused):
        consent.record_guardian_consent(
            session=db_session, subject_id=CHILD, guardian_ref=guardian_ref, channel="sms", verified_at=T0
        )
