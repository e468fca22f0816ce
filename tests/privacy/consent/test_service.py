"""Consent through the engine API: grant, withdraw, require, separate consent, legal exceptions.

The promises (P07, P35, P60, P82) are marked on the tests that drive them through the HTTP
API once the accounts work adds it; these prove the engine's side.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from shouyue.privacy import audit, consent, permissions
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import (
    ConsentNotApplicable,
    ConsentRenewalRequired,
    ConsentRequired,
    EvidenceRefused,
    LegalGround,
    NoticeUpdateRequired,
    SeparateConsentRequired,
    UnknownChannel,
    UnknownLegalGround,
)
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.errors import UnknownPurpose
from shouyue.privacy.permissions import PermissionNotGranted
from tests.privacy.consent.builders import T0, accept, add_purpose, make_datamap, publish, purpose_entry

SUBJECT = "acct_1001"
CORE = ("account.register", "order.fulfilment", "security.risk_control")


@pytest.fixture
def datamap() -> DataMap:
    return make_datamap()


@pytest.fixture
def accepted(db_session: Session, datamap: DataMap) -> Session:
    """A published notice v1 that SUBJECT has accepted."""
    publish(db_session, datamap, "v1")
    accept(db_session, SUBJECT, "v1")
    return db_session


def _grant(session: Session, datamap: DataMap, purpose: str, version: str = "v1") -> consent.ConsentEvent:
    return consent.grant(
        session=session,
        subject_id=SUBJECT,
        purpose=purpose,
        notice_version=version,
        channel="app",
        datamap=datamap,
        evidence="click:settings-toggle",
    )


def _require(session: Session, datamap: DataMap, purpose: str) -> None:
    consent.require(session=session, subject_id=SUBJECT, purpose=purpose, datamap=datamap)


def test_consent_purpose_without_a_grant_is_refused_in_chinese(accepted: Session, datamap: DataMap) -> None:
    # given a subject who accepted the notice but never granted personalisation
    # when processing for it is asked
    with pytest.raises(ConsentRequired) as refused:
        _require(accepted, datamap, "recommendation.personalised")
    # then it is refused with the subject-facing message
    assert str(refused.value) == "您尚未同意「个性化推荐」，此功能暂不可用"
    assert refused.value.purpose == "recommendation.personalised"


def test_grant_then_require_passes_and_state_records_version_and_channel(accepted: Session, datamap: DataMap) -> None:
    # given a grant
    _grant(accepted, datamap, "recommendation.personalised")
    # when processing is asked
    _require(accepted, datamap, "recommendation.personalised")
    # then it passes and the state says on which notice and through which channel
    current = consent.state(session=accepted, subject_id=SUBJECT, purpose="recommendation.personalised")
    assert current is not None
    assert (current.granted, current.notice_version, current.channel) == (True, "v1", consent.Channel.APP)
    assert current.updated_at.tzinfo is not None
    assert consent.granted_purposes(session=accepted, subject_id=SUBJECT) == {"recommendation.personalised"}


def test_withdrawal_takes_effect_for_the_very_next_check(accepted: Session, datamap: DataMap) -> None:
    # given a grant that has just been used
    _grant(accepted, datamap, "marketing.push")
    _require(accepted, datamap, "marketing.push")
    # when the subject withdraws it (P60)
    consent.withdraw(session=accepted, subject_id=SUBJECT, purpose="marketing.push", channel="sms", datamap=datamap)
    # then the next check in the same unit of work already refuses, and the ledger keeps both acts
    with pytest.raises(ConsentRequired):
        _require(accepted, datamap, "marketing.push")
    assert [(e.purpose, e.action, e.channel) for e in consent.history(session=accepted, subject_id=SUBJECT)] == [
        ("marketing.push", "granted", "app"),
        ("marketing.push", "withdrawn", "sms"),
    ]
    # and granting again works again
    _grant(accepted, datamap, "marketing.push")
    _require(accepted, datamap, "marketing.push")


def test_core_purposes_work_with_every_additional_purpose_refused(accepted: Session, datamap: DataMap) -> None:
    # given a subject who refused (withdrew) every consent-based purpose (P07)
    for purpose in ("recommendation.personalised", "marketing.push"):
        consent.withdraw(session=accepted, subject_id=SUBJECT, purpose=purpose, channel="app", datamap=datamap)
    # when the core purposes are checked
    # then none is blocked
    for purpose in CORE:
        _require(accepted, datamap, purpose)


def test_legal_obligation_passes_even_before_the_notice_is_accepted(db_session: Session, datamap: DataMap) -> None:
    # given a published notice the subject has not accepted
    publish(db_session, datamap, "v1")
    # when a legal-obligation purpose is checked
    # then it passes: the law, not agreement, is its ground
    consent.require(session=db_session, subject_id="acct_new", purpose="security.risk_control", datamap=datamap)


def test_separate_consent_is_granted_on_its_own(accepted: Session, datamap: DataMap) -> None:
    # given a separate-consent purpose (P82)
    # when it is granted by its own act
    _grant(accepted, datamap, "identity.face_verification")
    # then it may be processed
    _require(accepted, datamap, "identity.face_verification")


@pytest.mark.parametrize(
    "bundle",
    [
        ["recommendation.personalised", "identity.face_verification"],
        ["identity.face_verification", "review.publish"],
        ["identity.face_verification"],
    ],
)
def test_separate_consent_is_refused_in_a_bundle(accepted: Session, datamap: DataMap, bundle: list[str]) -> None:
    # given a bundle that holds a separate-consent purpose
    # when it is granted in one act
    with pytest.raises(SeparateConsentRequired) as refused:
        consent.grant_many(
            session=accepted,
            subject_id=SUBJECT,
            purposes=bundle,
            notice_version="v1",
            channel="app",
            datamap=datamap,
        )
    # then nothing is granted and the message names each separate purpose
    assert "需要您单独同意，不能与其他事项一并同意" in str(refused.value)
    assert "「人脸识别」" in str(refused.value)
    assert consent.granted_purposes(session=accepted, subject_id=SUBJECT) == set()


def test_ordinary_consents_may_be_granted_together(accepted: Session, datamap: DataMap) -> None:
    # given two ordinary-consent purposes
    # when granted in one act
    events = consent.grant_many(
        session=accepted,
        subject_id=SUBJECT,
        purposes=["recommendation.personalised", "marketing.push", "marketing.push"],
        notice_version="v1",
        channel="web",
        datamap=datamap,
    )
    # then each is granted once
    assert [e.purpose for e in events] == ["recommendation.personalised", "marketing.push"]
    assert consent.granted_purposes(session=accepted, subject_id=SUBJECT) == {
        "recommendation.personalised",
        "marketing.push",
    }


def test_separate_consent_cannot_ride_on_the_notice_acceptance(db_session: Session, datamap: DataMap) -> None:
    # given a registration form that ticks the notice and face recognition together
    publish(db_session, datamap, "v1")
    # when submitted
    with pytest.raises(SeparateConsentRequired):
        consent.accept_notice_and_grant(
            session=db_session,
            subject_id=SUBJECT,
            version="v1",
            purposes=["identity.face_verification"],
            channel="web",
            datamap=datamap,
        )
    # then the notice is not accepted either: the whole act is refused
    assert consent.accepted_version(session=db_session, subject_id=SUBJECT) is None


def test_notice_acceptance_may_carry_ordinary_consents(db_session: Session, datamap: DataMap) -> None:
    publish(db_session, datamap, "v1")
    consent.accept_notice_and_grant(
        session=db_session,
        subject_id=SUBJECT,
        version="v1",
        purposes=["marketing.push"],
        channel="web",
        datamap=datamap,
    )
    assert consent.accepted_version(session=db_session, subject_id=SUBJECT) == "v1"
    _require(db_session, datamap, "marketing.push")


@pytest.mark.parametrize("purpose", ["order.fulfilment", "security.risk_control"])
def test_core_purposes_take_no_grant_or_withdrawal(accepted: Session, datamap: DataMap, purpose: str) -> None:
    with pytest.raises(ConsentNotApplicable):
        _grant(accepted, datamap, purpose)
    with pytest.raises(ConsentNotApplicable):
        consent.withdraw(session=accepted, subject_id=SUBJECT, purpose=purpose, channel="app", datamap=datamap)


def test_unknown_purpose_and_channel_are_clear_errors(accepted: Session, datamap: DataMap) -> None:
    with pytest.raises(UnknownPurpose):
        _grant(accepted, datamap, "recommendation.personalized")
    with pytest.raises(UnknownPurpose):
        _require(accepted, datamap, "nope.nothing")
    with pytest.raises(UnknownChannel, match="web, api, app, sms, staff"):
        consent.grant(
            session=accepted,
            subject_id=SUBJECT,
            purpose="marketing.push",
            notice_version="v1",
            channel="fax",
            datamap=datamap,
        )


def test_a_grant_on_a_replaced_notice_version_is_refused(accepted: Session, datamap: DataMap) -> None:
    # given v2 replaced v1
    publish(accepted, make_datamap(add_purpose), "v2", now=T0 + timedelta(days=3))
    # when a client still showing v1 sends a grant
    # then it is asked to show the new notice
    with pytest.raises(NoticeUpdateRequired):
        _grant(accepted, datamap, "marketing.push", version="v1")


def test_a_grant_given_on_an_older_description_must_be_renewed(accepted: Session) -> None:
    # given personalisation granted on v1
    v1 = make_datamap()
    _grant(accepted, v1, "recommendation.personalised")

    # when v2 changes what personalisation uses and the subject accepts v2
    def widen(raw: dict[str, object]) -> None:
        purpose_entry(raw, "recommendation.personalised")["categories"] = ["behaviour.browsing", "contact.phone"]

    v2 = make_datamap(widen)
    publish(accepted, v2, "v2", now=T0 + timedelta(days=3))
    accept(accepted, SUBJECT, "v2")
    # then the old grant no longer covers it until granted again
    with pytest.raises(ConsentRenewalRequired, match="「个性化推荐」的处理规则已变更"):
        _require(accepted, v2, "recommendation.personalised")
    _grant(accepted, v2, "recommendation.personalised", version="v2")
    _require(accepted, v2, "recommendation.personalised")


def test_withdrawal_stays_possible_after_the_purpose_left_the_data_map(accepted: Session, datamap: DataMap) -> None:
    # given a grant for a purpose a later data map no longer declares
    _grant(accepted, datamap, "marketing.push")
    later = make_datamap(lambda raw: raw.update(purposes=[p for p in raw["purposes"] if p["id"] != "marketing.push"]))
    # when the subject withdraws it
    consent.withdraw(session=accepted, subject_id=SUBJECT, purpose="marketing.push", channel="app", datamap=later)
    # then it is recorded; a purpose never decided on is still an error
    assert consent.state(session=accepted, subject_id=SUBJECT, purpose="marketing.push").granted is False  # type: ignore[union-attr]
    with pytest.raises(UnknownPurpose):
        consent.withdraw(session=accepted, subject_id=SUBJECT, purpose="marketing.fax", channel="app", datamap=later)


def test_a_purpose_behind_a_device_permission_also_needs_the_permission(accepted: Session, datamap: DataMap) -> None:
    # given consent to the location feature but the location permission refused on the phone
    _grant(accepted, datamap, "feature.location")
    permissions.report(session=accepted, subject_id=SUBJECT, permission="location", state="denied", at=T0)
    # when location data is to be processed
    # then the server refuses it (P31)
    with pytest.raises(PermissionNotGranted, match="未授权「位置信息」权限，无法使用此功能"):
        _require(accepted, datamap, "feature.location")
    permissions.report(session=accepted, subject_id=SUBJECT, permission="location", state="granted", at=T0)
    _require(accepted, datamap, "feature.location")


def test_grants_and_withdrawals_are_audited_with_ids_only(accepted: Session, datamap: DataMap) -> None:
    # given a grant and a withdrawal with evidence of the act
    granted = _grant(accepted, datamap, "recommendation.personalised")
    consent.withdraw(
        session=accepted,
        subject_id=SUBJECT,
        purpose="recommendation.personalised",
        channel="staff",
        datamap=datamap,
        evidence="ticket:cs-5521",
        actor=Actor(kind="staff", id="staff_3", role="customer_service"),
    )
    # when the subject's audit entries are read
    entries = [e for e in audit.entries_for_subject(accepted, subject_id=SUBJECT) if e.action.startswith("consent.")]
    # then each act is there with purpose, categories and ids, and no evidence text
    assert [(e.action, e.actor_kind, e.purpose) for e in entries] == [
        ("consent.granted", "subject", "recommendation.personalised"),
        ("consent.withdrawn", "staff", "recommendation.personalised"),
    ]
    assert entries[0].categories == ["behaviour.browsing", "behaviour.preference_tags"]
    assert entries[0].refs == {"event_id": granted.id, "notice_version": "v1", "channel": "app"}
    assert all("ticket" not in str(e.refs) and "click" not in str(e.refs) for e in entries)


@pytest.mark.parametrize(
    "evidence",
    ["user 13812345678 agreed", "id 11010519491231002X", "mail zhang.san@qq.com", "x" * 201],
)
def test_evidence_that_holds_pi_is_refused(accepted: Session, datamap: DataMap, evidence: str) -> None:
    with pytest.raises(EvidenceRefused) as refused:
        consent.grant(
            session=accepted,
            subject_id=SUBJECT,
            purpose="marketing.push",
            notice_version="v1",
            channel="app",
            datamap=datamap,
            evidence=evidence,
        )
    # the message names the problem, never the value
    assert evidence not in str(refused.value)


def test_evidence_may_hold_a_digest_with_digit_runs(accepted: Session, datamap: DataMap) -> None:
    # a hex digest with a run of eleven digits is not a phone number
    _grant(accepted, datamap, "marketing.push")
    consent.grant(
        session=accepted,
        subject_id=SUBJECT,
        purpose="marketing.push",
        notice_version="v1",
        channel="api",
        datamap=datamap,
        evidence="sig:ab13812345678cd",
    )


def test_the_eleven_legal_grounds_carry_the_notices_words() -> None:
    assert len(LegalGround) == 11
    assert LegalGround.CRIMINAL_JUSTICE.label == "与犯罪侦查、起诉、审判和判决执行等有关的"
    assert LegalGround.NATIONAL_SECURITY.clause == "二(六)(1)"
    assert LegalGround.OTHER_LAW.clause == "二(六)(11)"


def test_a_legal_exception_is_recorded_with_its_ground_and_audited(accepted: Session, datamap: DataMap) -> None:
    # given an authority's request under criminal justice, for data the subject never consented to share (P35)
    # when staff record the exception
    row = consent.record_exception(
        session=accepted,
        subject_id=SUBJECT,
        purpose="recommendation.personalised",
        ground="criminal_justice",
        datamap=datamap,
        actor=Actor(kind="staff", id="staff_9", role="legal"),
        reference="case:2026-xz-118",
    )
    # then the use is recorded and audited with its ground
    assert (row.ground, row.reference, row.actor_id) == ("criminal_justice", "case:2026-xz-118", "staff_9")
    entry = audit.entries_for_subject(accepted, subject_id=SUBJECT)[-1]
    assert entry.action == "consent.exception_used"
    assert entry.refs == {"exception_id": row.id, "ground": "criminal_justice", "reference": "case:2026-xz-118"}
    with pytest.raises(UnknownLegalGround):
        consent.record_exception(
            session=accepted,
            subject_id=SUBJECT,
            purpose="recommendation.personalised",
            ground="because",
            datamap=datamap,
            actor=Actor.system(),
        )
