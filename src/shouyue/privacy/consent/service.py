"""Consents to purposes: grant, withdraw, read, and the one check processing code asks first.

Every grant and withdrawal is an event in the append-only ledger, the new current state, and
an audit entry, in the caller's transaction. ``require`` reads the state from the database on
every call, so a withdrawal stops the very next processing (P60).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent.acceptance import accept_notice, require_current_notice
from shouyue.privacy.consent.exceptions import (
    ConsentNotApplicable,
    ConsentRenewalRequired,
    ConsentRequired,
    NoticeUpdateRequired,
    SeparateConsentRequired,
)
from shouyue.privacy.consent.models import (
    EVIDENCE_MAX,
    REF_MAX,
    Channel,
    ConsentAction,
    ConsentEvent,
    ConsentState,
    LegalException,
    LegalGround,
    NoticeAcceptance,
)
from shouyue.privacy.consent.validation import channel_of, check_reference, check_text, ground_of
from shouyue.privacy.datamap import DataMap, LegalBasis, Purpose
from shouyue.privacy.errors import UnknownPurpose
from shouyue.privacy.notice import versions
from shouyue.privacy.permissions import require_permission
from shouyue.privacy.permissions.rows import as_utc, upsert

CONSENT_BASES = frozenset({LegalBasis.CONSENT, LegalBasis.SEPARATE_CONSENT})

_state: Table = ConsentState.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class ConsentStatus:
    """A subject's current decision on one purpose."""

    purpose: str
    granted: bool
    notice_version: str | None
    channel: Channel
    updated_at: datetime


def _consentable(datamap: DataMap, purpose: str) -> Purpose:
    entry = datamap.purpose(purpose)
    if entry.basis not in CONSENT_BASES:
        raise ConsentNotApplicable(purpose, entry.label)
    return entry


def _require_latest_version(session: Session, notice_version: str) -> None:
    # A consent is informed by the notice in force; one given on a replaced text is asked again.
    latest = versions.latest_or_raise(session=session).version
    if notice_version != latest:
        versions.get_or_raise(session=session, version=notice_version)
        raise NoticeUpdateRequired(None, accepted_version=notice_version, latest_version=latest)


def grant(
    *,
    session: Session,
    subject_id: str,
    purpose: str,
    notice_version: str,
    channel: Channel | str,
    datamap: DataMap,
    evidence: str = "",
    actor: Actor | None = None,
    at: datetime | None = None,
) -> ConsentEvent:
    """Record the subject's consent to one purpose, given on the notice version in force.

    This is the only way to grant a separate-consent purpose (P82): one purpose, one act.
    """
    entry = _consentable(datamap, purpose)
    _require_latest_version(session, notice_version)
    return _record(
        session,
        subject_id=subject_id,
        entry_id=entry.id,
        categories=entry.categories,
        action=ConsentAction.GRANTED,
        notice_version=notice_version,
        channel=channel,
        evidence=evidence,
        actor=actor,
        at=at,
    )


def grant_many(
    *,
    session: Session,
    subject_id: str,
    purposes: Sequence[str],
    notice_version: str,
    channel: Channel | str,
    datamap: DataMap,
    evidence: str = "",
    actor: Actor | None = None,
    at: datetime | None = None,
) -> list[ConsentEvent]:
    """Record consents to several ordinary-consent purposes in one act; refuses any
    separate-consent purpose, which must be asked on its own (P82)."""
    entries = [_consentable(datamap, p) for p in dict.fromkeys(purposes)]
    separate = [e for e in entries if e.basis is LegalBasis.SEPARATE_CONSENT]
    if separate:
        raise SeparateConsentRequired([e.id for e in separate], [e.label for e in separate])
    _require_latest_version(session, notice_version)
    return [
        _record(
            session,
            subject_id=subject_id,
            entry_id=e.id,
            categories=e.categories,
            action=ConsentAction.GRANTED,
            notice_version=notice_version,
            channel=channel,
            evidence=evidence,
            actor=actor,
            at=at,
        )
        for e in entries
    ]


def accept_notice_and_grant(
    *,
    session: Session,
    subject_id: str,
    version: str,
    purposes: Sequence[str],
    channel: Channel | str,
    datamap: DataMap,
    evidence: str = "",
    at: datetime | None = None,
) -> NoticeAcceptance:
    """Accept the notice and, in the same act, consent to ordinary-consent purposes the subject
    ticked; a separate-consent purpose in the bundle refuses the whole act (P82)."""
    separate = [p for p in dict.fromkeys(purposes) if datamap.purpose(p).basis is LegalBasis.SEPARATE_CONSENT]
    if separate:
        raise SeparateConsentRequired(separate, [datamap.purpose(p).label for p in separate])
    acceptance = accept_notice(
        session=session, subject_id=subject_id, version=version, channel=channel, evidence=evidence, at=at
    )
    grant_many(
        session=session,
        subject_id=subject_id,
        purposes=purposes,
        notice_version=version,
        channel=channel,
        datamap=datamap,
        evidence=evidence,
        at=at,
    )
    return acceptance


