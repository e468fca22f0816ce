"""The browsing-history page (P56): recorded from product pages with consent only, each record
with a delete button and a clear-all button, both carrying the CSRF token."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.history.models import BrowsingRecord
from tests.commerce.catalog.support import grant_history, sign_in_pages
from tests.commerce.support.world import World
from tests.web.html import read_page


def test_the_history_page_asks_to_log_in_first(world: World) -> None:
    response = world.api.client.get("/history", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/accounts/login?next=%2Fhistory"


@pytest.mark.promise("P56", "P81")
def test_without_consent_the_product_page_records_nothing_and_the_page_says_so(
    world: World, db_session: Session
) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    client = world.api.client
    sign_in_pages(client, db_session, buyer)
    assert client.get(f"/products/{product.id}").status_code == 200
    page = client.get("/history")
    assert page.status_code == 200
    assert "浏览记录未开启，我们不会记录您查看过的商品" in read_page(page.text).text
    assert db_session.scalar(select(func.count(BrowsingRecord.id))) == 0


@pytest.mark.promise("P56")
def test_viewed_products_are_listed_and_deleted_one_then_all(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given a buyer with browsing history switched on, who viewed two product pages
    _owner, shop = world.shop()
    kettle, teapot = world.product(shop, title="铜制水壶"), world.product(shop, title="紫砂茶壶")
    buyer = world.person()
    grant_history(buyer, notice_version)
    client = world.api.client
    csrf = sign_in_pages(client, db_session, buyer)
    for product in (kettle, teapot):
        assert client.get(f"/products/{product.id}").status_code == 200
    # when they open the history page
    page = client.get("/history")
    text = read_page(page.text).text
    # then both are listed, newest first, each with a delete button, and a clear-all button
    assert text.index("紫砂茶壶") < text.index("铜制水壶")
    assert page.text.count('action="/history/') == 3 and "清空全部浏览记录" in text
    records = list(db_session.scalars(select(BrowsingRecord).where(BrowsingRecord.account_id == buyer.account_id)))
    teapot_record = next(r for r in records if r.product_id == teapot.id)
    # when they delete the teapot
    deleted = client.post(f"/history/{teapot_record.id}/delete", data={"csrf_token": csrf}, follow_redirects=False)
    assert deleted.status_code == 303
    after = read_page(client.get(deleted.headers["location"]).text).text
    assert "已删除这条浏览记录" in after and "紫砂茶壶" not in after and "铜制水壶" in after
    # when they clear everything
    cleared = client.post("/history/clear", data={"csrf_token": csrf}, follow_redirects=False)
    assert cleared.status_code == 303
    assert "暂无浏览记录" in read_page(client.get("/history").text).text
    assert db_session.scalar(select(func.count(BrowsingRecord.id))) == 0


@pytest.mark.promise("P56")
def test_a_forged_form_or_someone_elses_record_changes_nothing(
    world: World, db_session: Session, notice_version: str
) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    alice, bob = world.person(), world.person()
    grant_history(alice, notice_version)
    alice.get(f"/products/{product.id}")
    record = db_session.scalar(select(BrowsingRecord).where(BrowsingRecord.account_id == alice.account_id))
    assert record is not None
    client = world.api.client
    bob_csrf = sign_in_pages(client, db_session, bob)
    # Bob posts a delete for Alice's record: not found, revealing nothing
    assert client.post(f"/history/{record.id}/delete", data={"csrf_token": bob_csrf}).status_code == 404
    # a clear-all without the right token is refused
    assert client.post("/history/clear", data={"csrf_token": "forged"}).status_code in (400, 403)
    assert db_session.scalar(select(func.count(BrowsingRecord.id))) == 1
