"""Helpers for the catalogue and history tests: a page session for a world person, the
browsing-history consent granted through the privacy API, images, and a finished order put in
as setup (orders are driven through their own API in their own tests)."""

from __future__ import annotations

import re
import secrets
import struct
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.dependencies import SESSION_COOKIE
from shouyue.commerce.accounts.models import Account, Edition, SessionKind
from shouyue.commerce.catalog.models import Placement, Product, ProductImage
from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.commerce.shops.models import Shop
from shouyue.engine import get_vault
from tests.commerce.support.world import Person

HISTORY = "history.browsing"


def png(width: int = 2, height: int = 2) -> bytes:
    """A small valid PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def sign_in_pages(client: TestClient, session: Session, person: Person, *, edition: Edition = Edition.BUYER) -> str:
    """Give the test client a page session (cookie) for ``person``; returns their forms' CSRF token."""
    account = session.get(Account, person.account_id)
    assert account is not None
    issued = sessions.issue(
        session=session, account=account, kind=SessionKind.COOKIE, edition=edition, now=datetime.now(UTC)
    )
    session.commit()
    client.cookies.set(SESSION_COOKIE, issued.token)
    return sessions.csrf_token_for(issued.token)


def sign_out_pages(client: TestClient) -> None:
    client.cookies.clear()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def grant_history(person: Person, notice_version: str) -> None:
    """The buyer switches on 浏览记录 through the privacy-center API."""
    response = person.put(f"/me/consents/{HISTORY}", json={"notice_version": notice_version})
    assert response.status_code == 200, response.text
    assert response.json()["granted"] is True


def add_image(session: Session, product: Product, position: int = 1) -> ProductImage:
    """A photo row (setup; uploading is tested through the API)."""
    image = ProductImage(
        product_id=product.id, file_name=f"{secrets.token_hex(16)}.png", position=position, created_at=datetime.now(UTC)
    )
    session.add(image)
    session.commit()
    return image


def place(session: Session, product: Product, slot: str, *, days: int = 7) -> Placement:
    """A running placement (setup; buying one is tested through the API)."""
    now = datetime.now(UTC)
    placement = Placement(
        product_id=product.id,
        slot=slot,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=days),
        created_at=now,
    )
    session.add(placement)
    session.commit()
    return placement


def dangerously_insert_completed_order(session: Session, buyer: Person, shop: Shop, product: Product) -> Order:
    """A completed order of ``product`` by ``buyer`` written straight into the database (setup
    for "a buyer with order history"; ordering itself is the orders domain's to test)."""
    vault = get_vault()
    now = datetime.now(UTC)

    def sealed(value: str, category: str) -> Any:
        return vault.seal(value, category=category, subject_id=buyer.account_id, held=True)

    order = Order(
        number=f"T{secrets.randbelow(10**18):018d}",
        buyer_id=buyer.account_id,
        shop_id=shop.id,
        state=OrderState.COMPLETED.value,
        amount_fen=product.price_fen,
        remark="",
        created_at=now,
        recipient_name=sealed("王小明", "recipient.name"),
        recipient_phone=sealed(buyer.phone, "recipient.phone"),
        recipient_address=sealed("北京市东城区某某街道1号", "recipient.address"),
        recipient_postcode="100010",
        completed_at=now,
    )
    order.lines.append(
        OrderLine(
            buyer_id=buyer.account_id,
            product_id=product.id,
            title=product.title,
            unit_price_fen=product.price_fen,
            quantity=1,
        )
    )
    session.add(order)
    session.commit()
    return order


class QueryCounter:
    """Counts the SQL statements the engine runs while active (savepoints aside)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Savepoints belong to the test's rolled-back transaction, not to the code under test.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")):
            self.statements.append(statement)

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
