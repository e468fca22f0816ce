"""The seller's order console pages (P05): the shop's orders with the buyer masked and the
statement shown; the full recipient opened (audited) only while an order awaits shipment; the
shipping form. Same service calls as the API; every form carries a CSRF token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.errors import CommerceError
from shouyue.commerce.orders.states import STATE_LABELS
from shouyue.commerce.seller_console import service
from shouyue.commerce.shipping import service as shipping
from shouyue.commerce.shipping.dependencies import CarrierDep, TrackerDep
from shouyue.commerce.shipping.pages import sources_of
from shouyue.commerce.shipping.transactions import unit_of_work
from shouyue.privacy.datamap import DataMap
from shouyue.providers.logistics import CARRIERS
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

ORDERS_PAGE = "/seller/orders"
NO_STORE = {"Cache-Control": "no-store"}


def _order_path(order_id: int) -> str:
    return f"{ORDERS_PAGE}/{order_id}"


@router.get(ORDERS_PAGE, name="seller_orders")
def orders_page(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    state: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS_PAGE)
    shop, views = service.list_orders(session=session, seller_id=account.id, state=state or None)
    context = {
        "shop": shop,
        "orders": views,
        "state": state,
        "states": [(s.value, name) for s, name in STATE_LABELS.items()],
        "statement": service.MERCHANT_PI_STATEMENT,
    }
    return render(request, "seller_console/orders.html", context)


def _order_context(session: Session, datamap: DataMap, seller_id: str, order_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "view": service.get_order(session=session, seller_id=seller_id, order_id=order_id),
        "statement": service.MERCHANT_PI_STATEMENT,
        "carriers": list(CARRIERS.items()),
        "sources": sources_of(datamap),
        "revealed": None,
        "carrier": "",
        "tracking_number": "",
        **extra,
    }


@router.get(f"{ORDERS_PAGE}/{{order_id}}", name="seller_order")
def order_page(
    order_id: int, request: Request, session: SessionDep, current: PageSessionDep, datamap: DataMapDep
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_order_path(order_id))
    return render(request, "seller_console/order.html", _order_context(session, datamap, account.id, order_id))


@router.post(f"{ORDERS_PAGE}/{{order_id}}/reveal")
def reveal_submit(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    csrf: CsrfField,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_order_path(order_id))
    check_csrf(request, csrf)
    try:
        with unit_of_work(session):
            details = service.reveal_recipient(session=session, seller_id=account.id, order_id=order_id)
    except CommerceError as exc:
        context = _order_context(session, datamap, account.id, order_id)
        return render(request, "seller_console/order.html", context, status_code=exc.status_code, error=exc.message)
    response = render(
        request, "seller_console/order.html", _order_context(session, datamap, account.id, order_id, revealed=details)
    )
    response.headers.update(NO_STORE)
    return response


@router.post(f"{ORDERS_PAGE}/{{order_id}}/ship")
def ship_submit(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    carrier_api: CarrierDep,
    tracker: TrackerDep,
    now: NowDep,
    csrf: CsrfField,
    carrier: Annotated[str, Form(max_length=16)] = "",
    tracking_number: Annotated[str, Form(max_length=40)] = "",
    pickup: Annotated[bool, Form()] = False,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_order_path(order_id))
    check_csrf(request, csrf)
    try:
        with unit_of_work(session):
            shipping.ship(
                session=session,
                datamap=datamap,
                carrier_api=carrier_api,
                tracker=tracker,
                seller_id=account.id,
                order_id=order_id,
                carrier=carrier,
                tracking_number=tracking_number,
                pickup=pickup,
                now=now,
            )
    except CommerceError as exc:
        context = _order_context(
            session, datamap, account.id, order_id, carrier=carrier, tracking_number=tracking_number
        )
        return render(request, "seller_console/order.html", context, status_code=exc.status_code, error=exc.message)
    return RedirectResponse(_order_path(order_id), status_code=303)
