"""Real-name verification (P11), a child's age and protections (P65, P66) and the deletion of a
child's PI collected without verifiable guardian consent (P67).

The caller owns the transaction: these functions flush, the route, task or command commits.
Side effects outside the database (sending an SMS) happen after the commit, with what these
functions return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account
from shouyue.commerce.identity import id_numbers
from shouyue.commerce.identity.exceptions import (
    AccountNotFound,
    AlreadyVerified,
    ChildProtectionRefused,
    GuardianConsentPending,
    IdNumberInUse,
    InvalidBirthDate,
    NotVerified,
)
from shouyue.commerce.identity.models import AgeSource, GuardianChallenge, MinorRecord, RealNameVerification
from shouyue.commerce.staff import service as staff_service
from shouyue.commerce.staff.models import StaffMember
from shouyue.privacy import audit, consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import Channel, ConsentEvent
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.vault import Vault, reveal

REAL_NAME_PURPOSE = "identity.real_name_verification"
GUARDIAN_PURPOSE = "minor.guardian_consent"
AGE_FLAG = "minor.age_flag"
# How long a child's account may wait for a guardian's verified consent before the PI collected
# without it is deleted (P67).
GUARDIAN_DEADLINE = timedelta(hours=72)
PURGE_BATCH = 200
SYSTEM = Actor.system("identity")
_FLAG_PREFIX = "under14_until="
# Ages are counted by the calendar in mainland China (UTC+8 all year, no daylight saving).
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")

# Purposes a child is never processed for (P66): marketing of every kind and personalisation.
CHILD_REFUSED_PURPOSES = frozenset({"recommendation.personalised"})
CHILD_REFUSED_PREFIXES = ("marketing.",)


def china_today(now: datetime) -> date:
    """The calendar day in mainland China at the instant ``now``."""
    return now.astimezone(CHINA).date()


def refused_for_children(purpose: str) -> bool:
    """Whether ``purpose`` is never used for a child under 14."""
    return purpose in CHILD_REFUSED_PURPOSES or purpose.startswith(CHILD_REFUSED_PREFIXES)


# --- reading ---------------------------------------------------------------------------------------


def get_account_or_raise(*, session: Session, account_id: str) -> Account:
    """The account with ``account_id``; raises ``AccountNotFound``."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountNotFound()
    return account


def get_real_name(*, session: Session, account_id: str) -> RealNameVerification | None:
    """The account's verified real name and ID number (sealed), or None."""
    return session.scalar(select(RealNameVerification).where(RealNameVerification.account_id == account_id))


def get_minor_record(*, session: Session, account_id: str) -> MinorRecord | None:
    """The account's under-14 record, or None when it was never found to belong to a child."""
    return session.get(MinorRecord, account_id)


def protections_end(*, session: Session, record: MinorRecord) -> date:
    """The day the child turns 14, read from the sealed age flag."""
    flag = reveal(session, record.age_flag, purpose=GUARDIAN_PURPOSE, actor=SYSTEM)
    return date.fromisoformat(flag.removeprefix(_FLAG_PREFIX))


def is_child(*, session: Session, account_id: str, today: date) -> bool:
    """Whether the account belongs to a child under 14 on ``today``."""
    record = get_minor_record(session=session, account_id=account_id)
    return record is not None and today < protections_end(session=session, record=record)


GuardianState = Literal["not_required", "pending", "verified"]


@dataclass(frozen=True, slots=True)
class MinorStatus:
    """What the account's age means for it today."""

    is_child: bool
    guardian: GuardianState
    guardian_deadline: datetime | None
    pi_deleted: bool

    @property
    def can_transact(self) -> bool:
        return self.guardian != "pending"


def minor_status(*, session: Session, account_id: str, today: date) -> MinorStatus:
    """Whether the account is a child's and where its guardian's consent stands."""
    record = get_minor_record(session=session, account_id=account_id)
    if record is None or today >= protections_end(session=session, record=record):
        return MinorStatus(is_child=False, guardian="not_required", guardian_deadline=None, pi_deleted=False)
    verified = consent.guardian_consent(session=session, subject_id=account_id) is not None
    return MinorStatus(
        is_child=True,
        guardian="verified" if verified else "pending",
        guardian_deadline=None if verified else record.guardian_deadline,
        pi_deleted=record.pi_deleted_at is not None,
    )


# --- hooks for the rest of the platform ----------------------------------------------------------