def withdraw(
    *,
    session: Session,
    subject_id: str,
    purpose: str,
    channel: Channel | str,
    datamap: DataMap,
    evidence: str = "",
    actor: Actor | None = None,
    at: datetime | None = None,
) -> ConsentEvent:
    """Record the subject's withdrawal of a consent; it takes effect for the next processing (P60).

    Withdrawal is always possible, even for a purpose the data map no longer declares, as long
    as the subject once decided on it.
    """
    try:
        entry: Purpose | None = _consentable(datamap, purpose)
    except UnknownPurpose:
        if state(session=session, subject_id=subject_id, purpose=purpose) is None:
            raise
        entry = None
    return _record(
        session,
        subject_id=subject_id,
        entry_id=purpose,
        categories=entry.categories if entry is not None else (),
        action=ConsentAction.WITHDRAWN,
        notice_version=versions.latest_version(session=session),
        channel=channel,
        evidence=evidence,
        actor=actor,
        at=at,
    )


def _record(
    session: Session,
    *,
    subject_id: str,
    entry_id: str,
    categories: Sequence[str],
    action: ConsentAction,
    notice_version: str | None,
    channel: Channel | str,
    evidence: str,
    actor: Actor | None,
    at: datetime | None,
) -> ConsentEvent:
    chosen = channel_of(channel)
    check_text("evidence", evidence, max_length=EVIDENCE_MAX)
    when = as_utc(at) if at is not None else datetime.now(UTC)
    event = ConsentEvent(
        subject_id=subject_id,
        purpose=entry_id,
        action=action.value,
        notice_version=notice_version,
        channel=chosen.value,
        evidence=evidence,
        at=when,
    )
    session.add(event)
    session.flush()
    upsert(
        session,
        _state,
        key=("subject_id", "purpose"),
        values={
            "subject_id": subject_id,
            "purpose": entry_id,
            "granted": action is ConsentAction.GRANTED,
            "notice_version": notice_version,
            "channel": chosen.value,
            "updated_at": when,
        },
    )
    audit.append(
        session,
        actor=actor or Actor(kind="subject", id=subject_id),
        action=f"consent.{action.value}",
        subject_id=subject_id,
        purpose=entry_id,
        categories=categories,
        refs={"event_id": event.id, "notice_version": notice_version, "channel": chosen.value},
    )
    return event


def state(*, session: Session, subject_id: str, purpose: str) -> ConsentStatus | None:
    """The subject's current decision on the purpose, or None if they never made one."""
    # Columns, not entities: the state is written by an upsert that bypasses the identity map.
    row = session.execute(
        select(ConsentState.granted, ConsentState.notice_version, ConsentState.channel, ConsentState.updated_at).where(
            ConsentState.subject_id == subject_id, ConsentState.purpose == purpose
        )
    ).one_or_none()
    if row is None:
        return None
    return ConsentStatus(
        purpose=purpose,
        granted=row.granted,
        notice_version=row.notice_version,
        channel=Channel(row.channel),
        updated_at=row.updated_at,
    )


def granted_purposes(*, session: Session, subject_id: str) -> set[str]:
    """The purposes the subject currently consents to."""
    return set(
        session.scalars(
            select(ConsentState.purpose).where(ConsentState.subject_id == subject_id, ConsentState.granted.is_(True))
        )
    )


def history(*, session: Session, subject_id: str) -> list[ConsentEvent]:
    """Every grant and withdrawal of the subject, oldest first."""
    return list(
        session.scalars(select(ConsentEvent).where(ConsentEvent.subject_id == subject_id).order_by(ConsentEvent.id))
    )


def require(*, session: Session, subject_id: str, purpose: str, datamap: DataMap) -> None:
    """Refuse processing for ``purpose`` unless the subject may be processed for it now.

    In order: a legal obligation always passes; otherwise the subject must have accepted the
    purpose as the live data map declares it (P01, P72); a consent-based purpose needs a current
    grant given on a notice that described it as it is now (P35, P60); a purpose behind a device
    permission needs that permission granted (P31). A core purpose never depends on an
    additional one (P07): each purpose is checked on its own.
    """
    entry = datamap.purpose(purpose)
    if entry.basis is LegalBasis.LEGAL_OBLIGATION:
        return
    require_current_notice(session=session, subject_id=subject_id, purpose=purpose, datamap=datamap)
    if entry.basis in CONSENT_BASES:
        current = state(session=session, subject_id=subject_id, purpose=purpose)
        if current is None or not current.granted:
            raise ConsentRequired(purpose, entry.label)
        given_on = (
            versions.purpose_scopes(session=session, version=current.notice_version) if current.notice_version else None
        )
        if given_on is None or given_on.get(purpose) != versions.purpose_scope(datamap, purpose):
            raise ConsentRenewalRequired(purpose, entry.label)
    if entry.permission is not None:
        require_permission(session=session, subject_id=subject_id, permission=entry.permission)


def record_exception(
    *,
    session: Session,
    subject_id: str,
    purpose: str,
    ground: LegalGround | str,
    datamap: DataMap,
    actor: Actor,
    reference: str = "",
    at: datetime | None = None,
) -> LegalException:
    """Record a use of PI for ``purpose`` without the subject's consent under a legal ground
    of the notice's 二(六) list, and audit it (P35). Use it instead of ``require``, never after
    ``require`` refused for a reason the ground does not cover."""
    entry = datamap.purpose(purpose)
    chosen = ground_of(ground)
    if reference:
        check_reference("reference", reference, max_length=REF_MAX)
    row = LegalException(
        subject_id=subject_id,
        purpose=purpose,
        ground=chosen.value,
        reference=reference,
        actor_kind=actor.kind,
        actor_id=actor.id,
        at=as_utc(at) if at is not None else datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="consent.exception_used",
        subject_id=subject_id,
        purpose=purpose,
        categories=entry.categories,
        refs={"exception_id": row.id, "ground": chosen.value, "reference": reference or None},
    )
    return row
