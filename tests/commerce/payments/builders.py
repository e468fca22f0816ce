"""Setup builders for payment, shipping and seller-console tests: orders put straight into the
database (the orders domain builds them through its own API), page sessions for people who
signed up through the API, and readers of the sandbox providers' journals."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.dependencies import SESSION_COOKIE
from shouyue.commerce.accounts.models import Account, Edition, SessionKind
from shouyue.commerce.accounts.sessions import csrf_token_for
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.commerce.shops.models import Shop
from shouyue.engine import get_vault
from shouyue.providers import logistics, payment
from shouyue.providers.sms import outbox_path, read_outbox
from tests.commerce.support.world import Person, World

RECIPIENT_NAME = "张三丰"
RECIPIENT_PHONE = "13912345678"
RECIPIENT_ADDRESS = "北京市朝阳区示范路1号院2号楼301室"
RECIPIENT_POSTCODE = "100020"
# Valid test cards (Luhn): 中国工商银行 and 招商银行 BINs in the sandbox's table.
CARD_ICBC = "6222020200112233446"
CARD_CMB = "6225880212345673"
HOLDER_NAME = "王小明"
HOLDER_ID = "110101199003071233"
RESERVED_PHONE = "13698765432"

_numbers = itertools.count(1)
_STAMPS = {
    OrderState.AWAITING_SHIPMENT: ("paid_at",),
    OrderState.AWAITING_RECEIPT: ("paid_at", "shipped_at"),
    OrderState.AWAITING_REVIEW: ("paid_at", "shipped_at", "received_at"),
    OrderState.COMPLETED: ("paid_at", "shipped_at", "received_at", "completed_at"),
    OrderState.CANCELLED: ("cancelled_at",),
}


def place_order(
    world: World,
    buyer: Person,
    shop: Shop,
    product: Product,
    *,
    quantity: int = 1,
    state: OrderState = OrderState.AWAITING_PAYMENT,
) -> Order:
    """An order row with the recipient sealed under the buyer's held key (setup only)."""
    vault = get_vault()
    now = datetime.now(UTC)
    held = {"subject_id": buyer.account_id, "held": True}
    order = Order(
        number=f"T{now:%y%m%d}{next(_numbers):05d}{random.randrange(10**6):06d}",
        buyer_id=buyer.account_id,
        shop_id=shop.id,
        state=state.value,
        amount_fen=product.price_fen * quantity,
        remark="",
        created_at=now,
        recipient_name=vault.seal(RECIPIENT_NAME, category="recipient.name", **held),
        recipient_phone=vault.seal(RECIPIENT_PHONE, category="recipient.phone", **held),
        recipient_address=vault.seal(RECIPIENT_ADDRESS, category="recipient.address", **held),
        recipient_postcode=RECIPIENT_POSTCODE,
    )
    for stamp in _STAMPS.get(state, ()):
        setattr(order, stamp, now)
    world.session.add(order)
    world.session.flush()
    world.session.add(
        OrderLine(
            order_id=order.id,
            buyer_id=buyer.account_id,
            product_id=product.id,
            title=product.title,
            unit_price_fen=product.price_fen,
            quantity=quantity,
        )
    )
    world.session.commit()
    return order


def shop_with_order(
    world: World, *, price_fen: int = 1990, state: OrderState = OrderState.AWAITING_PAYMENT
) -> tuple[Person, Shop, Person, Order]:
    """A seller with a shop and a product, a buyer, and the buyer's order of that product."""
    seller, shop = world.shop()
    product = world.product(shop, price_fen=price_fen)
    buyer = world.person()
    return seller, shop, buyer, place_order(world, buyer, shop, product, state=state)


def sign_in_pages(client: TestClient, session: Session, person: Person, *, edition: Edition = Edition.BUYER) -> str:
    """Give ``client`` a page session of ``person``; returns the CSRF token its forms carry."""
    account = session.get(Account, person.account_id)
    assert account is not None
    issued = sessions.issue(
        session=session, account=account, kind=SessionKind.COOKIE, edition=edition, now=datetime.now(UTC)
    )
    session.commit()
    client.cookies.set(SESSION_COOKIE, issued.token)
    return csrf_token_for(issued.token)


def payment_journal() -> list[dict[str, Any]]:
    return list(payment.read_journal(payment.journal_path()))


def logistics_journal() -> list[dict[str, Any]]:
    return list(logistics.read_journal(logistics.journal_path()))


def bank_code(phone: str) -> str:
    """The newest code the sandbox bank sent to ``phone``."""
    messages = read_outbox(outbox_path(), limit=1, phone=phone)
    assert messages, f"no SMS from the bank to {phone}"
    return str(messages[0].code)


def card_form(**overrides: Any) -> dict[str, Any]:
    """A valid card-binding request with the separate consent given."""
    return {
        "card_number": CARD_ICBC,
        "expiry": "12/30",
        "holder_name": HOLDER_NAME,
        "id_number": HOLDER_ID,
        "reserved_phone": RESERVED_PHONE,
        "separate_consent": True,
        **overrides,
    }