def ensure_can_transact(*, session: Session, account_id: str, today: date) -> None:
    """Refuse with ``GuardianConsentPending`` an account of a child under 14 whose guardian has not
    verifiably consented (P65). Checkout, shop creation and every other transaction call this."""
    if not minor_status(session=session, account_id=account_id, today=today).can_transact:
        raise GuardianConsentPending()


def may_personalise(*, session: Session, account_id: str, today: date) -> bool:
    """False for a child under 14, whatever was consented (P66); otherwise the subject's own consent
    to ``recommendation.personalised`` still decides."""
    return not is_child(session=session, account_id=account_id, today=today)


def may_market(*, session: Session, account_id: str, today: date) -> bool:
    """False for a child under 14, whatever was consented (P66); otherwise the consent to each
    ``marketing.*`` purpose still decides."""
    return not is_child(session=session, account_id=account_id, today=today)


def ensure_may_consent(*, session: Session, account_id: str, purposes: Sequence[str], today: date) -> None:
    """Refuse with ``ChildProtectionRefused`` a consent to marketing or personalisation for a child
    under 14 (P66). Call before ``consent.grant`` / ``grant_many`` for an account."""
    if any(refused_for_children(p) for p in purposes) and is_child(session=session, account_id=account_id, today=today):
        raise ChildProtectionRefused()


def grant_consent(
    *,
    session: Session,
    account_id: str,
    purpose: str,
    notice_version: str,
    channel: Channel | str,
    datamap: DataMap,
    today: date,
    evidence: str = "",
) -> ConsentEvent:
    """``consent.grant`` for an account, refusing marketing and personalisation for a child (P66).
    Account code grants consents through this function (or calls ``ensure_may_consent`` first)."""
    ensure_may_consent(session=session, account_id=account_id, purposes=[purpose], today=today)
    return consent.grant(
        session=session,
        subject_id=account_id,
        purpose=purpose,
        notice_version=notice_version,
        channel=channel,
        datamap=datamap,
        evidence=evidence,
    )


# --- real name and age ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verified:
    """A real-name verification just recorded, and what the birth date meant for the account."""

    verification: RealNameVerification
    minor: MinorStatus


def verify_real_name(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    account: Account,
    real_name: str,
    id_number: str,
    now: datetime,
    today: date,
) -> Verified:
    """Record the account's real name and ID number, sealed (P11).

    The ID number's birth date sets the account's age. For a child under 14 without a verified
    guardian's consent nothing of the name or number is kept: the account is marked as a child's
    (a sealed age flag, kept on purpose, hence ``keep_changes``) and the request is refused until a
    guardian consents (P65)."""
    name = id_numbers.parse_real_name(real_name)
    number = id_numbers.parse_id_number(id_number, today=today)
    if get_real_name(session=session, account_id=account.id) is not None:
        raise AlreadyVerified()
    index = vault.blind_index(number.value, category="identity.id_number")
    taken = session.scalar(select(RealNameVerification.account_id).where(RealNameVerification.id_number_index == index))
    if taken is not None:
        raise IdNumberInUse()
    status = record_birth_date(
        session=session,
        vault=vault,
        datamap=datamap,
        account_id=account.id,
        birth_date=number.birth_date,
        source=AgeSource.ID_NUMBER,
        now=now,
        today=today,
    )
    if not status.can_transact:
        raise GuardianConsentPending(keep_changes=True)
    verification = RealNameVerification(
        account_id=account.id,
        real_name=vault.seal(name, category="identity.real_name", subject_id=account.id),
        id_number=vault.seal(number.value, category="identity.id_number", subject_id=account.id, lookup=True),
        verified_at=now,
    )
    session.add(verification)
    session.flush()
    audit.append(
        session,
        actor=Actor(kind="subject", id=account.id),
        action="identity.real_name_verified",
        subject_id=account.id,
        purpose=REAL_NAME_PURPOSE,
        categories=["identity.real_name", "identity.id_number"],
        refs={"verification_id": verification.id},
    )
    return Verified(verification=verification, minor=status)


