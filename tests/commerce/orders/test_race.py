"""Racing for stock through the API, each request with its own real database session and
connection (not the test's rolled-back session), on SQLite and PostgreSQL alike:

* two buyers race for the last item: exactly one wins, the other gets a clear 409, stock never
  goes below zero;
* a request that cannot get the stock row's lock in time (SQLite's single writer busy, or
  PostgreSQL's ``lock_timeout``) gets a clear 409 instead of a server error, and writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product, ProductCategory, ProductStatus
from shouyue.commerce.orders.models import Order
from shouyue.commerce.shops.models import Shop
from shouyue.db import make_engine
from shouyue.migrate import upgrade
from shouyue.web.app import create_app
from shouyue.web.deps import get_session
from tests.commerce.orders.builders import recipient
from tests.commerce.support.committed import account_with_token

API = "/api/v1"


@dataclass
class Committed:
    """A migrated database of its own, with a product that has one item left and two buyers."""

    url: str
    engine: Engine
    product_id: int
    tokens: list[str]


@pytest.fixture
def committed(fresh_database: Callable[[], str]) -> Iterator[Committed]:
    url = fresh_database()
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as setup:
        owner, _ = account_with_token(setup, "13700000001")
        category = ProductCategory(slug="race", name="抢购")
        setup.add(category)
        setup.flush()
        shop = Shop(owner_id=owner.id, name="抢购小店", created_at=datetime.now(UTC))
        setup.add(shop)
        setup.flush()
        product = Product(
            shop_id=shop.id,
            category_id=category.id,
            title="最后一件",
            description="",
            price_fen=5000,
            stock=1,
            cross_border=False,
            status=ProductStatus.ON_SALE.value,
            sales_count=0,
            created_at=datetime.now(UTC),
        )
        setup.add(product)
        tokens = [account_with_token(setup, phone)[1] for phone in ("13700000002", "13700000003")]
        setup.commit()
        product_id = product.id
    yield Committed(url=url, engine=engine, product_id=product_id, tokens=tokens)
    engine.dispose()


def _app(engine: Engine) -> FastAPI:
    """The application with every request on its own session and connection of ``engine``."""
    app = create_app()

    def real_session() -> Iterator[Session]:
        with Session(engine, expire_on_commit=False) as session:
            yield session

    app.dependency_overrides[get_session] = real_session
    return app


def _order(app: FastAPI, token: str, product_id: int) -> tuple[int, str]:
    with TestClient(app) as client:
        response = client.post(
            f"{API}/orders",
            json={"lines": [{"product_id": product_id, "quantity": 1}], "recipient": recipient()},
            headers={"Authorization": f"Bearer {token}"},
        )
    return response.status_code, str(response.json().get("detail", ""))


def _stock_and_orders(engine: Engine, product_id: int) -> tuple[int | None, int | None]:
    with Session(engine) as check:
        stock = check.scalar(select(Product.stock).where(Product.id == product_id))
        orders = check.scalar(select(func.count()).select_from(Order))
    return stock, orders


@pytest.mark.promise("P18")
def test_two_buyers_race_for_the_last_item_and_exactly_one_wins(committed: Committed) -> None:
    # given the last item and two buyers, each request on its own connection
    app = _app(committed.engine)
    # both requests pass validation before either takes stock: each waits at the stock UPDATE
    at_the_update = threading.Barrier(2, timeout=20)

    def hold(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE PRODUCT SET STOCK"):
            at_the_update.wait()

    event.listen(committed.engine, "before_cursor_execute", hold)
    answers: list[tuple[int, str]] = []

    # when the two buyers order the last item at the same moment
    try:
        threads = [
            threading.Thread(target=lambda t=token: answers.append(_order(app, t, committed.product_id)))
            for token in committed.tokens
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(committed.engine, "before_cursor_execute", hold)

    # then exactly one order was placed, the other was told the stock ran out
    assert sorted(status for status, _ in answers) == [201, 409], answers
    (detail,) = [d for status, d in answers if status == 409]
    assert detail.startswith("库存不足：「最后一件」")
    # and the stock is zero, never negative, with exactly one order stored
    assert _stock_and_orders(committed.engine, committed.product_id) == (0, 1)


def test_a_request_that_cannot_get_the_stock_lock_in_time_gets_a_clear_409(committed: Committed) -> None:
    # given another transaction holding the product's row (PostgreSQL) or the database's write
    # lock (SQLite), and an app whose connections wait only briefly for a lock
    sqlite = committed.engine.dialect.name == "sqlite"
    connect_args: dict[str, Any] = (
        {"check_same_thread": False, "timeout": 0.2} if sqlite else {"options": "-c lock_timeout=200"}
    )
    impatient = make_engine(committed.url, connect_args=connect_args)
    holder = committed.engine.raw_connection()
    try:
        cursor = holder.cursor()
        if sqlite:
            holder.driver_connection.isolation_level = None  # type: ignore[union-attr]
            cursor.execute("BEGIN IMMEDIATE")
        else:
            cursor.execute("SELECT stock FROM product WHERE id = %s FOR UPDATE", (committed.product_id,))
        # when a buyer orders meanwhile
        status, detail = _order(_app(impatient), committed.tokens[0], committed.product_id)
    finally:
        holder.rollback()
        holder.close()
        impatient.dispose()
    # then the answer is a clear 409 in Chinese, not a server error, and nothing was written
    assert (status, detail) == (409, "下单人数较多，订单未能提交，请稍后重试")
    assert _stock_and_orders(committed.engine, committed.product_id) == (1, 0)
