"""A guardian's consent for a child's account, verified through the guardian's own phone (P65).

The child (or the guardian holding the child's device) enters the guardian's mobile number; a
code goes to that number through the disclosure gateway to the SMS carrier; entering the code
records the guardian's consent in the consent engine, naming the guardian by a keyed hash of
the phone. The guardian's phone must differ from the child's own.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import InvalidPhone as AccountsInvalidPhone
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.accounts.phones import PHONE_CATEGORY, parse_mainland_mobile
from shouyue.commerce.identity import service
from shouyue.commerce.identity.exceptions import (
    GuardianAlreadyVerified,
    GuardianCodeExpired,
    GuardianCodeMissing,
    GuardianCodeTooSoon,
    GuardianNotRequired,
    GuardianPhoneIsChilds,
    InvalidPhone,
    WrongGuardianCode,
)
from shouyue.commerce.identity.models import GuardianChallenge
from shouyue.privacy import consent
from shouyue.privacy.consent import Channel, GuardianConsent
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.privacy.masking import mask
from shouyue.privacy.vault import Vault, reveal

GUARDIAN_CATEGORY = "minor.guardian"
CODE_CATEGORY = "auth.sms_code"
CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
RESEND_INTERVAL = timedelta(seconds=60)
MAX_FAILED_TRIES = 5
SMS_RECIPIENT = "partner.sms_carrier"
SMS_PURPOSE = "account.sms_verification"


@dataclass(frozen=True, slots=True)
class GuardianCodeIssued:
    """A code recorded and disclosed to the carrier; send ``disclosure`` after committing."""

    challenge_id: int
    masked_phone: str
    expires_at: datetime
    disclosure: Disclosure

    @property
    def valid_minutes(self) -> int:
        return int(CODE_TTL.total_seconds() // 60)


def _digest(vault: Vault, *, salt: str, code: str) -> str:
    # A keyed hash bound to the row's salt: a database dump alone cannot test the million codes.
    return vault.keyed_hash(f"{salt}:guardian:{code}", category=CODE_CATEGORY)


def _pending_or_raise(*, session: Session, account: Account, today: date) -> None:
    status = service.minor_status(session=session, account_id=account.id, today=today)
    if not status.is_child:
        raise GuardianNotRequired()
    if status.guardian == "verified":
        raise GuardianAlreadyVerified()


def request_code(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    account: Account,
    guardian_phone: str,
    now: datetime,
    today: date,
) -> GuardianCodeIssued:
    """Send a code to the guardian's own phone for a child's account that awaits consent."""
    _pending_or_raise(session=session, account=account, today=today)
    try:
        phone = parse_mainland_mobile(guardian_phone)
    except AccountsInvalidPhone:
        raise InvalidPhone() from None
    if account.phone_index is not None and vault.blind_index(phone, category=PHONE_CATEGORY) == account.phone_index:
        raise GuardianPhoneIsChilds()
    latest = _latest(session=session, account_id=account.id)
    if latest is not None and now - latest.created_at < RESEND_INTERVAL:
        wait = RESEND_INTERVAL - (now - latest.created_at)
        raise GuardianCodeTooSoon(max(1, int(wait.total_seconds())))
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    challenge = GuardianChallenge(
        account_id=account.id,
        guardian_phone=vault.seal(phone, category=GUARDIAN_CATEGORY, subject_id=account.id),
        salt=salt,
        code_hash=_digest(vault, salt=salt, code=code),
        created_at=now,
        expires_at=now + CODE_TTL,
        failed_attempts=0,
    )
    session.add(challenge)
    session.flush()
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=SMS_RECIPIENT,
        purpose=SMS_PURPOSE,
        subject_id=account.id,
        fields={PHONE_CATEGORY: phone, CODE_CATEGORY: code},
        actor=service.SYSTEM,
        now=now,
    )
    return GuardianCodeIssued(
        challenge_id=challenge.id,
        masked_phone=mask("phone", phone),
        expires_at=challenge.expires_at,
        disclosure=disclosure,
    )


def _latest(*, session: Session, account_id: str) -> GuardianChallenge | None:
    return session.scalars(
        select(GuardianChallenge)
        .where(GuardianChallenge.account_id == account_id)
        .order_by(GuardianChallenge.created_at.desc(), GuardianChallenge.id.desc())
        .limit(1)
    ).first()


def confirm_code(
    *,
    session: Session,
    vault: Vault,
    account: Account,
    code: str,
    channel: Channel | str,
    now: datetime,
    today: date,
) -> GuardianConsent:
    """Record the guardian's consent if ``code`` matches the newest code sent to them. A wrong code
    counts a try (``keep_changes``: the caller commits before answering); the fifth locks it."""
    _pending_or_raise(session=session, account=account, today=today)
    challenge = _latest(session=session, account_id=account.id)
    if challenge is None or challenge.used_at is not None:
        raise GuardianCodeMissing()
    if challenge.failed_attempts >= MAX_FAILED_TRIES or challenge.expires_at <= now:
        raise GuardianCodeExpired()
    entered = code.strip()
    if not hmac.compare_digest(_digest(vault, salt=challenge.salt, code=entered), challenge.code_hash):
        challenge.failed_attempts += 1
        session.flush()
        raise WrongGuardianCode(MAX_FAILED_TRIES - challenge.failed_attempts)
    # Conditional update: of two requests racing with the same code, exactly one uses it up.
    used = session.execute(
        update(GuardianChallenge)
        .where(GuardianChallenge.id == challenge.id, GuardianChallenge.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise GuardianCodeMissing()
    phone = reveal(session, challenge.guardian_phone, purpose=service.GUARDIAN_PURPOSE, actor=service.SYSTEM)
    record = consent.record_guardian_consent(
        session=session,
        subject_id=account.id,
        guardian_ref=vault.keyed_hash(phone, category=GUARDIAN_CATEGORY),
        channel=channel,
        verified_at=now,
        evidence=f"sms_code:{challenge.id}",
        actor=service.SYSTEM,
    )
    minor = service.get_minor_record(session=session, account_id=account.id)
    if minor is not None:
        minor.guardian_verified_at = now
        minor.guardian_contact = challenge.guardian_phone
        minor.pi_deleted_at = None  # a later withdrawal is swept again (P67)
    session.flush()
    return record
