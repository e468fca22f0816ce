"""The address book pages (P54): ``/addresses`` lists masked entries with a form to add one;
``/addresses/{id}/edit`` changes one. Every action calls the same service functions as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep, VaultDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.addresses import service
from shouyue.commerce.addresses.recipients import parse_recipient
from shouyue.commerce.orders.forms import Refusal, attempt, form_bool, status_of
from shouyue.web.deps import SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

LIST_PAGE = "/addresses"
BLANK = {"recipient_name": "", "phone": "", "region": "", "detail": "", "postcode": ""}

Text = Annotated[str, Form(max_length=200)]


def _context(session: Session, account_id: str, **extra: Any) -> dict[str, Any]:
    rows = service.list_addresses(session=session, account_id=account_id)
    return {"addresses": [service.masked(row) for row in rows], "values": BLANK, "next": "", **extra}


def _safe_next(value: str) -> str:
    return value if value in ("/checkout", LIST_PAGE) else LIST_PAGE


@router.get(LIST_PAGE, name="addresses")
def addresses_page(request: Request, session: SessionDep, current: PageSessionDep, next: str = "") -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    return render(request, "addresses/list.html", _context(session, account.id, next=next))


@router.post(LIST_PAGE)
def add_address(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    now: NowDep,
    csrf: CsrfField,
    recipient_name: Text = "",
    phone: Text = "",
    region: Text = "",
    detail: Text = "",
    postcode: Text = "",
    is_default: Annotated[str | None, Form()] = None,
    next: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    check_csrf(request, csrf)
    values = {
        "recipient_name": recipient_name,
        "phone": phone,
        "region": region,
        "detail": detail,
        "postcode": postcode,
    }
    outcome = attempt(
        session,
        lambda: service.create_address(
            session=session,
            vault=vault,
            account_id=account.id,
            recipient=parse_recipient(
                name=recipient_name, phone=phone, region=region, detail=detail, postcode=postcode
            ),
            make_default=form_bool(is_default),
            now=now,
        ),
    )
    if isinstance(outcome, Refusal):
        context = _context(session, account.id, values=values, next=next)
        return render(request, "addresses/list.html", context, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.get("/addresses/{address_id}/edit", name="address_edit")
def edit_page(
    request: Request, address_id: int, session: SessionDep, current: PageSessionDep, vault: VaultDep
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    full = service.reveal_recipient(session=session, address=row, vault=vault)
    values = {
        "recipient_name": full.name,
        "phone": full.phone,
        "region": full.region,
        "detail": full.detail,
        "postcode": full.postcode,
    }
    return render(request, "addresses/edit.html", {"address_id": row.id, "values": values})


@router.post("/addresses/{address_id}/edit")
def edit_submit(
    request: Request,
    address_id: int,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    now: NowDep,
    csrf: CsrfField,
    recipient_name: Text = "",
    phone: Text = "",
    region: Text = "",
    detail: Text = "",
    postcode: Text = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    check_csrf(request, csrf)
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    values = {
        "recipient_name": recipient_name,
        "phone": phone,
        "region": region,
        "detail": detail,
        "postcode": postcode,
    }
    outcome = attempt(
        session,
        lambda: service.update_address(
            session=session,
            vault=vault,
            address=row,
            recipient=parse_recipient(
                name=recipient_name, phone=phone, region=region, detail=detail, postcode=postcode
            ),
            now=now,
        ),
    )
    if isinstance(outcome, Refusal):
        context = {"address_id": address_id, "values": values}
        return render(request, "addresses/edit.html", context, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(LIST_PAGE, status_code=303)


@router.post("/addresses/{address_id}/default")
def make_default(
    request: Request, address_id: int, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    check_csrf(request, csrf)
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    attempt(session, lambda: service.set_default(session=session, address=row))
    return RedirectResponse(LIST_PAGE, status_code=303)


@router.post("/addresses/{address_id}/delete")
def delete(
    request: Request, address_id: int, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(LIST_PAGE)
    check_csrf(request, csrf)
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    attempt(session, lambda: service.delete_address(session=session, address=row))
    return RedirectResponse(LIST_PAGE, status_code=303)
