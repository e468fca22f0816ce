"""``reveal``: plaintext only for a purpose declared to use the category; staff reveals are audited."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.engine import get_vault
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import AuditEntry
from shouyue.privacy.errors import PurposeNotAllowed, UnknownPurpose
from shouyue.privacy.vault import REVEAL_ACTION, Vault, reveal
from tests.privacy.vault.support import PHONE

STAFF = Actor(kind="staff", id="staff-7", role="customer_service")
SUBJECT = Actor(kind="subject", id="acct-1")


def _reveals(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL_ACTION)))


def test_a_declared_purpose_reveals_the_value(db_session: Session, vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert reveal(db_session, sealed, purpose="account.register", actor=SUBJECT, vault=vault) == PHONE


def test_a_purpose_not_declared_for_the_category_is_refused(db_session: Session, vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    with pytest.raises(
        PurposeNotAllowed, match=re.escape("'order.fulfilment' is not declared to use category 'contact.phone'")
    ):
        reveal(db_session, sealed, purpose="order.fulfilment", actor=STAFF, vault=vault)
    assert _reveals(db_session) == []


def test_an_unknown_purpose_is_refused(db_session: Session, vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    with pytest.raises(UnknownPurpose):
        reveal(db_session, sealed, purpose="curiosity", actor=STAFF, vault=vault)


@pytest.mark.promise("P79")
def test_a_staff_reveal_is_audited_without_the_value(db_session: Session, vault: Vault) -> None:
    # given a sealed phone number
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    # when a staff member reveals it for a declared purpose
    plaintext = reveal(db_session, sealed, purpose="account.register", actor=STAFF, vault=vault)
    db_session.flush()
    # then one audit entry names who, why, which category, subject and key; never the value or its mask
    assert plaintext == PHONE
    [entry] = _reveals(db_session)
    assert (entry.actor_kind, entry.actor_id, entry.actor_role) == ("staff", "staff-7", "customer_service")
    assert (entry.subject_id, entry.purpose, entry.categories) == ("acct-1", "account.register", ["contact.phone"])
    assert entry.refs == {"key_id": sealed.key_id, "scope": "everyday"}
    stored = json.dumps({c.name: str(getattr(entry, c.key)) for c in AuditEntry.__table__.columns})
    assert PHONE not in stored
    assert sealed.mask not in stored


def test_a_subject_reading_their_own_value_is_not_audited(db_session: Session, vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    reveal(db_session, sealed, purpose="account.register", actor=SUBJECT, vault=vault)
    assert _reveals(db_session) == []


def test_reveal_uses_the_application_vault_by_default(db_session: Session) -> None:
    sealed = get_vault().seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert reveal(db_session, sealed, purpose="account.register", actor=SUBJECT) == PHONE
