"""``reveal``: the one way code outside the engine gets plaintext PI back.

The engine does not know how the application configures its key store, so the application
registers a factory of its vault (``use_default_vault``); ``shouyue.engine`` does this for Shouyue.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import append
from shouyue.privacy.errors import KeyStoreError, PurposeNotAllowed
from shouyue.privacy.vault.sealed import Sealed
from shouyue.privacy.vault.vault import Vault

REVEAL_ACTION = "pi.reveal"

_default_factory: Callable[[], Vault] | None = None


def use_default_vault(factory: Callable[[], Vault] | None) -> None:
    """Register the factory ``reveal`` uses when it is given no vault (None unregisters)."""
    global _default_factory
    _default_factory = factory


def default_vault() -> Vault:
    """The application's vault, from the registered factory."""
    if _default_factory is None:
        raise KeyStoreError("no vault is configured: pass vault=... or register one with use_default_vault()")
    return _default_factory()


def reveal(session: Session, value: Sealed, *, purpose: str, actor: Actor, vault: Vault | None = None) -> str:
    """The plaintext of ``value`` if ``purpose`` is declared to use its category; a reveal by staff
    or a merchant is written to the audit log (category, purpose, subject and key ids; never the value)."""
    vault = vault or default_vault()
    if not vault.datamap.may_use(purpose, value.category):
        raise PurposeNotAllowed(purpose, value.category)
    plaintext = vault.open(value)
    if actor.sees_others_pi:
        # Appended in the caller's transaction and committed with the work that needed the value.
        append(
            session,
            actor=actor,
            action=REVEAL_ACTION,
            subject_id=value.subject_id,
            purpose=purpose,
            categories=[value.category],
            refs={"key_id": value.key_id, "scope": value.scope},
        )
    return plaintext
