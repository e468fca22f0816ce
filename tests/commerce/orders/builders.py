"""Builders for address, cart and order tests: a valid recipient, a page session for a person,
placing an order through the API, and moving an order along where payments and shipping are
not the subject of the test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.dependencies import SESSION_COOKIE
from shouyue.commerce.accounts.models import Account, Edition, SessionKind
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.identity.id_numbers import check_character
from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.commerce.orders.states import advance
from tests.commerce.support.world import Person

RECIPIENT: dict[str, str] = {
    "recipient_name": "李小红",
    "phone": "13912345678",
    "region": "广东省深圳市南山区",
    "detail": "科技园南路88号3栋1201",
    "postcode": "518057",
}


def recipient(**changes: Any) -> dict[str, Any]:
    """A valid inline recipient, with ``changes`` applied (None removes a field)."""
    fields = {**RECIPIENT, **changes}
    return {k: v for k, v in fields.items() if v is not None}


def id_number_for(born: date, *, region: str = "110101", sequence: str = "123") -> str:
    """A valid 18-character ID number (GB 11643 check character)."""
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + check_character(first17)


ADULT_ID = id_number_for(date(1988, 6, 15))


def log_in_page(client: TestClient, session: Session, person: Person) -> str:
    """Give ``client`` a page session for ``person``; returns the CSRF token its forms carry."""
    account = session.get(Account, person.account_id)
    assert account is not None
    issued = sessions.issue(
        session=session, account=account, kind=SessionKind.COOKIE, edition=Edition.BUYER, now=datetime.now(UTC)
    )
    session.commit()
    client.cookies.set(SESSION_COOKIE, issued.token)
    return sessions.csrf_token_for(issued.token)


def buy(person: Person, product: Product, quantity: int = 1, **extra: Any) -> dict[str, Any]:
    """Place one order for ``quantity`` of ``product`` through the API; the order as returned."""
    body = {"lines": [{"product_id": product.id, "quantity": quantity}], "recipient": recipient(), **extra}
    response = person.post("/orders", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json()["orders"][0])


def dangerously_advance(session: Session, order_id: int, *states: OrderState) -> None:
    """Move an order through ``states`` with ``orders.states.advance`` directly: stands in for
    paying and shipping where those domains are not what the test is about."""
    order = session.get(Order, order_id)
    assert order is not None
    for state in states:
        advance(order, state, now=datetime.now(UTC))
    session.commit()


def row_counts(session: Session, buyer_id: str) -> tuple[int, int]:
    """How many orders and order lines the buyer has, deleted ones included."""
    orders = session.scalar(select(func.count()).select_from(Order).where(Order.buyer_id == buyer_id))
    lines = session.scalar(select(func.count()).select_from(OrderLine).where(OrderLine.buyer_id == buyer_id))
    return int(orders or 0), int(lines or 0)


def stock_of(session: Session, product: Product) -> int:
    session.expire_all()
    value = session.scalar(select(Product.stock).where(Product.id == product.id))
    assert value is not None
    return int(value)
