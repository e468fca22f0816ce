"""Errors of the audit log. Messages name the field at fault, never its value (it may be PI)."""

from __future__ import annotations

from shouyue.privacy.errors import PrivacyError


class AuditEntryRefused(PrivacyError, ValueError):
    """An append was refused: a field is not an id or code of the expected shape, or looks like PI."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"audit entry refused: {field} {reason}")
        self.field = field
        self.reason = reason
