"""One-time SMS codes (P08): 6 digits, valid 5 minutes, single use, locked after 5 wrong tries,
stored only as a keyed hash (HMAC under the vault's separately kept key), never in plaintext.

The code leaves the platform once, through the disclosure gateway to the SMS carrier; the
carrier is sent the ``Disclosure`` after the caller commits.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import (
    CodeExpired,
    CodeInvalid,
    CodeLocked,
    CodeMalformed,
    CodeNotRequested,
    CodeUsed,
)
from shouyue.commerce.accounts.models import SmsCode
from shouyue.commerce.accounts.phones import PHONE_CATEGORY
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.privacy.vault import Vault

CODE_CATEGORY = "auth.sms_code"
CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
MAX_FAILED_TRIES = 5
SMS_RECIPIENT = "partner.sms_carrier"
SMS_PURPOSE = "account.sms_verification"
PURGE_BATCH = 500


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A code recorded and disclosed to the carrier; send ``disclosure`` after committing."""

    row: SmsCode
    disclosure: Disclosure

    @property
    def valid_minutes(self) -> int:
        return int(CODE_TTL.total_seconds() // 60)


def _digest(vault: Vault, *, salt: str, purpose: str, code: str) -> str:
    # Bound to the row's random salt and the purpose: a hash copied to another row or purpose fails.
    return vault.keyed_hash(f"{salt}:{purpose}:{code}", category=CODE_CATEGORY)


def issue(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    phone: str,
    phone_index: str,
    subject_id: str,
    purpose: str,
    now: datetime,
) -> IssuedCode:
    """Record a new code for ``phone`` (its keyed hash) and disclose it to the SMS carrier."""
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    row = SmsCode(
        subject_id=subject_id,
        phone=vault.seal(phone, category=PHONE_CATEGORY, subject_id=subject_id, lookup=True),
        phone_index=phone_index,
        purpose=purpose,
        salt=salt,
        code_hash=_digest(vault, salt=salt, purpose=purpose, code=code),
        created_at=now,
        expires_at=now + CODE_TTL,
        failed_attempts=0,
    )
    session.add(row)
    session.flush()
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=SMS_RECIPIENT,
        purpose=SMS_PURPOSE,
        subject_id=subject_id,
        fields={PHONE_CATEGORY: phone, CODE_CATEGORY: code},
        actor=Actor.system("accounts"),
        now=now,
    )
    return IssuedCode(row=row, disclosure=disclosure)


def verify(*, session: Session, vault: Vault, phone_index: str, purpose: str, code: str, now: datetime) -> SmsCode:
    """Use up the latest code sent to the phone for ``purpose`` if ``code`` matches it.

    A wrong code counts a try (the caller commits it before answering); the fifth wrong try
    locks the code. Only the newest code counts: requesting a new one retires the old.
    """
    code = code.strip()
    if len(code) != CODE_DIGITS or not code.isascii() or not code.isdigit():
        raise CodeMalformed("code is not 6 digits")
    row = session.scalars(
        select(SmsCode)
        .where(SmsCode.phone_index == phone_index, SmsCode.purpose == purpose)
        .order_by(SmsCode.created_at.desc(), SmsCode.id.desc())
        .limit(1)
    ).first()
    if row is None:
        raise CodeNotRequested("no code was sent to this phone for this purpose")
    if row.used_at is not None:
        raise CodeUsed("code already used")
    if row.locked_at is not None:
        raise CodeLocked("code locked after too many wrong tries")
    if row.expires_at <= now:
        raise CodeExpired("code expired")
    if not hmac.compare_digest(_digest(vault, salt=row.salt, purpose=purpose, code=code), row.code_hash):
        _count_failure(session, row, now=now)
    # Conditional update: of two requests racing with the same code, exactly one uses it up.
    used = session.execute(
        update(SmsCode)
        .where(SmsCode.id == row.id, SmsCode.used_at.is_(None), SmsCode.locked_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeUsed("code used by a concurrent request")
    session.refresh(row)
    return row


def _count_failure(session: Session, row: SmsCode, *, now: datetime) -> None:
    session.execute(
        update(SmsCode)
        .where(SmsCode.id == row.id)
        .values(failed_attempts=SmsCode.failed_attempts + 1)
        .execution_options(synchronize_session=False)
    )
    tries = session.scalar(select(SmsCode.failed_attempts).where(SmsCode.id == row.id)) or 0
    if tries >= MAX_FAILED_TRIES:
        session.execute(
            update(SmsCode)
            .where(SmsCode.id == row.id, SmsCode.locked_at.is_(None))
            .values(locked_at=now)
            .execution_options(synchronize_session=False)
        )
        raise CodeLocked(f"code locked after {tries} wrong tries")
    raise CodeInvalid(f"wrong code ({tries} of {MAX_FAILED_TRIES})")


def purge_expired(*, session: Session, datamap: DataMap, now: datetime) -> int:
    """Delete verification records past their retention (data map rule ``auth.sms_code``), one
    bounded batch per call, so the sweep rides along with code requests."""
    period = datamap.retention_rule(CODE_CATEGORY).period or CODE_TTL
    ids = list(session.scalars(select(SmsCode.id).where(SmsCode.created_at < now - period).limit(PURGE_BATCH)))
    if not ids:
        return 0
    session.execute(delete(SmsCode).where(SmsCode.id.in_(ids)).execution_options(synchronize_session=False))
    return len(ids)
