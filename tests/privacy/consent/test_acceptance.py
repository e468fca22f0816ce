"""Accepting the notice (P01) and blocking new or changed purposes after an update (P72),
through the engine API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from shouyue.privacy import audit, consent
from shouyue.privacy.consent import NoticeAcceptanceRequired, NoticeUpdateRequired, PurposeNotInNotice
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice.versions import NoticeNotPublished, UnknownNoticeVersion
from tests.privacy.consent.builders import T0, accept, add_purpose, make_datamap, publish, purpose_entry

SUBJECT = "acct_2002"
LATER = T0 + timedelta(days=30)


def _require(session: Session, datamap: DataMap, purpose: str, subject: str = SUBJECT) -> None:
    consent.require(session=session, subject_id=subject, purpose=purpose, datamap=datamap)


def _grant(session: Session, datamap: DataMap, purpose: str, version: str) -> None:
    consent.grant(
        session=session,
        subject_id=SUBJECT,
        purpose=purpose,
        notice_version=version,
        channel="app",
        datamap=datamap,
    )


def _v2_edit(raw: dict[str, Any]) -> None:
    """v2: personalisation now also uses the phone number, and SMS marketing is new."""
    raw["version"] = "2026-12-28"
    purpose_entry(raw, "recommendation.personalised")["categories"] = ["behaviour.browsing", "contact.phone"]
    add_purpose(raw)


def test_nothing_but_legal_obligations_before_the_notice_is_accepted(db_session: Session) -> None:
    # given a published notice and a subject who has not accepted it (P01)
    datamap = make_datamap()
    publish(db_session, datamap, "v1")
    # when core and additional purposes are checked
    # then all are refused with the acceptance prompt, except a legal obligation
    for purpose in ("account.register", "order.fulfilment", "marketing.push"):
        with pytest.raises(NoticeAcceptanceRequired, match="请先阅读并同意隐私政策"):
            _require(db_session, datamap, purpose)
    _require(db_session, datamap, "security.risk_control")


def test_no_processing_at_all_before_a_notice_is_published(db_session: Session) -> None:
    with pytest.raises(NoticeNotPublished):
        _require(db_session, make_datamap(), "account.register")
    with pytest.raises(NoticeNotPublished):
        consent.accept_notice(session=db_session, subject_id=SUBJECT, version="v1", channel="web")


def test_acceptance_records_version_channel_and_time_and_is_audited(db_session: Session) -> None:
    # given a published notice
    publish(db_session, make_datamap(), "v1")
    # when the subject ticks it at registration
    row = consent.accept_notice(
        session=db_session, subject_id=SUBJECT, version="v1", channel="app", evidence="tick:register", at=T0
    )
    # then version, channel and time are recorded, and audited without the evidence text
    assert (row.subject_id, row.version, row.channel, row.at) == (SUBJECT, "v1", "app", T0)
    assert consent.accepted_version(session=db_session, subject_id=SUBJECT) == "v1"
    entry = audit.entries_for_subject(db_session, subject_id=SUBJECT)[-1]
    assert (entry.action, entry.refs) == (
        "notice.accepted",
        {"version": "v1", "channel": "app", "acceptance_id": row.id},
    )


def test_accepting_a_replaced_version_is_refused(db_session: Session) -> None:
    publish(db_session, make_datamap(), "v1")
    publish(db_session, make_datamap(_v2_edit), "v2", now=LATER)
    with pytest.raises(NoticeUpdateRequired) as refused:
        accept(db_session, SUBJECT, "v1")
    assert refused.value.latest_version == "v2"
    with pytest.raises(UnknownNoticeVersion):
        accept(db_session, SUBJECT, "v9")


def test_new_and_changed_purposes_wait_for_the_new_version_while_the_rest_keep_working(db_session: Session) -> None:
    # given a subject who accepted v1 and consented to personalisation and push
    v1 = make_datamap()
    publish(db_session, v1, "v1")
    accept(db_session, SUBJECT, "v1")
    _grant(db_session, v1, "recommendation.personalised", "v1")
    _grant(db_session, v1, "marketing.push", "v1")
    # when v2 changes personalisation and adds SMS marketing, and the live data map is v2 (P72)
    v2 = make_datamap(_v2_edit)
    publish(db_session, v2, "v2", now=LATER)
    # then the changed and the new purposes are blocked with the update prompt
    for purpose in ("recommendation.personalised", "marketing.sms"):
        with pytest.raises(NoticeUpdateRequired, match="隐私政策已更新，请阅读并同意后继续使用此功能"):
            _require(db_session, v2, purpose)
    # and the unchanged ones keep working, core and consented alike
    for purpose in ("account.register", "order.fulfilment", "marketing.push"):
        _require(db_session, v2, purpose)
    assert consent.needs_acceptance(session=db_session, subject_id=SUBJECT)

    # when the subject accepts v2
    accept(db_session, SUBJECT, "v2")
    # then the new purpose needs only its consent, and the changed one a renewed consent
    with pytest.raises(consent.ConsentRequired):
        _require(db_session, v2, "marketing.sms")
    with pytest.raises(consent.ConsentRenewalRequired):
        _require(db_session, v2, "recommendation.personalised")
    _grant(db_session, v2, "recommendation.personalised", "v2")
    _require(db_session, v2, "recommendation.personalised")
    assert not consent.needs_acceptance(session=db_session, subject_id=SUBJECT)


def test_a_change_to_a_purposes_recipients_counts_as_a_change_of_the_purpose(db_session: Session) -> None:
    # given a subject on v1
    publish(db_session, make_datamap(), "v1")
    accept(db_session, SUBJECT, "v1")

    # when v2 gives the logistics SDK another field for order fulfilment
    def share_more(raw: dict[str, Any]) -> None:
        raw["recipients"][0]["fields"]["recipient.name"] = "mask"

    v2 = make_datamap(share_more)
    publish(db_session, v2, "v2", now=LATER)
    # then order fulfilment waits for the new version; registration does not
    with pytest.raises(NoticeUpdateRequired):
        _require(db_session, v2, "order.fulfilment")
    _require(db_session, v2, "account.register")


def test_a_purpose_changed_in_code_but_never_published_is_refused(db_session: Session) -> None:
    # given v1 published and accepted
    publish(db_session, make_datamap(), "v1")
    accept(db_session, SUBJECT, "v1")
    # when the running data map declares a purpose no published notice describes
    live = make_datamap(add_purpose)
    # then it is refused until the operator publishes
    with pytest.raises(PurposeNotInNotice, match="「短信营销」尚未写入已发布的隐私政策"):
        _require(db_session, live, "marketing.sms")
    _require(db_session, live, "account.register")


def test_subjects_needing_acceptance_pages_through_those_behind(db_session: Session) -> None:
    # given three subjects on v1, one of whom accepts v2
    publish(db_session, make_datamap(), "v1")
    for subject in ("acct_a", "acct_b", "acct_c"):
        accept(db_session, subject, "v1")
    publish(db_session, make_datamap(_v2_edit), "v2", now=LATER)
    accept(db_session, "acct_b", "v2")
    # when the notifier pages through those still behind
    first = consent.subjects_needing_acceptance(session=db_session, limit=1)
    rest = consent.subjects_needing_acceptance(session=db_session, after=first[-1], limit=10)
    # then it finds the other two, in id order
    assert first + rest == ["acct_a", "acct_c"]
