"""Two payments of one order at the same moment, each request on its own real database session
and connection (not the test's rolled-back session), on SQLite and PostgreSQL alike: exactly one
is charged, the other gets a clear 409, and the institution is asked once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product, ProductCategory, ProductStatus
from shouyue.commerce.orders.models import Order, OrderLine
from shouyue.commerce.payments.models import Payment
from shouyue.commerce.shops.models import Shop
from shouyue.db import make_engine
from shouyue.engine import get_vault
from shouyue.migrate import upgrade
from shouyue.web.app import create_app
from shouyue.web.deps import get_session
from tests.commerce.payments.builders import payment_journal
from tests.commerce.support.committed import account_with_token

API = "/api/v1"


@dataclass
class Committed:
    engine: Engine
    order_id: int
    token: str


@pytest.fixture
def committed(fresh_database: Callable[[], str]) -> Iterator[Committed]:
    url = fresh_database()
    upgrade(url)
    engine = make_engine(url)
    vault = get_vault()
    now = datetime.now(UTC)
    with Session(engine) as setup:
        owner, _ = account_with_token(setup, "13700000011")
        buyer, token = account_with_token(setup, "13700000012")
        category = ProductCategory(slug="pay-race", name="支付")
        shop = Shop(owner_id=owner.id, name="支付小店", created_at=now)
        setup.add_all([category, shop])
        setup.flush()
        product = Product(
            shop_id=shop.id,
            category_id=category.id,
            title="一件商品",
            description="",
            price_fen=5000,
            stock=5,
            cross_border=False,
            status=ProductStatus.ON_SALE.value,
            sales_count=0,
            created_at=now,
        )
        setup.add(product)
        setup.flush()
        held = {"subject_id": buyer.id, "held": True}
        order = Order(
            number="RACE0000000000000001",
            buyer_id=buyer.id,
            shop_id=shop.id,
            amount_fen=5000,
            remark="",
            created_at=now,
            recipient_name=vault.seal("张三丰", category="recipient.name", **held),
            recipient_phone=vault.seal("13912345678", category="recipient.phone", **held),
            recipient_address=vault.seal("北京市朝阳区示范路1号", category="recipient.address", **held),
            recipient_postcode="100020",
        )
        setup.add(order)
        setup.flush()
        setup.add(
            OrderLine(
                order_id=order.id,
                buyer_id=buyer.id,
                product_id=product.id,
                title=product.title,
                unit_price_fen=5000,
                quantity=1,
            )
        )
        setup.commit()
        order_id = order.id
    yield Committed(engine=engine, order_id=order_id, token=token)
    engine.dispose()


def _app(engine: Engine) -> FastAPI:
    app = create_app()

    def real_session() -> Iterator[Session]:
        with Session(engine, expire_on_commit=False) as session:
            yield session

    app.dependency_overrides[get_session] = real_session
    return app


def _pay(app: FastAPI, token: str, order_id: int, channel: str) -> tuple[int, str]:
    with TestClient(app) as client:
        response = client.post(
            f"{API}/orders/{order_id}/payments", json={"channel": channel}, headers={"Authorization": f"Bearer {token}"}
        )
    return response.status_code, str(response.json().get("detail", ""))


@pytest.mark.promise("P19")
def test_two_payments_of_one_order_at_once_charge_it_once(committed: Committed) -> None:
    # given an order awaiting payment, and two requests that both read it before either pays
    app = _app(committed.engine)
    both_read = threading.Barrier(2, timeout=20)

    def hold(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM shop_order" in statement and "buyer_deleted_at IS NULL" in statement:
            both_read.wait()

    event.listen(committed.engine, "before_cursor_execute", hold)
    answers: list[tuple[int, str]] = []
    # when the buyer pays twice at the same moment, with two channels
    try:
        threads = [
            threading.Thread(target=lambda c=channel: answers.append(_pay(app, committed.token, committed.order_id, c)))
            for channel in ("alipay", "wechat_pay")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
    finally:
        event.remove(committed.engine, "before_cursor_execute", hold)
    # then exactly one succeeded and the other was refused clearly
    assert sorted(status for status, _ in answers) == [201, 409], answers
    refused = next(detail for status, detail in answers if status == 409)
    assert "请勿重复付款" in refused
    # and the order was charged once: one payment, one request to an institution
    with Session(committed.engine) as check:
        payments = check.scalars(select(Payment).where(Payment.order_id == committed.order_id)).all()
        state = check.scalar(select(Order.state).where(Order.id == committed.order_id))
    assert [p.status for p in payments] == ["succeeded"] and state == "awaiting_shipment"
    assert len([e for e in payment_journal() if e["kind"] == "charge"]) == 1
