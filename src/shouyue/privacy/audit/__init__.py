"""The tamper-evident audit log (P79): append-only entries chained by SHA-256, and its verification.

Entries name the actor, the action, the subject, the purpose, PI categories and ids; never the
PI itself. ``append`` refuses values that are not ids or codes (see ``guards``).
"""

from __future__ import annotations

from shouyue.privacy.audit.exceptions import AuditEntryRefused
from shouyue.privacy.audit.models import GENESIS_HASH, AuditEntry, AuditHead
from shouyue.privacy.audit.service import ChainReport, append, entries_for_subject, verify, verify_or_raise
from shouyue.privacy.errors import AuditChainBroken

__all__ = [
    "GENESIS_HASH",
    "AuditChainBroken",
    "AuditEntry",
    "AuditEntryRefused",
    "AuditHead",
    "ChainReport",
    "append",
    "entries_for_subject",
    "verify",
    "verify_or_raise",
]
