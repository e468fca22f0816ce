"""The cart page ``/cart``: lines with the catalogue's current price and stock, change or remove
a line, go to checkout. Adding posts to ``/cart/items`` (from a product page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.cart import service
from shouyue.commerce.orders.forms import Refusal, attempt, status_of
from shouyue.web.deps import SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

CART_PAGE = "/cart"
# A quantity typed into a form: text, so "abc" or "-1" reach the service's Chinese refusal.
QuantityField = Annotated[str, Form(max_length=20)]


def _render(
    request: Request, session: Session, account_id: str, *, status_code: int = 200, error: str | None = None
) -> Response:
    lines = service.list_cart(session=session, account_id=account_id)
    total = sum(line.subtotal_fen for line in lines if line.available)
    return render(request, "cart/cart.html", {"lines": lines, "total_fen": total}, status_code=status_code, error=error)


def _quantity(raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        return 0  # refused by the service with the Chinese message


@router.get(CART_PAGE, name="cart")
def cart_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CART_PAGE)
    return _render(request, session, account.id)


@router.post("/cart/items")
def add_item(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    product_id: Annotated[int, Form()],
    quantity: QuantityField = "1",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CART_PAGE)
    check_csrf(request, csrf)
    outcome = attempt(
        session,
        lambda: service.add_item(
            session=session, account_id=account.id, product_id=product_id, quantity=_quantity(quantity), now=now
        ),
    )
    if isinstance(outcome, Refusal):
        return _render(request, session, account.id, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(CART_PAGE, status_code=303)


@router.post("/cart/items/{product_id}")
def change_quantity(
    request: Request,
    product_id: int,
    session: SessionDep,
    current: PageSessionDep,
    csrf: CsrfField,
    quantity: QuantityField = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CART_PAGE)
    check_csrf(request, csrf)
    outcome = attempt(
        session,
        lambda: service.set_quantity(
            session=session, account_id=account.id, product_id=product_id, quantity=_quantity(quantity)
        ),
    )
    if isinstance(outcome, Refusal):
        return _render(request, session, account.id, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(CART_PAGE, status_code=303)


@router.post("/cart/items/{product_id}/delete")
def remove_item(
    request: Request, product_id: int, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CART_PAGE)
    check_csrf(request, csrf)
    outcome = attempt(
        session, lambda: service.remove_item(session=session, account_id=account.id, product_id=product_id)
    )
    if isinstance(outcome, Refusal):
        return _render(request, session, account.id, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(CART_PAGE, status_code=303)
