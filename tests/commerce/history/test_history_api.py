"""Browsing history through the API (P56): recorded per product view only with the buyer's
``history.browsing`` consent, listed newest first, deleted one by one or all; another buyer's
record is a 404 that reveals nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.history.models import BrowsingRecord
from shouyue.commerce.history.service import delete_expired
from shouyue.engine import get_datamap
from tests.commerce.catalog.support import grant_history
from tests.commerce.support.world import World


def _records(session: Session, account_id: str) -> int:
    return session.scalar(select(func.count(BrowsingRecord.id)).where(BrowsingRecord.account_id == account_id)) or 0


@pytest.mark.promise("P56", "P81")
def test_without_the_consent_a_view_records_nothing(world: World, db_session: Session) -> None:
    # given a buyer who never switched on browsing history (basic mode)
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    # when they view a product through the API
    assert buyer.get(f"/products/{product.id}").status_code == 200
    # then nothing is recorded, and their history says it is off
    assert _records(db_session, buyer.account_id) == 0
    history = buyer.get("/history").json()
    assert history == {"enabled": False, "items": [], "total": 0, "page": 1, "per_page": 20}


@pytest.mark.promise("P56")
def test_with_the_consent_each_viewed_product_is_listed_newest_first(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given a buyer who switched on 浏览记录 in the privacy settings
    _owner, shop = world.shop()
    first, second = world.product(shop, title="竹编果盘"), world.product(shop, title="铸铁煎锅", price_fen=15900)
    buyer = world.person()
    grant_history(buyer, notice_version)
    # when they view two products, then the first again
    for product in (first, second, first):
        assert buyer.get(f"/products/{product.id}").status_code == 200
    # then each product is one row, the most recently viewed first
    history = buyer.get("/history").json()
    assert history["enabled"] is True and history["total"] == 2
    assert [(i["product_id"], i["url"]) for i in history["items"]] == [
        (first.id, f"/products/{first.id}"),
        (second.id, f"/products/{second.id}"),
    ]
    assert history["items"][1]["price_fen"] == 15900 and history["items"][1]["on_sale"] is True
    # and an anonymous view of the same product records nothing for anyone
    assert world.api.client.get(f"/api/v1/products/{second.id}").status_code == 200
    assert db_session.scalar(select(func.count(BrowsingRecord.id))) == 2


@pytest.mark.promise("P56", "P60")
def test_after_withdrawing_the_consent_new_views_are_not_recorded(
    world: World, db_session: Session, notice_version: str
) -> None:
    _owner, shop = world.shop()
    seen, later = world.product(shop), world.product(shop)
    buyer = world.person()
    grant_history(buyer, notice_version)
    assert buyer.get(f"/products/{seen.id}").status_code == 200
    assert buyer.delete("/me/consents/history.browsing").status_code == 200
    assert buyer.get(f"/products/{later.id}").status_code == 200
    assert [i["product_id"] for i in buyer.get("/history").json()["items"]] == [seen.id]


@pytest.mark.promise("P56")
def test_a_buyer_deletes_one_record_then_all(world: World, db_session: Session, notice_version: str) -> None:
    # given a buyer with three products in the history
    _owner, shop = world.shop()
    products = [world.product(shop) for _ in range(3)]
    buyer = world.person()
    grant_history(buyer, notice_version)
    for product in products:
        buyer.get(f"/products/{product.id}")
    items = buyer.get("/history").json()["items"]
    # when they delete one
    assert buyer.delete(f"/history/{items[0]['id']}").status_code == 204
    # then it is gone and the others stay
    assert [i["id"] for i in buyer.get("/history").json()["items"]] == [i["id"] for i in items[1:]]
    assert buyer.delete(f"/history/{items[0]['id']}").status_code == 404
    # when they clear all
    cleared = buyer.delete("/history")
    # then nothing is left in the database
    assert cleared.status_code == 200 and cleared.json() == {"deleted": 2}
    assert _records(db_session, buyer.account_id) == 0


@pytest.mark.promise("P56")
def test_another_buyers_record_is_not_found_and_untouched(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given two buyers with history
    _owner, shop = world.shop()
    product = world.product(shop)
    alice, bob = world.person(), world.person()
    for buyer in (alice, bob):
        grant_history(buyer, notice_version)
        buyer.get(f"/products/{product.id}")
    alices = alice.get("/history").json()["items"][0]["id"]
    # when Bob tries to delete Alice's record, and clears his own
    refused = bob.delete(f"/history/{alices}")
    assert bob.delete("/history").json() == {"deleted": 1}
    # then Bob gets a 404 that says nothing of Alice, and her record stays
    assert refused.status_code == 404 and refused.json()["detail"] == "该浏览记录不存在或已删除"
    assert [i["id"] for i in alice.get("/history").json()["items"]] == [alices]
    assert _records(db_session, alice.account_id) == 1


def test_history_needs_a_signed_in_account(world: World) -> None:
    client = world.api.client
    assert client.get("/api/v1/history").status_code == 401
    assert client.delete("/api/v1/history").status_code == 401
    assert client.delete("/api/v1/history/1").status_code == 401


@pytest.mark.promise("P56")
def test_records_past_their_retention_are_deleted_in_batches(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given a buyer's history with one view 181 days old and one from today
    _owner, shop = world.shop()
    old, recent = world.product(shop), world.product(shop)
    buyer = world.person()
    grant_history(buyer, notice_version)
    for product in (old, recent):
        buyer.get(f"/products/{product.id}")
    now = datetime.now(UTC)
    stale = db_session.scalar(select(BrowsingRecord).where(BrowsingRecord.product_id == old.id))
    assert stale is not None
    stale.viewed_at = now - timedelta(days=181)
    db_session.commit()
    # when the retention sweep runs (twice: it is idempotent)
    swept = [delete_expired(session=db_session, datamap=get_datamap(), now=now) for _ in range(2)]
    db_session.commit()
    # then only the expired view is gone
    assert swept == [1, 0]
    assert [i["product_id"] for i in buyer.get("/history").json()["items"]] == [recent.id]
