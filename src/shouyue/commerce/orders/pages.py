"""The checkout and order pages (P15-P18, P55): ``/checkout``, ``/orders`` by state,
``/orders/{id}`` with its actions, and the confirmation before deleting an order.

Pay (``/orders/{id}/pay``) and review (``/orders/{id}/review``) are pages of the payments and
reviews domains; these pages only link to them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep, VaultDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.addresses import service as addresses
from shouyue.commerce.cart import service as cart
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders import customs, service
from shouyue.commerce.orders.dependencies import CustomsDep
from shouyue.commerce.orders.forms import Refusal, attempt, form_bool, status_of
from shouyue.commerce.orders.models import OrderState
from shouyue.commerce.orders.placement import LineRequest, OrderRequest, RecipientDraft
from shouyue.commerce.orders.states import STATE_LABELS
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

CHECKOUT = "/checkout"
ORDERS = "/orders"
Text = Annotated[str, Form(max_length=200)]
TABS = [(state.value, STATE_LABELS[state]) for state in OrderState]


# --- checkout --------------------------------------------------------------------------------


def _buy_now(session: Session, product_id: int | None, quantity: int) -> list[tuple[Product, int]] | None:
    if product_id is None:
        return None
    product = cart.get_on_sale_product(session=session, product_id=product_id)
    return [(product, cart.check_quantity(quantity))]


def _checkout_context(
    session: Session, account: Account, product_id: int | None, quantity: int, **extra: Any
) -> dict[str, Any]:
    now_lines = _buy_now(session, product_id, quantity)
    if now_lines is None:
        now_lines = [
            (line.product, line.item.quantity) for line in cart.list_cart(session=session, account_id=account.id)
        ]
    rows = addresses.list_addresses(session=session, account_id=account.id)
    return {
        "lines": now_lines,
        "total_fen": sum(product.price_fen * q for product, q in now_lines),
        "cross_border": any(product.cross_border for product, _ in now_lines),
        "addresses": [addresses.masked(row) for row in rows],
        "product_id": product_id,
        "quantity": quantity,
        "values": {"recipient_name": "", "phone": "", "region": "", "detail": "", "postcode": ""},
        "chosen": str(rows[0].id) if rows else "new",
        "for_others": False,
        "customs_name": "",
        "remark": "",
        **extra,
    }


@router.get(CHECKOUT, name="checkout")
def checkout_page(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    product_id: Annotated[int | None, Query()] = None,
    quantity: Annotated[int, Query()] = 1,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CHECKOUT)
    return render(request, "orders/checkout.html", _checkout_context(session, account, product_id, quantity))


@router.post(CHECKOUT)
def checkout_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    declarer: CustomsDep,
    now: NowDep,
    csrf: CsrfField,
    product_id: Annotated[int | None, Form()] = None,
    quantity: Annotated[int, Form()] = 1,
    address_id: Annotated[str, Form(max_length=20)] = "new",
    recipient_name: Text = "",
    phone: Text = "",
    region: Text = "",
    detail: Text = "",
    postcode: Text = "",
    for_others: Annotated[str | None, Form()] = None,
    others_authorised: Annotated[str | None, Form()] = None,
    customs_name: Annotated[str, Form(max_length=40)] = "",
    customs_id_number: Annotated[str, Form(max_length=32)] = "",
    remark: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CHECKOUT)
    check_csrf(request, csrf)
    chosen = int(address_id) if address_id.isdigit() else None
    order_request = OrderRequest(
        lines=[LineRequest(product_id, quantity)] if product_id is not None else [],
        address_id=chosen,
        recipient=None
        if chosen is not None
        else RecipientDraft(name=recipient_name, phone=phone, region=region, detail=detail, postcode=postcode),
        for_others=form_bool(for_others),
        others_authorised=form_bool(others_authorised),
        customs_name=customs_name or None,
        customs_id_number=customs_id_number or None,
        remark=remark,
        from_cart=product_id is None,
    )
    placed = attempt(
        session,
        lambda: service.place_orders(
            session=session, vault=vault, datamap=datamap, buyer=account, request=order_request, now=now
        ),
    )
    if isinstance(placed, Refusal):
        # The ID number is not echoed back into the form: it is typed again, not kept in the page.
        context = _checkout_context(
            session,
            account,
            product_id,
            quantity,
            values={
                "recipient_name": recipient_name,
                "phone": phone,
                "region": region,
                "detail": detail,
                "postcode": postcode,
            },
            chosen=address_id,
            for_others=form_bool(for_others),
            customs_name=customs_name,
            remark=remark,
        )
        return render(request, "orders/checkout.html", context, status_code=status_of(placed), error=placed.message)
    customs.file_declarations(session=session, declarer=declarer, disclosures=placed.customs, now=now)
    if len(placed.orders) == 1:
        return RedirectResponse(f"{ORDERS}/{placed.orders[0].id}", status_code=303)
    return RedirectResponse(f"{ORDERS}?state={OrderState.AWAITING_PAYMENT.value}", status_code=303)


# --- orders ----------------------------------------------------------------------------------


@router.get(ORDERS, name="orders")
def orders_page(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    state: Annotated[OrderState | None, Query()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    context = {
        "orders": service.list_buyer_orders(session=session, buyer_id=account.id, state=state),
        "counts": service.count_by_state(session=session, buyer_id=account.id),
        "tabs": TABS,
        "current": state.value if state else "",
        "labels": {s.value: label for s, label in STATE_LABELS.items()},
    }
    return render(request, "orders/list.html", context)


def _detail(
    request: Request,
    session: Session,
    account: Account,
    order_id: int,
    *,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    order = service.get_buyer_order(session, account.id, order_id)
    context = {
        "order": order,
        "recipient": service.masked_recipient(order),
        "state_label": STATE_LABELS[OrderState(order.state)],
        "can_cancel": order.state in service.CANCELLABLE,
        "can_delete": order.state in service.DELETABLE,
    }
    return render(request, "orders/detail.html", context, status_code=status_code, error=error)


@router.get("/orders/{order_id}", name="order_detail")
def order_page(request: Request, order_id: int, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    return _detail(request, session, account, order_id)


def _act(request: Request, session: Session, account: Account, order_id: int, action: Any) -> Response:
    outcome = attempt(session, action)
    if isinstance(outcome, Refusal):
        service.get_buyer_order(session, account.id, order_id)  # another's order: 404, nothing more
        return _detail(request, session, account, order_id, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(f"{ORDERS}/{order_id}", status_code=303)


@router.post("/orders/{order_id}/cancel")
def cancel(
    request: Request, order_id: int, session: SessionDep, current: PageSessionDep, now: NowDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    check_csrf(request, csrf)
    return _act(
        request,
        session,
        account,
        order_id,
        lambda: service.cancel_order(session=session, buyer_id=account.id, order_id=order_id, now=now),
    )


@router.post("/orders/{order_id}/confirm-receipt")
def confirm_receipt(
    request: Request, order_id: int, session: SessionDep, current: PageSessionDep, now: NowDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    check_csrf(request, csrf)
    return _act(
        request,
        session,
        account,
        order_id,
        lambda: service.confirm_receipt(session=session, buyer_id=account.id, order_id=order_id, now=now),
    )


@router.get("/orders/{order_id}/delete", name="order_delete")
def delete_page(request: Request, order_id: int, session: SessionDep, current: PageSessionDep) -> Response:
    """Asks to confirm, with the warning that after-sales may suffer (P55)."""
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    order = service.get_buyer_order(session, account.id, order_id)
    return render(request, "orders/delete.html", {"order": order, "warning": service.DELETE_WARNING})


@router.post("/orders/{order_id}/delete")
def delete(
    request: Request,
    order_id: int,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    confirm: Annotated[str | None, Form()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ORDERS)
    check_csrf(request, csrf)
    order = service.get_buyer_order(session, account.id, order_id)
    if not form_bool(confirm):
        context = {"order": order, "warning": service.DELETE_WARNING}
        return render(request, "orders/delete.html", context, status_code=422, error="请勾选确认后再删除订单")
    outcome = attempt(
        session, lambda: service.delete_order(session=session, buyer_id=account.id, order_id=order_id, now=now)
    )
    if isinstance(outcome, Refusal):
        context = {"order": order, "warning": service.DELETE_WARNING}
        return render(request, "orders/delete.html", context, status_code=status_of(outcome), error=outcome.message)
    return RedirectResponse(ORDERS, status_code=303)
