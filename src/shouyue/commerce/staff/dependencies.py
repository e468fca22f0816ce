"""Route dependencies of the staff console: the signed-in staff member and permission gates.

A staff session is presented as ``Authorization: Bearer sy_staff_...`` (API) or in its own
cookie (console pages). Neither is ever a buyer's session: staff tokens live in their own table
under their own prefix and cookie name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from shouyue.commerce.staff import service
from shouyue.commerce.staff.exceptions import StaffNotAuthenticated
from shouyue.commerce.staff.models import StaffMember
from shouyue.commerce.staff.roles import Permission
from shouyue.web.deps import SessionDep

STAFF_COOKIE = "shouyue_staff"


def get_now() -> datetime:
    """The time a request is handled at (tests override it to travel in time)."""
    return datetime.now(UTC)


NowDep = Annotated[datetime, Depends(get_now)]


def staff_token(request: Request) -> str | None:
    """The staff session token the request presents, if any."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip().startswith(service.TOKEN_PREFIX):
        return value.strip()
    return request.cookies.get(STAFF_COOKIE) or None


def get_optional_staff(request: Request, session: SessionDep, now: NowDep) -> StaffMember | None:
    """The signed-in staff member, or None."""
    token = staff_token(request)
    if token is None:
        return None
    staff = service.staff_for_token(session=session, token=token, now=now)
    if staff is not None:
        session.commit()  # keeps the refreshed last-seen time, so an active session does not idle out
    return staff


OptionalStaff = Annotated[StaffMember | None, Depends(get_optional_staff)]


def get_current_staff(staff: OptionalStaff) -> StaffMember:
    """The signed-in staff member; refuses the request otherwise."""
    if staff is None:
        raise StaffNotAuthenticated()
    return staff


CurrentStaff = Annotated[StaffMember, Depends(get_current_staff)]


def require_permission(permission: Permission) -> Callable[[StaffMember], StaffMember]:
    """A dependency that lets the request through only for a staff role granting ``permission``."""

    def dependency(staff: CurrentStaff) -> StaffMember:
        service.require_permission(staff=staff, permission=permission)
        return staff

    return dependency


StaffManager = Annotated[StaffMember, Depends(require_permission(Permission.STAFF_MANAGE))]
MaskedViewer = Annotated[StaffMember, Depends(require_permission(Permission.PI_VIEW_MASKED))]
Revealer = Annotated[StaffMember, Depends(require_permission(Permission.PI_REVEAL))]
