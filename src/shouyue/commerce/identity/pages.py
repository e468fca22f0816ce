"""Pages of real-name verification and guardian consent, and the staff's masked identity view.

Account pages use the accounts domain's page session, CSRF tokens and rendering; staff pages
use the console session, whose SameSite=Strict cookie is never sent with a form posted from
another site. Every page calls the same service functions as the API.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import PageSessionDep, SmsDep, VaultDep
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.accounts.pages import CsrfField, check_csrf, render
from shouyue.commerce.identity import guardian, service
from shouyue.commerce.identity.exceptions import GuardianConsentPending, IdentityError
from shouyue.commerce.identity.transactions import deliver, unit_of_work
from shouyue.commerce.staff.dependencies import NowDep, OptionalStaff
from shouyue.commerce.staff.exceptions import StaffError
from shouyue.commerce.staff.models import StaffMember
from shouyue.commerce.staff.roles import Permission
from shouyue.commerce.staff.service import has_permission, require_permission
from shouyue.privacy.consent import Channel
from shouyue.web.deps import DataMapDep, SessionDep
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
REAL_NAME_PAGE = "/identity/real-name"
GUARDIAN_PAGE = "/identity/guardian"
NO_STORE = {"Cache-Control": "no-store"}


def attempt(session: Session, action: Callable[[], T]) -> T | IdentityError:
    """Run one service call as a unit of work; a refusal comes back to be shown on the form."""
    try:
        with unit_of_work(session):
            return action()
    except IdentityError as exc:
        return exc


def _login_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/accounts/login?{urlencode({'next': next_path})}", status_code=303)


def _account(current: Any) -> Account | None:
    return None if current is None else current[1]


def _real_name_context(session: Session, account: Account, now: datetime, **extra: Any) -> dict[str, Any]:
    today = service.china_today(now)
    return {
        "verification": service.get_real_name(session=session, account_id=account.id),
        "minor": service.minor_status(session=session, account_id=account.id, today=today),
        "real_name": "",
        "guardian_needed": False,
        **extra,
    }


# --- real name -----------------------------------------------------------------------------------


@router.get(REAL_NAME_PAGE, name="identity_real_name")
def real_name_page(request: Request, session: SessionDep, current: PageSessionDep, now: NowDep) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(REAL_NAME_PAGE)
    return render(request, "identity/real_name.html", _real_name_context(session, account, now))


@router.post(REAL_NAME_PAGE)
def real_name_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    real_name: Annotated[str, Form(max_length=40)] = "",
    id_number: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(REAL_NAME_PAGE)
    check_csrf(request, csrf)
    outcome = attempt(
        session,
        lambda: service.verify_real_name(
            session=session,
            vault=vault,
            datamap=datamap,
            account=account,
            real_name=real_name,
            id_number=id_number,
            now=now,
            today=service.china_today(now),
        ),
    )
    if isinstance(outcome, IdentityError):
        # The ID number is not echoed back into the form: it is typed again, not kept in the page.
        context = _real_name_context(
            session,
            account,
            now,
            real_name=real_name,
            guardian_needed=isinstance(outcome, GuardianConsentPending),
        )
        return render(
            request, "identity/real_name.html", context, status_code=outcome.status_code, error=outcome.message
        )
    return RedirectResponse(REAL_NAME_PAGE, status_code=303)


# --- guardian consent ----------------------------------------------------------------------------


def _guardian_context(session: Session, account: Account, now: datetime, **extra: Any) -> dict[str, Any]:
    today = service.china_today(now)
    return {
        "minor": service.minor_status(session=session, account_id=account.id, today=today),
        "guardian_phone": "",
        "sent_to": None,
        **extra,
    }


@router.get(GUARDIAN_PAGE, name="identity_guardian")
def guardian_page(request: Request, session: SessionDep, current: PageSessionDep, now: NowDep) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(GUARDIAN_PAGE)
    return render(request, "identity/guardian.html", _guardian_context(session, account, now))


@router.post(GUARDIAN_PAGE)
def guardian_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    sms: SmsDep,
    now: NowDep,
    csrf: CsrfField,
    guardian_phone: Annotated[str, Form(max_length=32)] = "",
    code: Annotated[str, Form(max_length=12)] = "",
    action: Annotated[str, Form()] = "confirm",
) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(GUARDIAN_PAGE)
    check_csrf(request, csrf)
    today = service.china_today(now)
    if action == "send_code":
        issued = attempt(
            session,
            lambda: guardian.request_code(
                session=session,
                vault=vault,
                datamap=datamap,
                account=account,
                guardian_phone=guardian_phone,
                now=now,
                today=today,
            ),
        )
        if isinstance(issued, IdentityError):
            context = _guardian_context(session, account, now, guardian_phone=guardian_phone)
            return render(
                request, "identity/guardian.html", context, status_code=issued.status_code, error=issued.message
            )
        deliver(sms=sms, issued=issued)
        context = _guardian_context(session, account, now, sent_to=issued.masked_phone)
        return render(request, "identity/guardian.html", context)
    confirmed = attempt(
        session,
        lambda: guardian.confirm_code(
            session=session, vault=vault, account=account, code=code, channel=Channel.WEB, now=now, today=today
        ),
    )
    if isinstance(confirmed, IdentityError):
        context = _guardian_context(session, account, now, sent_to="您填写的监护人手机")
        return render(
            request, "identity/guardian.html", context, status_code=confirmed.status_code, error=confirmed.message
        )
    return RedirectResponse(GUARDIAN_PAGE, status_code=303)


# --- staff: masked view and audited reveal -------------------------------------------------------


def _staff_page(request: Request, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "identity/staff_view.html", context, status_code=status_code, headers=NO_STORE
    )


def _staff_context(session: Session, staff: StaffMember, account_id: str, now: datetime) -> dict[str, Any]:
    service.get_account_or_raise(session=session, account_id=account_id)
    return {
        "staff": staff,
        "account_id": account_id,
        "verification": service.get_real_name(session=session, account_id=account_id),
        "is_child": service.is_child(session=session, account_id=account_id, today=service.china_today(now)),
        "can_reveal": has_permission(staff=staff, permission=Permission.PI_REVEAL),
        "revealed": None,
        "error": None,
    }


@router.get("/staff/identity", name="staff_identity")
def staff_identity_page(
    request: Request,
    session: SessionDep,
    staff: OptionalStaff,
    now: NowDep,
    account_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    if staff is None:
        return RedirectResponse("/staff", status_code=303)
    require_permission(staff=staff, permission=Permission.PI_VIEW_MASKED)
    return _staff_page(request, _staff_context(session, staff, account_id.strip(), now))


@router.post("/staff/identity/reveal", name="staff_identity_reveal")
def staff_identity_reveal(
    request: Request,
    session: SessionDep,
    staff: OptionalStaff,
    now: NowDep,
    account_id: Annotated[str, Form(max_length=64)] = "",
    field: Annotated[service.StaffField, Form()] = "real_name",
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    if staff is None:
        return RedirectResponse("/staff", status_code=303)
    context = _staff_context(session, staff, account_id.strip(), now)
    try:
        value = service.reveal_for_staff(
            session=session, staff=staff, account_id=account_id.strip(), field=field, reason=reason, now=now
        )
    except (StaffError, IdentityError) as exc:
        session.rollback()
        return _staff_page(request, {**context, "error": exc.message}, status_code=exc.status_code)
    session.commit()
    label = "真实姓名" if field == "real_name" else "身份证号码"
    return _staff_page(request, {**context, "revealed": {"label": label, "value": value}})
