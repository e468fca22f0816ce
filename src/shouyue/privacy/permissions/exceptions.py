"""Errors about device permissions. ``PermissionNotGranted`` carries the text a subject sees."""

from __future__ import annotations

from collections.abc import Sequence

from shouyue.privacy.errors import PrivacyError


class UnknownPermission(PrivacyError, ValueError):
    """A device permission name the engine does not know."""

    def __init__(self, permission: str, allowed: Sequence[str]) -> None:
        super().__init__(f"unknown device permission {permission!r}: expected one of {', '.join(allowed)}")
        self.permission = permission


class UnknownPermissionState(PrivacyError, ValueError):
    """A permission state other than granted, denied or not_asked."""

    def __init__(self, state: str, allowed: Sequence[str]) -> None:
        super().__init__(f"unknown permission state {state!r}: expected one of {', '.join(allowed)}")
        self.state = state


class PermissionNotGranted(PrivacyError):
    """Data from a feature whose device permission the subject has not granted (P31)."""

    def __init__(self, permission: str, label: str) -> None:
        super().__init__(f"未授权「{label}」权限，无法使用此功能")
        self.permission = permission
        self.label = label
