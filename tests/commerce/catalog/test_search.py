"""Search and listings (P83): a non-targeted form is always there, and the same item under the
same conditions costs the same whoever looks — an anonymous visitor, a new buyer and a buyer with
orders and browsing history see identical prices and an identical order. Pages of any size cost
the same number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.commerce.catalog.support import (
    QueryCounter,
    add_image,
    dangerously_insert_completed_order,
    grant_history,
    sign_in_pages,
)
from tests.commerce.support.world import World

API = "/api/v1"


def _prices_and_order(body: dict[str, Any]) -> list[tuple[int, int]]:
    return [(item["id"], item["price_fen"]) for item in body["items"]]


@pytest.mark.promise("P83")
def test_the_same_search_gives_the_same_order_and_prices_to_everyone(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given a catalogue of teas at several prices and sales
    _owner, shop = world.shop()
    teas = [
        world.product(shop, title=f"云南普洱茶 {n}号", price_fen=price)
        for n, price in enumerate((5800, 1200, 9900, 3300), start=1)
    ]
    teas[2].sales_count = 40
    db_session.commit()
    # and three people: an anonymous visitor, a new buyer, and a buyer with an order and
    # browsing history who consented to personalised recommendations as well
    newcomer = world.person()
    regular = world.person()
    grant_history(regular, notice_version)
    assert (
        regular.put("/me/consents/recommendation.personalised", json={"notice_version": notice_version}).status_code
        == 200
    )
    dangerously_insert_completed_order(db_session, regular, shop, teas[0])
    for tea in teas:
        assert regular.get(f"/products/{tea.id}").status_code == 200
    assert regular.get("/history").json()["total"] == len(teas)
    anonymous = world.api.client
    # when each searches the same way, in every order the search offers
    for sort in ("relevance", "newest", "price_asc", "price_desc", "sales"):
        params = {"q": "普洱", "sort": sort}
        seen = [
            anonymous.get(f"{API}/search", params=params).json(),
            newcomer.get("/search", params=params).json(),
            regular.get("/search", params=params).json(),
            regular.get("/search", params={**params, "targeted": "true"}).json(),
        ]
        # then everyone sees the same products, in the same order, at the same prices
        assert all(_prices_and_order(s) == _prices_and_order(seen[0]) for s in seen), sort
        assert len(seen[0]["items"]) == len(teas)
        # and the answer says it is not based on personal characteristics
        assert all(s["targeted"] is False and s["targeted_label"] == "不基于个人特征的搜索结果" for s in seen)
    # and each product's own page shows the same price to all three
    for tea in teas:
        prices = {
            anonymous.get(f"{API}/products/{tea.id}").json()["price_fen"],
            newcomer.get(f"/products/{tea.id}").json()["price_fen"],
            regular.get(f"/products/{tea.id}").json()["price_fen"],
        }
        assert prices == {tea.price_fen}


@pytest.mark.promise("P83")
def test_the_same_search_page_is_the_same_for_an_anonymous_visitor_and_a_buyer_with_history(
    world: World, db_session: Session, notice_version: str
) -> None:
    # given products and a buyer with browsing history and an order
    _owner, shop = world.shop()
    products = [world.product(shop, title=f"羊毛围巾 款式{n}", price_fen=8800 + n) for n in range(3)]
    buyer = world.person()
    grant_history(buyer, notice_version)
    dangerously_insert_completed_order(db_session, buyer, shop, products[1])
    client = world.api.client
    # when an anonymous visitor loads the search page
    anonymous_page = client.get("/search", params={"q": "围巾", "sort": "price_asc"})
    # and the buyer, signed in, views a product and loads the same search page
    sign_in_pages(client, db_session, buyer)
    assert client.get(f"/products/{products[2].id}").status_code == 200
    buyer_page = client.get("/search", params={"q": "围巾", "sort": "price_asc"})
    # then both pages list the same products at the same prices, labelled non-targeted
    for page in (anonymous_page, buyer_page):
        assert page.status_code == 200
        assert "不基于个人特征的搜索结果" in page.text
    assert _cards(anonymous_page.text) == _cards(buyer_page.text)
    assert [c[0] for c in _cards(buyer_page.text)] == [p.id for p in products]


def _cards(html: str) -> list[tuple[int, str]]:
    import re

    return [
        (int(pid), price)
        for pid, price in re.findall(
            r'data-product-id="(\d+)".*?class="product-card__price">([^<]+)<', html, flags=re.S
        )
    ]


def test_relevance_ranks_title_matches_first_and_every_word_must_match(world: World, db_session: Session) -> None:
    # given a product with the word in its title and one with it only in its description
    _owner, shop = world.shop()
    in_description = world.product(shop, title="白瓷茶杯")
    in_description.description = "适合泡绿茶"
    in_title = world.product(shop, title="西湖龙井绿茶")
    unrelated = world.product(shop, title="不锈钢保温杯")
    db_session.commit()
    client = world.api.client
    # when searching for 绿茶
    found = client.get(f"{API}/search", params={"q": "绿茶"}).json()
    # then the title match ranks first, and the unrelated product is absent
    assert [i["id"] for i in found["items"]] == [in_title.id, in_description.id]
    # and two words must both match
    both = client.get(f"{API}/search", params={"q": "茶杯 白瓷"}).json()
    assert [i["id"] for i in both["items"]] == [in_description.id]
    assert unrelated.id in {i["id"] for i in client.get(f"{API}/search").json()["items"]}  # listed without a query


def test_wildcards_in_a_query_are_literal(world: World) -> None:
    _owner, shop = world.shop()
    world.product(shop, title="百分百纯棉毛巾")
    response = world.api.client.get(f"{API}/search", params={"q": "%"})
    assert response.status_code == 200 and response.json()["total"] == 0


def test_category_filter_sort_and_pages(world: World) -> None:
    # given 25 foods and 3 clothes
    _owner, shop = world.shop()
    food = world.category("food", "食品")
    clothes = world.category("clothes", "服装")
    foods = [world.product(shop, title=f"坚果礼盒{n}", price_fen=1000 + n, category=food) for n in range(25)]
    for n in range(3):
        world.product(shop, title=f"纯棉T恤{n}", category=clothes)
    client = world.api.client
    # when listing food by price, 20 a page
    first = client.get(f"{API}/search", params={"category": "food", "sort": "price_desc"}).json()
    second = client.get(f"{API}/search", params={"category": "food", "sort": "price_desc", "page": 2}).json()
    # then the pages split the 25 foods in price order, and no clothes appear
    assert first["total"] == 25 and first["pages"] == 2
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert ids == [p.id for p in sorted(foods, key=lambda p: -p.price_fen)]
    # and the category listing shows the newest first
    listing = client.get(f"{API}/categories/food/products").json()
    assert listing["total"] == 25 and listing["items"][0]["id"] == foods[-1].id
    assert {c["slug"] for c in client.get(f"{API}/categories").json()} >= {"food", "clothes"}
    # and an unknown category matches nothing / is not found
    assert client.get(f"{API}/search", params={"category": "nope"}).json()["total"] == 0
    assert client.get(f"{API}/categories/nope/products").status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "cheapest_for_me"}, "查询参数 sort：不是允许的取值"),
        ({"page": 0}, "查询参数 page：数值过小"),
        ({"page": 10_000}, "查询参数 page：数值过大"),
        ({"per_page": 500}, "查询参数 per_page：数值过大"),
        ({"q": "词" * 61}, "搜索词不能超过60个字符"),
    ],
)
def test_bad_search_parameters_are_refused_in_chinese(world: World, params: dict[str, Any], message: str) -> None:
    response = world.api.client.get(f"{API}/search", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.promise("P83")
def test_a_search_page_costs_the_same_queries_for_20_or_40_products(
    world: World, db_session: Session, engine: Engine
) -> None:
    # given 45 products from two shops, each with two photos
    _a, shop_a = world.shop()
    _b, shop_b = world.shop()
    for n in range(45):
        product = world.product(shop_a if n % 2 else shop_b, title=f"手工香皂{n}")
        add_image(db_session, product, 1)
        add_image(db_session, product, 2)
    client = world.api.client
    # when a page of 20 and a page of 40 are listed
    with QueryCounter(engine) as twenty:
        small = client.get(f"{API}/search", params={"q": "香皂", "per_page": 20})
    with QueryCounter(engine) as forty:
        large = client.get(f"{API}/search", params={"q": "香皂", "per_page": 40})
    # then both list their products with covers and shop names, in the same number of queries
    assert len(small.json()["items"]) == 20 and len(large.json()["items"]) == 40
    assert all(i["cover_url"] and i["shop_name"] for i in large.json()["items"])
    assert twenty.count == forty.count, (twenty.statements, forty.statements)
    assert forty.count <= 6
    # and so does the shop page
    with QueryCounter(engine) as shop_page:
        assert client.get(f"{API}/shops/{shop_a.id}").status_code == 200
    with QueryCounter(engine) as home:
        assert client.get("/").status_code == 200
    assert shop_page.count <= 5 and home.count <= 8
