"""The staff console pages: login, and a dashboard that shows the role and what it may do."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shouyue.commerce.accounts import forms
from shouyue.commerce.staff import service
from shouyue.commerce.staff.dependencies import STAFF_COOKIE, NowDep, OptionalStaff, staff_token
from shouyue.commerce.staff.exceptions import StaffError
from shouyue.commerce.staff.models import StaffMember
from shouyue.commerce.staff.roles import Permission, Role, permissions_of
from shouyue.settings import get_settings
from shouyue.web.deps import SessionDep
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

NO_STORE = {"Cache-Control": "no-store"}


def _login_page(request: Request, *, error: str = "", username: str = "", status_code: int = 200) -> HTMLResponse:
    # The accounts form helper carries the double-submit CSRF token, so a login cannot be
    # forged from another site (login CSRF), and sets no-store.
    return forms.render(request, "staff/login.html", {"username": username}, status_code=status_code, error=error)


def dashboard_context(staff: StaffMember) -> dict[str, object]:
    """What the dashboard shows: the role, what it may do and what it may not."""
    granted = permissions_of(staff.role)
    return {
        "staff": staff,
        "role_label": Role(staff.role).label,
        "granted": [p for p in Permission if p in granted],
        "withheld": [p for p in Permission if p not in granted],
        "can_view_masked": Permission.PI_VIEW_MASKED in granted,
    }


@router.get("/staff", name="staff_console")
def console(request: Request, staff: OptionalStaff) -> HTMLResponse:
    if staff is None:
        return _login_page(request)
    return templates.TemplateResponse(request, "staff/dashboard.html", dashboard_context(staff), headers=NO_STORE)


@router.post("/staff/login", name="staff_login")
def log_in(
    request: Request,
    session: SessionDep,
    now: NowDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
    csrf: forms.CsrfField = "",
) -> Response:
    forms.check_csrf(request, csrf)
    outcome = service.log_in(session=session, username=username, password=password, now=now)
    session.commit()  # the failure count is kept even when the login is refused
    if isinstance(outcome, StaffError):
        return _login_page(request, error=outcome.message, username=username, status_code=outcome.status_code)
    response = RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        STAFF_COOKIE,
        outcome.token,
        max_age=int(service.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",  # console forms cannot be posted from another site with this cookie
        secure=get_settings().is_production,
        path="/",
    )
    return response


@router.post("/staff/logout", name="staff_logout")
def log_out(request: Request, session: SessionDep, now: NowDep) -> Response:
    token = staff_token(request)
    if token is not None:
        service.log_out(session=session, token=token, now=now)
        session.commit()
    response = RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(STAFF_COOKIE, path="/")
    return response
