"""A small commerce world for tests: people who signed up through the API, and shops and
products put straight into the database as *setup* (the behaviour under test is always driven
through the API or a page; seller onboarding itself is tested through its own API).

Use from a domain's ``conftest.py``::

    from tests.commerce.support.fixtures import api, app, client, notice_version, sandbox_dirs, world
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product, ProductCategory, ProductStatus
from shouyue.commerce.shops.models import Shop
from tests.commerce.accounts.builders import API, AccountsApi, bearer

_names = itertools.count(1)


@dataclass
class Person:
    """Someone signed up through the API: their account id, phone and bearer token."""

    account_id: str
    phone: str
    token: str
    client: TestClient = field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)

    def get(self, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.get(f"{API}{path}", headers={**self.headers, **(headers or {})}, **kw)

    def post(self, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.post(f"{API}{path}", headers={**self.headers, **(headers or {})}, **kw)

    def put(self, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.put(f"{API}{path}", headers={**self.headers, **(headers or {})}, **kw)

    def patch(self, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.patch(f"{API}{path}", headers={**self.headers, **(headers or {})}, **kw)

    def delete(self, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.delete(f"{API}{path}", headers={**self.headers, **(headers or {})}, **kw)


@dataclass
class World:
    """People, shops and products for one test, all inside the test's rolled-back transaction."""

    api: AccountsApi
    session: Session

    def person(self, *, edition: str | None = None) -> Person:
        """A new account registered through the API (accepting the published notice)."""
        phone, body = self.api.register(edition=edition)
        return Person(
            account_id=str(body["account"]["id"]),
            phone=phone,
            token=self.api.token(body),
            client=self.api.client,
        )

    def category(self, slug: str = "daily", name: str = "日用百货") -> ProductCategory:
        found = self.session.scalar(select(ProductCategory).where(ProductCategory.slug == slug))
        if found is not None:
            return found
        row = ProductCategory(slug=slug, name=name)
        self.session.add(row)
        self.session.commit()
        return row

    def shop(self, owner: Person | None = None, *, name: str | None = None) -> tuple[Person, Shop]:
        """A shop row for ``owner`` (a new person if None), bypassing onboarding (setup only)."""
        owner = owner or self.person(edition="seller")
        shop = Shop(
            owner_id=owner.account_id,
            name=name or f"测试小店{next(_names)}",
            created_at=datetime.now(UTC),
        )
        self.session.add(shop)
        self.session.commit()
        return owner, shop

    def product(
        self,
        shop: Shop,
        *,
        title: str | None = None,
        price_fen: int = 1990,
        stock: int = 10,
        cross_border: bool = False,
        category: ProductCategory | None = None,
    ) -> Product:
        product = Product(
            shop_id=shop.id,
            category_id=(category or self.category()).id,
            title=title or f"测试商品{next(_names)}",
            description="测试用商品",
            price_fen=price_fen,
            stock=stock,
            cross_border=cross_border,
            status=ProductStatus.ON_SALE.value,
            sales_count=0,
            created_at=datetime.now(UTC),
        )
        self.session.add(product)
        self.session.commit()
        return product
