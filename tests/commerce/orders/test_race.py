"""Two buyers race for the last item through the API, each request with its own real database
session and connection (not the test's rolled-back session): exactly one wins, the other gets a
clear 409, and stock never goes below zero. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.models import Account, Edition, SessionKind, new_account_id
from shouyue.commerce.catalog.models import Product, ProductCategory, ProductStatus
from shouyue.commerce.orders.models import Order
from shouyue.commerce.shops.models import Shop
from shouyue.db import make_engine
from shouyue.engine import get_vault
from shouyue.migrate import upgrade
from shouyue.web.app import create_app
from shouyue.web.deps import get_session
from tests.commerce.orders.builders import recipient

API = "/api/v1"


@pytest.fixture
def committed_engine(fresh_database: Callable[[], str]) -> Iterator[Engine]:
    """A migrated database of its own whose rows are really committed (dropped afterwards)."""
    url = fresh_database()
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _account(session: Session, phone: str) -> tuple[Account, str]:
    now = datetime.now(UTC)
    account_id = new_account_id()
    account = Account(
        id=account_id,
        phone=get_vault().seal(phone, category="contact.phone", subject_id=account_id, lookup=True),
        created_at=now,
    )
    session.add(account)
    session.flush()
    issued = sessions.issue(session=session, account=account, kind=SessionKind.BEARER, edition=Edition.BUYER, now=now)
    return account, issued.token


@pytest.mark.promise("P18")
def test_two_buyers_race_for_the_last_item_and_exactly_one_wins(committed_engine: Engine) -> None:
    # given, committed: a shop whose product has one item left, and two signed-in buyers
    with Session(committed_engine) as setup:
        owner, _ = _account(setup, "13700000001")
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
        tokens = [_account(setup, phone)[1] for phone in ("13700000002", "13700000003")]
        setup.commit()
        product_id = product.id

    # and an app whose every request gets its own session on its own connection
    app = create_app()

    def real_session() -> Iterator[Session]:
        with Session(committed_engine, expire_on_commit=False) as session:
            yield session

    app.dependency_overrides[get_session] = real_session

    # both requests pass validation before either takes stock: each waits at the stock UPDATE
    at_the_update = threading.Barrier(2, timeout=20)

    def hold(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE PRODUCT SET STOCK"):
            at_the_update.wait()

    event.listen(committed_engine, "before_cursor_execute", hold)
    answers: list[tuple[int, str]] = []

    def order(token: str) -> None:
        with TestClient(app) as client:
            response = client.post(
                f"{API}/orders",
                json={"lines": [{"product_id": product_id, "quantity": 1}], "recipient": recipient()},
                headers={"Authorization": f"Bearer {token}"},
            )
        answers.append((response.status_code, response.json().get("detail", "")))

    # when the two buyers order the last item at the same moment
    try:
        threads = [threading.Thread(target=order, args=(token,)) for token in tokens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(committed_engine, "before_cursor_execute", hold)

    # then exactly one order was placed, the other was told the stock ran out
    assert sorted(status for status, _ in answers) == [201, 409], answers
    (detail,) = [d for status, d in answers if status == 409]
    assert detail.startswith("库存不足：「最后一件」")
    # and the stock is zero, never negative, with exactly one order stored
    with Session(committed_engine) as check:
        assert check.scalar(select(Product.stock).where(Product.id == product_id)) == 0
        assert check.scalar(select(func.count()).select_from(Order)) == 1