def record_birth_date(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    account_id: str,
    birth_date: date,
    source: str,
    now: datetime,
    today: date,
) -> MinorStatus:
    """Note what a birth date (from an ID number, or declared at registration) means for the
    account: for a child under 14, a sealed age flag, a guardian deadline, and the withdrawal of
    any marketing or personalisation consent (P65, P66). Nothing is stored for anyone older."""
    if not id_numbers.EARLIEST_BIRTH <= birth_date <= today:
        raise InvalidBirthDate()
    if consent.is_under_14(birth_date=birth_date, today=today):
        record = get_minor_record(session=session, account_id=account_id)
        if record is None:
            ends = _fourteenth_birthday(birth_date)
            record = MinorRecord(
                account_id=account_id,
                age_flag=vault.seal(f"{_FLAG_PREFIX}{ends.isoformat()}", category=AGE_FLAG, subject_id=account_id),
                source=source,
                found_at=now,
                guardian_deadline=now + GUARDIAN_DEADLINE,
            )
            session.add(record)
            session.flush()
            audit.append(
                session,
                actor=SYSTEM,
                action="identity.minor_found",
                subject_id=account_id,
                purpose=GUARDIAN_PURPOSE,
                categories=[AGE_FLAG],
                refs={"source": source},
            )
        _withdraw_refused_consents(session=session, datamap=datamap, account_id=account_id)
    return minor_status(session=session, account_id=account_id, today=today)


def _fourteenth_birthday(birth_date: date) -> date:
    try:
        return birth_date.replace(year=birth_date.year + consent.GUARDIAN_AGE)
    except ValueError:  # born on 29 February: the birthday falls on 1 March in a common year
        return date(birth_date.year + consent.GUARDIAN_AGE, 3, 1)


def _withdraw_refused_consents(*, session: Session, datamap: DataMap, account_id: str) -> None:
    for purpose in sorted(consent.granted_purposes(session=session, subject_id=account_id)):
        if refused_for_children(purpose):
            consent.withdraw(
                session=session,
                subject_id=account_id,
                purpose=purpose,
                channel=Channel.API,
                datamap=datamap,
                evidence="minor_protection",
                actor=SYSTEM,
            )


# --- P67: deleting a child's PI collected without verifiable guardian consent --------------------


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """Accounts whose child PI was deleted; the accounts domain follows up on the account itself."""

    account_ids: tuple[str, ...]


def purge_unverified_minors(*, session: Session, now: datetime, batch: int = PURGE_BATCH) -> PurgeReport:
    """Delete the real name, ID number and guardian data of children who have no standing,
    verified guardian consent once their deadline has passed: never obtained, or withdrawn by the
    guardian since (P67). One bounded batch per call; idempotent. The sealed age flag stays: it is
    what keeps protecting the child (no transactions, no marketing). The returned account ids are
    for the accounts domain, which deletes what it holds of the child."""
    today = china_today(now)
    candidates = session.scalars(
        select(MinorRecord)
        .where(MinorRecord.guardian_deadline <= now, MinorRecord.pi_deleted_at.is_(None))
        .order_by(MinorRecord.guardian_deadline)
        .limit(batch)
    ).all()
    purged: list[str] = []
    for record in candidates:
        account_id = record.account_id
        if consent.guardian_consent(session=session, subject_id=account_id) is not None:
            continue
        if today >= protections_end(session=session, record=record):
            continue  # now 14 or older: they can consent for themselves
        deleted = session.execute(
            delete(RealNameVerification)
            .where(RealNameVerification.account_id == account_id)
            .execution_options(synchronize_session="fetch")
        )
        session.execute(
            delete(GuardianChallenge)
            .where(GuardianChallenge.account_id == account_id)
            .execution_options(synchronize_session="fetch")
        )
        record.guardian_contact = None
        record.pi_deleted_at = now
        categories = ["minor.guardian"]
        if deleted.rowcount:  # type: ignore[attr-defined]
            categories = ["identity.real_name", "identity.id_number", "minor.guardian"]
        audit.append(
            session,
            actor=SYSTEM,
            action="identity.minor_pi_deleted",
            subject_id=account_id,
            purpose=GUARDIAN_PURPOSE,
            categories=categories,
            refs={"reason": "guardian_consent_missing"},
        )
        purged.append(account_id)
    session.flush()
    return PurgeReport(account_ids=tuple(purged))


# --- staff: masked by default, full values with a reason (P47) ------------------------------------

StaffField = Literal["real_name", "id_number"]


def reveal_for_staff(
    *, session: Session, staff: StaffMember, account_id: str, field: StaffField, reason: str, now: datetime
) -> str:
    """The full real name or ID number of an account, for a staff role that may reveal it, with the
    reason recorded and the reveal audited."""
    verification = get_real_name(session=session, account_id=account_id)
    if verification is None:
        raise NotVerified()
    value = verification.real_name if field == "real_name" else verification.id_number
    return staff_service.reveal_value(
        session=session, staff=staff, value=value, purpose=REAL_NAME_PURPOSE, reason=reason, now=now
    )
