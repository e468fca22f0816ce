"""Login sessions: cookies for pages, bearer tokens for the API.

A token is 32 random bytes given to the client once; the database keeps only its SHA-256
(the token is high-entropy, so a plain digest cannot be reversed by guessing). Sessions expire
30 days after login (the data map's ``web.session`` rule); "log out everywhere" revokes all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import AccountUnavailable, SessionInvalid
from shouyue.commerce.accounts.models import Account, AccountSession, Edition, SessionKind

SESSION_LIFETIME = timedelta(days=30)
# last_seen_at is refreshed at most this often, so reading pages does not write on every request.
TOUCH_EVERY = timedelta(minutes=10)
TOKEN_BYTES = 32
_MAX_TOKEN_LENGTH = 128


@dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new session and its token (the only time the token exists outside the client)."""

    token: str
    row: AccountSession


def hash_token(token: str) -> str:
    """The stored form of a session (or challenge, or ticket) token."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def issue(*, session: Session, account: Account, kind: SessionKind, edition: Edition, now: datetime) -> IssuedSession:
    """Open a session for ``account``."""
    token = new_token()
    row = AccountSession(
        account_id=account.id,
        token_hash=hash_token(token),
        kind=kind.value,
        edition=edition.value,
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return IssuedSession(token=token, row=row)


def resolve(*, session: Session, token: str, kind: SessionKind, now: datetime) -> tuple[AccountSession, Account]:
    """The live session behind ``token`` and its account; forged, expired, revoked or
    wrong-kind tokens raise :class:`SessionInvalid`."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        raise SessionInvalid("empty or over-long token")
    found = session.execute(
        select(AccountSession, Account)
        .join(Account, Account.id == AccountSession.account_id)
        .where(AccountSession.token_hash == hash_token(token))
    ).first()
    if found is None:
        raise SessionInvalid("unknown token")
    row, account = found[0], found[1]
    if row.kind != kind.value or row.revoked_at is not None or row.expires_at <= now:
        raise SessionInvalid("revoked, expired or of another kind")
    if not account.is_active:
        raise AccountUnavailable("account is not active")
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row, account


def revoke(*, session: Session, row: AccountSession, now: datetime) -> None:
    """Log one session out."""
    if row.revoked_at is None:
        row.revoked_at = now
    session.flush()


def revoke_all(*, session: Session, account_id: str, now: datetime) -> int:
    """Log the account out everywhere: every live session, cookie or bearer. Returns how many."""
    result = session.execute(
        update(AccountSession)
        .where(AccountSession.account_id == account_id, AccountSession.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def csrf_token_for(session_token: str) -> str:
    """The per-session CSRF token of a page session: derived, so nothing more is stored."""
    return hmac.new(session_token.encode(), b"shouyue-csrf-v1", hashlib.sha256).hexdigest()
