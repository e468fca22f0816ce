"""The unit of work of an identity request, and handing a committed code to the SMS carrier."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from shouyue.commerce.identity.exceptions import GuardianCodeNotSent, IdentityError
from shouyue.commerce.identity.guardian import GuardianCodeIssued
from shouyue.providers.sms import SmsDeliveryFailed, SmsSender


@contextmanager
def unit_of_work(session: Session) -> Iterator[None]:
    """Commit on success. On a refusal, commit only what the service recorded on purpose before
    refusing (a failed code try, a child's age flag; ``keep_changes``), else roll back."""
    try:
        yield
    except IdentityError as exc:
        if exc.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    session.commit()


def deliver(*, sms: SmsSender, issued: GuardianCodeIssued) -> None:
    """Send a committed guardian code through the carrier (after the commit, never before)."""
    try:
        sms.send_verification_code(issued.disclosure, valid_minutes=issued.valid_minutes)
    except SmsDeliveryFailed as exc:
        raise GuardianCodeNotSent() from exc
