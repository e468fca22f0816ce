"""Guardian consent for subjects under 14 (P65).

The engine keeps that a guardian consented, how it was verified and when, naming the guardian
by a reference (a keyed hash of their phone, or their own account id), never by their PI.
Verifying the guardian (an SMS code to their phone, an ID check) is the application's work.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent.exceptions import GuardianConsentRequired
from shouyue.privacy.consent.models import EVIDENCE_MAX, REF_MAX, Channel, GuardianConsent
from shouyue.privacy.consent.validation import channel_of, check_reference, check_text
from shouyue.privacy.permissions.rows import as_utc

# 七1: below this age an account needs a guardian's consent.
GUARDIAN_AGE = 14


def age_on(*, birth_date: date, today: date) -> int:
    """Completed years of age on ``today``."""
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def is_under_14(*, birth_date: date, today: date) -> bool:
    """Whether a subject born on ``birth_date`` is under 14 on ``today``."""
    return age_on(birth_date=birth_date, today=today) < GUARDIAN_AGE


def record_guardian_consent(
    *,
    session: Session,
    subject_id: str,
    guardian_ref: str,
    channel: Channel | str,
    verified_at: datetime,
    evidence: str = "",
    actor: Actor | None = None,
) -> GuardianConsent:
    """Record a verified guardian's consent for the subject, and audit it."""
    chosen = channel_of(channel)
    check_reference("guardian_ref", guardian_ref, max_length=REF_MAX)
    check_text("evidence", evidence, max_length=EVIDENCE_MAX)
    row = GuardianConsent(
        subject_id=subject_id,
        guardian_ref=guardian_ref,
        channel=chosen.value,
        evidence=evidence,
        verified_at=as_utc(verified_at),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor or Actor.system(),
        action="consent.guardian_verified",
        subject_id=subject_id,
        refs={"guardian_consent_id": row.id, "guardian_ref": guardian_ref, "channel": chosen.value},
    )
    return row


def guardian_consent(*, session: Session, subject_id: str) -> GuardianConsent | None:
    """The subject's newest guardian consent that has not been withdrawn, or None."""
    return session.scalar(
        select(GuardianConsent)
        .where(GuardianConsent.subject_id == subject_id, GuardianConsent.withdrawn_at.is_(None))
        .order_by(GuardianConsent.id.desc())
        .limit(1)
    )


def withdraw_guardian_consent(
    *, session: Session, subject_id: str, channel: Channel | str, actor: Actor | None = None, at: datetime | None = None
) -> int:
    """Withdraw every standing guardian consent of the subject; returns how many there were."""
    chosen = channel_of(channel)
    when = as_utc(at) if at is not None else datetime.now(UTC)
    rows = list(
        session.scalars(
            select(GuardianConsent).where(
                GuardianConsent.subject_id == subject_id, GuardianConsent.withdrawn_at.is_(None)
            )
        )
    )
    for row in rows:
        row.withdrawn_at = when
    session.flush()
    for row in rows:
        audit.append(
            session,
            actor=actor or Actor.system(),
            action="consent.guardian_withdrawn",
            subject_id=subject_id,
            refs={"guardian_consent_id": row.id, "channel": chosen.value},
        )
    return len(rows)


def require_guardian(*, session: Session, subject_id: str, birth_date: date, today: date) -> None:
    """Refuse a subject under 14 who has no standing, verified guardian consent (P65)."""
    if not is_under_14(birth_date=birth_date, today=today):
        return
    if guardian_consent(session=session, subject_id=subject_id) is None:
        raise GuardianConsentRequired()
