"""Paid placement (P86): a seller buys a placement for their own product; it then shows at the
top of the home page and of matching search results, labelled 广告 in the API and on the page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Placement
from tests.commerce.catalog.support import place
from tests.commerce.support.world import World

API = "/api/v1"


def _window(days: int = 7, *, starts_in: timedelta = timedelta(0)) -> dict[str, str]:
    start = datetime.now(UTC) + starts_in
    return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(days=days)).isoformat()}


def _badged_ids(html: str) -> list[int]:
    """Ids of product cards on a page that show the visible 广告 badge."""
    ids = []
    for card in re.findall(r'<li class="product-card[^"]*"[^>]*>.*?</li>', html, flags=re.S):
        found = re.search(r'data-product-id="(\d+)"', card)
        if found and '<span class="ad-badge">广告</span>' in card:
            ids.append(int(found.group(1)))
    return ids


@pytest.mark.promise("P86")
def test_a_bought_search_placement_is_on_top_and_labelled_in_the_api_and_the_page(world: World) -> None:
    # given a shop with a cheap and an expensive kettle, and another kettle elsewhere
    owner, shop = world.shop()
    _other_owner, other_shop = world.shop()
    world.product(other_shop, title="不锈钢电热水壶", price_fen=9900)
    promoted = world.product(shop, title="玻璃电热水壶", price_fen=12900)
    # when the seller buys a search placement for the expensive one
    bought = owner.post("/seller/placements", json={"product_id": promoted.id, "slot": "search", **_window()})
    assert bought.status_code == 201, bought.text
    assert bought.json()["label"] == "广告"
    # then a matching search shows it first, sponsored and labelled 广告
    body = world.api.client.get(f"{API}/search", params={"q": "水壶", "sort": "price_asc"}).json()
    assert [(i["id"], i["sponsored"], i["label"]) for i in body["sponsored"]] == [(promoted.id, True, "广告")]
    # and the organic results keep their own order, with no unlabelled paid slot among them
    assert [i["price_fen"] for i in body["items"]] == [9900, 12900]
    assert all(i["sponsored"] is False and i["label"] is None for i in body["items"])
    # and the page shows the visible 广告 badge on the placed card, above the results
    page = world.api.client.get("/search", params={"q": "水壶"})
    assert _badged_ids(page.text) == [promoted.id]
    assert page.text.index('id="search-sponsored"') < page.text.index('id="search-results"')
    # and a search it does not match does not show it
    assert world.api.client.get(f"{API}/search", params={"q": "毛巾"}).json()["sponsored"] == []
    # and the seller sees the placement in their list
    assert [p["product_id"] for p in owner.get("/seller/placements").json()] == [promoted.id]


@pytest.mark.promise("P86")
def test_home_placements_are_on_top_of_the_home_page_with_the_badge(world: World, db_session: Session) -> None:
    # given a product placed on the home page and an unplaced newer one
    owner, shop = world.shop()
    promoted = world.product(shop, title="有机大米5kg")
    plain = world.product(shop, title="东北小米")
    bought = owner.post("/seller/placements", json={"product_id": promoted.id, "slot": "home", **_window(3)})
    assert bought.status_code == 201, bought.text
    # when anyone opens the home page
    page = world.api.client.get("/")
    # then the placed product is in the 广告 section at the top, with a visible badge
    assert page.status_code == 200
    assert _badged_ids(page.text) == [promoted.id]
    assert page.text.index('id="home-sponsored"') < page.text.index('id="home-newest"')
    # and wherever else it is listed without being paid for there, no badge is claimed
    assert plain.id not in _badged_ids(page.text)


@pytest.mark.promise("P86")
def test_an_expired_or_future_placement_is_not_shown(world: World, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop, title="竹制砧板")
    placement = place(db_session, product, "search")
    placement.ends_at = datetime.now(UTC) - timedelta(minutes=1)
    placement.starts_at = placement.ends_at - timedelta(days=1)
    db_session.commit()
    assert world.api.client.get(f"{API}/search", params={"q": "砧板"}).json()["sponsored"] == []


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"slot": "banner"}, 422, "广告位只能是"),
        ({"days": 0}, 422, "结束时间须晚于开始时间"),
        ({"days": 31}, 422, "一次投放最长30天"),
        ({"starts_in": timedelta(days=-2)}, 422, "开始时间不能早于现在"),
        ({"other_shop": True}, 404, "商品不存在"),
    ],
)
def test_bad_placements_are_refused_and_nothing_is_written(
    world: World, db_session: Session, changes: dict[str, object], status: int, message: str
) -> None:
    # given a seller's product and another shop's product
    owner, shop = world.shop()
    own = world.product(shop, title="羽毛球拍")
    _other, other_shop = world.shop()
    theirs = world.product(other_shop, title="网球拍")
    days = int(changes.get("days", 7))  # type: ignore[call-overload]
    starts_in = changes.get("starts_in", timedelta(0))
    assert isinstance(starts_in, timedelta)
    body = {
        "product_id": theirs.id if changes.get("other_shop") else own.id,
        "slot": changes.get("slot", "search"),
        **_window(days, starts_in=starts_in),
    }
    # when the seller tries to buy the placement
    response = owner.post("/seller/placements", json=body)
    # then it is refused with a Chinese reason and no placement exists
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert db_session.scalar(select(func.count(Placement.id))) == 0


def test_an_off_sale_product_cannot_be_placed_and_a_placed_one_disappears_when_taken_off(world: World) -> None:
    owner, shop = world.shop()
    product = world.product(shop, title="陶瓷花瓶")
    assert (
        owner.post("/seller/placements", json={"product_id": product.id, "slot": "home", **_window()}).status_code
        == 201
    )
    assert owner.patch(f"/seller/products/{product.id}", json={"on_sale": False}).status_code == 200
    assert _badged_ids(world.api.client.get("/").text) == []
    refused = owner.post("/seller/placements", json={"product_id": product.id, "slot": "search", **_window()})
    assert refused.status_code == 422 and "已下架的商品不能投放广告" in refused.json()["detail"]
