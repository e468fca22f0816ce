"""The browsing history page (P56): the buyer's own records, each with a delete button, and a
button that clears them all (both CSRF-protected forms). Without the ``history.browsing``
consent the page says nothing is being recorded and where to switch it on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shouyue.commerce.accounts.dependencies import PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.catalog.transactions import unit_of_work
from shouyue.commerce.history import service
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

HISTORY_PAGE = "/history"


@router.get(HISTORY_PAGE, name="history")
def history_page(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    page: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1,
    done: Annotated[str, Query(max_length=16)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(HISTORY_PAGE)
    entries, total = service.list_entries(session=session, account_id=account.id, page=page)
    pages = max(1, -(-total // service.PER_PAGE))
    context = {
        "entries": entries,
        "total": total,
        "page": page,
        "pages": pages,
        "enabled": service.enabled(session=session, account_id=account.id, datamap=datamap),
        "done": {"deleted": "已删除这条浏览记录", "cleared": "已清空全部浏览记录"}.get(done),
    }
    return render(request, "history/index.html", context)


@router.post(f"{HISTORY_PAGE}/{{record_id}}/delete")
def delete_record(
    request: Request, record_id: int, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(HISTORY_PAGE)
    check_csrf(request, csrf)
    with unit_of_work(session):
        service.delete_one(session=session, account_id=account.id, record_id=record_id)
    return RedirectResponse(f"{HISTORY_PAGE}?done=deleted", status_code=303)


@router.post(f"{HISTORY_PAGE}/clear")
def clear_history(request: Request, session: SessionDep, current: PageSessionDep, csrf: CsrfField) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(HISTORY_PAGE)
    check_csrf(request, csrf)
    with unit_of_work(session):
        service.clear(session=session, account_id=account.id)
    return RedirectResponse(f"{HISTORY_PAGE}?done=cleared", status_code=303)
