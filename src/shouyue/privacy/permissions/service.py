"""Device permissions as the apps report them, and the server's side of them (P31).

The apps ask the operating system; the server keeps what they report, refuses data from a
feature whose permission is not granted, and tells the apps when they may ask again. Times
are passed in, so every decision can be tested at any point on the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from shouyue.privacy.permissions.exceptions import PermissionNotGranted, UnknownPermission, UnknownPermissionState
from shouyue.privacy.permissions.models import DevicePermission, Permission, PermissionState
from shouyue.privacy.permissions.rows import as_utc, upsert

# 二(三): after a refusal the apps do not ask again for this long.
QUIET_AFTER_REFUSAL = timedelta(hours=48)

_table: Table = DevicePermission.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class PermissionStatus:
    """One subject's state for one permission; ``not_asked`` with no times when nothing was reported."""

    permission: Permission
    state: PermissionState
    decided_at: datetime | None = None
    last_prompted_at: datetime | None = None


def permission_of(permission: Permission | str) -> Permission:
    """The permission, or :class:`UnknownPermission`."""
    try:
        return Permission(permission)
    except ValueError:
        raise UnknownPermission(str(permission), [p.value for p in Permission]) from None


def _state_of(state: PermissionState | str) -> PermissionState:
    try:
        return PermissionState(state)
    except ValueError:
        raise UnknownPermissionState(str(state), [s.value for s in PermissionState]) from None


def status(*, session: Session, subject_id: str, permission: Permission | str) -> PermissionStatus:
    """The current state as last reported (``not_asked`` when nothing was)."""
    chosen = permission_of(permission)
    # Columns, not entities: an upsert bypasses the identity map, so an entity could be stale.
    row = session.execute(
        select(DevicePermission.state, DevicePermission.decided_at, DevicePermission.last_prompted_at).where(
            DevicePermission.subject_id == subject_id, DevicePermission.permission == chosen.value
        )
    ).one_or_none()
    if row is None:
        return PermissionStatus(permission=chosen, state=PermissionState.NOT_ASKED)
    return PermissionStatus(
        permission=chosen,
        state=PermissionState(row.state),
        decided_at=row.decided_at,
        last_prompted_at=row.last_prompted_at,
    )


def statuses(*, session: Session, subject_id: str) -> list[PermissionStatus]:
    """Every permission's state for the subject, in the notice's order (for the settings page)."""
    return [status(session=session, subject_id=subject_id, permission=p) for p in Permission]


def report(
    *, session: Session, subject_id: str, permission: Permission | str, state: PermissionState | str, at: datetime
) -> PermissionStatus:
    """Record the state an app reports; a grant or refusal is the subject's decision at ``at``."""
    chosen, new_state, when = permission_of(permission), _state_of(state), as_utc(at)
    before = status(session=session, subject_id=subject_id, permission=chosen)
    decided_at = None if new_state is PermissionState.NOT_ASKED else when
    upsert(
        session,
        _table,
        key=("subject_id", "permission"),
        values={
            "subject_id": subject_id,
            "permission": chosen.value,
            "state": new_state.value,
            "decided_at": decided_at,
            "last_prompted_at": before.last_prompted_at,
            "updated_at": when,
        },
    )
    return PermissionStatus(
        permission=chosen, state=new_state, decided_at=decided_at, last_prompted_at=before.last_prompted_at
    )


def record_prompt(*, session: Session, subject_id: str, permission: Permission | str, at: datetime) -> PermissionStatus:
    """Record that an app showed the system prompt at ``at`` (whatever the subject then chose)."""
    chosen, when = permission_of(permission), as_utc(at)
    before = status(session=session, subject_id=subject_id, permission=chosen)
    upsert(
        session,
        _table,
        key=("subject_id", "permission"),
        values={
            "subject_id": subject_id,
            "permission": chosen.value,
            "state": before.state.value,
            "decided_at": before.decided_at,
            "last_prompted_at": when,
            "updated_at": when,
        },
    )
    return PermissionStatus(permission=chosen, state=before.state, decided_at=before.decided_at, last_prompted_at=when)


def should_prompt(*, session: Session, subject_id: str, permission: Permission | str, now: datetime) -> bool:
    """Whether an app may ask for the permission at ``now``: never when granted, and not within
    48 hours of a refusal (P31)."""
    when = as_utc(now)
    current = status(session=session, subject_id=subject_id, permission=permission)
    if current.state is PermissionState.GRANTED:
        return False
    # A prompt dismissed without an answer counts as a refusal: asking again at once is the
    # nagging the rule forbids.
    refusals = [current.last_prompted_at]
    if current.state is PermissionState.DENIED:
        refusals.append(current.decided_at)
    last = max((t for t in refusals if t is not None), default=None)
    return last is None or when - last >= QUIET_AFTER_REFUSAL


def require_permission(*, session: Session, subject_id: str, permission: Permission | str) -> None:
    """Refuse data from a feature whose permission the subject has not granted (P31)."""
    current = status(session=session, subject_id=subject_id, permission=permission)
    if current.state is not PermissionState.GRANTED:
        raise PermissionNotGranted(current.permission.value, current.permission.label)
