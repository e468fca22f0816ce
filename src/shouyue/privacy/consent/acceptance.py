"""Accepting the privacy notice (P01) and keeping processing to what the subject accepted (P72).

A subject accepts one published version by an explicit act. A purpose may then be processed
for them only as the version they accepted describes it: a purpose that is new or changed
since stays blocked until they accept the newest version, while the purposes unchanged since
keep working. Comparing fingerprints with the live data map also catches a purpose that was
changed in code but never published.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent.exceptions import (
    NoticeAcceptanceRequired,
    NoticeUpdateRequired,
    PurposeNotInNotice,
)
from shouyue.privacy.consent.models import EVIDENCE_MAX, Channel, NoticeAcceptance
from shouyue.privacy.consent.validation import channel_of, check_text
from shouyue.privacy.datamap import DataMap, LegalBasis
from shouyue.privacy.notice import versions
from shouyue.privacy.permissions.rows import as_utc


def accept_notice(
    *,
    session: Session,
    subject_id: str,
    version: str,
    channel: Channel | str,
    evidence: str = "",
    at: datetime | None = None,
) -> NoticeAcceptance:
    """Record the subject's explicit acceptance of the newest published notice version."""
    chosen = channel_of(channel)
    check_text("evidence", evidence, max_length=EVIDENCE_MAX)
    latest = versions.latest_or_raise(session=session).version
    if version != latest:
        versions.get_or_raise(session=session, version=version)
        # An acceptance of a version that has been replaced is not an acceptance of the notice in force.
        raise NoticeUpdateRequired(None, accepted_version=version, latest_version=latest)
    row = NoticeAcceptance(
        subject_id=subject_id,
        version=version,
        channel=chosen.value,
        evidence=evidence,
        at=as_utc(at) if at is not None else datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=Actor(kind="subject", id=subject_id),
        action="notice.accepted",
        subject_id=subject_id,
        refs={"version": version, "channel": chosen.value, "acceptance_id": row.id},
    )
    return row


def accepted_version(*, session: Session, subject_id: str) -> str | None:
    """The notice version the subject accepted last, or None."""
    return session.scalar(
        select(NoticeAcceptance.version)
        .where(NoticeAcceptance.subject_id == subject_id)
        .order_by(NoticeAcceptance.id.desc())
        .limit(1)
    )


def needs_acceptance(*, session: Session, subject_id: str) -> bool:
    """Whether the subject should be shown the newest notice to accept (P71, P72)."""
    latest = versions.latest_version(session=session)
    return latest is not None and accepted_version(session=session, subject_id=subject_id) != latest


def subjects_needing_acceptance(*, session: Session, after: str | None = None, limit: int = 500) -> list[str]:
    """Subjects who accepted an earlier version but not the newest, by id, one page at a time."""
    latest = versions.latest_version(session=session)
    if latest is None:
        return []
    accepted_latest = func.sum(case((NoticeAcceptance.version == latest, 1), else_=0))
    statement = (
        select(NoticeAcceptance.subject_id)
        .group_by(NoticeAcceptance.subject_id)
        .having(accepted_latest == 0)
        .order_by(NoticeAcceptance.subject_id)
        .limit(limit)
    )
    if after is not None:
        statement = statement.where(NoticeAcceptance.subject_id > after)
    return list(session.scalars(statement))


def require_current_notice(*, session: Session, subject_id: str, purpose: str, datamap: DataMap) -> None:
    """Refuse a purpose the subject has not accepted as the live data map declares it (P01, P72)."""
    entry = datamap.purpose(purpose)
    if entry.basis is LegalBasis.LEGAL_OBLIGATION:
        return  # the law, not the subject's agreement, is the ground
    latest = versions.latest_version(session=session)
    if latest is None:
        raise versions.NoticeNotPublished()
    accepted = accepted_version(session=session, subject_id=subject_id)
    if accepted is None:
        raise NoticeAcceptanceRequired(purpose)
    live = versions.purpose_scope(datamap, purpose)
    accepted_scopes = versions.purpose_scopes(session=session, version=accepted) or {}
    if accepted_scopes.get(purpose) == live:
        return
    latest_scopes = accepted_scopes if accepted == latest else versions.purpose_scopes(session=session, version=latest)
    if (latest_scopes or {}).get(purpose) == live:
        raise NoticeUpdateRequired(purpose, accepted_version=accepted, latest_version=latest)
    raise PurposeNotInNotice(purpose, entry.label)
