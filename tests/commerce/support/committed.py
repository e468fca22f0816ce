"""Setup for tests that need committed rows in a database of their own (races across real
connections), where the rolled-back test session cannot be used."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.models import Account, Edition, SessionKind, new_account_id
from shouyue.engine import get_vault


def account_with_token(session: Session, phone: str) -> tuple[Account, str]:
    """An account with a sealed phone and a buyer-edition bearer token (setup rows; flushed)."""
    now = datetime.now(UTC)
    account_id = new_account_id()
    account = Account(
        id=account_id,
        phone=get_vault().seal(phone, category="contact.phone", subject_id=account_id, lookup=True),
        created_at=now,
    )
    session.add(account)
    session.flush()
    issued = sessions.issue(session=session, account=account, kind=SessionKind.BEARER, edition=Edition.BUYER, now=now)
    return account, issued.token
