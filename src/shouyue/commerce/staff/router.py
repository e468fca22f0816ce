"""The staff console API: login, the signed-in member, the role table, staff management."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from shouyue.commerce.staff import service
from shouyue.commerce.staff.dependencies import CurrentStaff, NowDep, StaffManager, staff_token
from shouyue.commerce.staff.exceptions import StaffError
from shouyue.commerce.staff.models import StaffMember
from shouyue.commerce.staff.roles import ROLE_PERMISSIONS, Permission
from shouyue.commerce.staff.schemas import (
    PermissionRead,
    RoleRead,
    StaffCreate,
    StaffLogin,
    StaffPage,
    StaffRead,
    StaffSessionRead,
)
from shouyue.web.deps import SessionDep

router = APIRouter(prefix="/staff", tags=["员工工作台"])


def valid_staff_id(staff_id: str, session: SessionDep) -> StaffMember:
    """The staff member named in the path; 404 otherwise."""
    return service.get_or_raise(session=session, staff_id=staff_id)


TargetStaff = Annotated[StaffMember, Depends(valid_staff_id)]


@router.post("/session", response_model=StaffSessionRead, summary="员工登录")
def log_in(login_in: StaffLogin, session: SessionDep, now: NowDep) -> StaffSessionRead:
    outcome = service.log_in(session=session, username=login_in.username, password=login_in.password, now=now)
    session.commit()  # the failure count is kept even when the login is refused
    if isinstance(outcome, StaffError):
        raise outcome
    return StaffSessionRead(token=outcome.token, expires_at=outcome.expires_at, staff=StaffRead.of(outcome.staff))


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT, summary="员工退出登录")
def log_out(request: Request, session: SessionDep, now: NowDep, _staff: CurrentStaff) -> Response:
    token = staff_token(request)
    if token is not None:
        service.log_out(session=session, token=token, now=now)
        session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=StaffRead, summary="当前员工及其角色权限")
def me(staff: CurrentStaff) -> StaffRead:
    return StaffRead.of(staff)


@router.get("/roles", response_model=list[RoleRead], summary="角色与权限表")
def roles(_staff: CurrentStaff) -> list[RoleRead]:
    return [
        RoleRead(
            code=role.value,
            label=role.label,
            permissions=[
                PermissionRead(code=p.value, label=p.label) for p in sorted(granted, key=list(Permission).index)
            ],
        )
        for role, granted in ROLE_PERMISSIONS.items()
    ]


@router.get("/members", response_model=StaffPage, summary="员工列表")
def list_members(session: SessionDep, _manager: StaffManager) -> StaffPage:
    return StaffPage(items=[StaffRead.of(s) for s in service.get_all(session=session)])


@router.post("/members", response_model=StaffRead, status_code=status.HTTP_201_CREATED, summary="创建员工账号")
def create_member(staff_in: StaffCreate, session: SessionDep, now: NowDep, manager: StaffManager) -> StaffRead:
    staff = service.create(
        session=session,
        username=staff_in.username,
        role=staff_in.role,
        password=staff_in.password,
        actor=service.actor_of(manager),
        now=now,
    )
    session.commit()
    return StaffRead.of(staff)


@router.post("/members/{staff_id}/disable", response_model=StaffRead, summary="停用员工账号")
def disable_member(target: TargetStaff, session: SessionDep, now: NowDep, manager: StaffManager) -> StaffRead:
    staff = service.disable(session=session, staff=target, actor=service.actor_of(manager), now=now)
    session.commit()
    return StaffRead.of(staff)
