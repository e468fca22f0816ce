"""The inbox page ``/me/messages``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, check_csrf, render
from shouyue.commerce.notifications import service
from shouyue.privacy.consent import needs_acceptance
from shouyue.web.deps import SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

INBOX_PATH = "/me/messages"


def _login_redirect() -> RedirectResponse:
    return RedirectResponse(f"/accounts/login?next={INBOX_PATH}", status_code=303)


@router.get(INBOX_PATH, name="inbox")
def inbox_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    if current is None:
        return _login_redirect()
    account = current[1]
    context = {
        "messages": service.list_for(session=session, account_id=account.id),
        "unread": service.unread_count(session=session, account_id=account.id),
        "notice_pending": needs_acceptance(session=session, subject_id=account.id),
    }
    return render(request, "privacy_center/inbox.html", context)


@router.post(INBOX_PATH + "/{message_id}/read", name="inbox_read")
def read_submit(
    request: Request, message_id: int, session: SessionDep, current: PageSessionDep, now: NowDep, csrf: CsrfField
) -> Response:
    check_csrf(request, csrf)
    if current is None:
        return _login_redirect()
    message = service.get_or_raise(session=session, account_id=current[1].id, message_id=message_id)
    service.mark_read(session=session, message=message, now=now)
    session.commit()
    return RedirectResponse(INBOX_PATH, status_code=303)
