"""Setup rows for review tests: orders put straight into the database in the state a test needs
(orders are built by their own domain; here they are only the given), a page login, and images."""

from __future__ import annotations

import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.dependencies import SESSION_COOKIE
from shouyue.commerce.accounts.models import Account, Edition, SessionKind
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.engine import get_vault
from tests.commerce.support.world import Person, World

RECIPIENT_PHONE = "13900001111"


@dataclass
class Bought:
    """An order of ``buyer`` and its lines."""

    order: Order
    lines: list[OrderLine]


def order_of(
    world: World,
    buyer: Person,
    products: list[Product],
    *,
    state: OrderState = OrderState.AWAITING_REVIEW,
    deleted: bool = False,
) -> Bought:
    """An order of ``buyer`` for one of each product, already in ``state`` (setup, not under test)."""
    vault = get_vault()
    now = datetime.now(UTC)
    session = world.session
    shop_id = products[0].shop_id

    def sealed(value: str, category: str):  # type: ignore[no-untyped-def]
        return vault.seal(value, category=category, subject_id=buyer.account_id, held=True)

    order = Order(
        number=f"T{uuid.uuid4().hex[:19]}",
        buyer_id=buyer.account_id,
        shop_id=shop_id,
        state=state.value,
        amount_fen=sum(p.price_fen for p in products),
        remark="",
        created_at=now,
        recipient_name=sealed("李收货", "recipient.name"),
        recipient_phone=sealed(RECIPIENT_PHONE, "recipient.phone"),
        recipient_address=sealed("浙江省杭州市西湖区文三路1号", "recipient.address"),
        recipient_postcode="310000",
        buyer_deleted_at=now if deleted else None,
    )
    session.add(order)
    session.flush()
    lines = [
        OrderLine(
            order_id=order.id,
            buyer_id=buyer.account_id,
            product_id=p.id,
            title=p.title,
            unit_price_fen=p.price_fen,
            quantity=1,
        )
        for p in products
    ]
    session.add_all(lines)
    session.commit()
    return Bought(order=order, lines=lines)


def sign_in_page(world: World, person: Person) -> str:
    """A cookie session for ``person`` on the shared client; returns the CSRF token of its forms."""
    account = world.session.scalar(select(Account).where(Account.id == person.account_id))
    assert account is not None
    issued = sessions.issue(
        session=world.session, account=account, kind=SessionKind.COOKIE, edition=Edition.BUYER, now=datetime.now(UTC)
    )
    world.session.commit()
    person.client.cookies.set(SESSION_COOKIE, issued.token)
    return sessions.csrf_token_for(issued.token)


def png(size: int = 64) -> bytes:
    """A real 1x1 PNG, padded with a harmless ancillary chunk to about ``size`` bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pad = max(0, size - 80)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"c\x00" + b"x" * pad)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """Enough of a JPEG to be recognised by its magic bytes."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
