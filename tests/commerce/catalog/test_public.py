"""Products and shops as everyone sees them, through the API and the pages: a shop shows its
public name, description and products, never its owner's personal information."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shouyue.commerce.shops.models import Shop
from tests.commerce.catalog.support import add_image, sign_in_pages
from tests.commerce.support.world import World
from tests.web.html import read_page

API = "/api/v1"


def test_the_product_api_and_page_show_the_product(world: World, db_session: Session) -> None:
    # given a cross-border product with a photo
    _owner, shop = world.shop(name="海淘优选")
    product = world.product(shop, title="新西兰麦卢卡蜂蜜", price_fen=26800, cross_border=True)
    image = add_image(db_session, product)
    client = world.api.client
    # when anyone reads it
    body = client.get(f"{API}/products/{product.id}").json()
    page = client.get(f"/products/{product.id}")
    # then the API and the page agree on what it is and what it costs
    assert body["title"] == "新西兰麦卢卡蜂蜜" and body["price_fen"] == 26800 and body["cross_border"] is True
    assert body["shop"] == {"id": shop.id, "name": "海淘优选"}
    assert body["image_urls"] == [f"/images/products/{image.file_name}"]
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "新西兰麦卢卡蜂蜜" in text and "¥268.00" in text and "海淘优选" in text and "清关" in text
    assert f"/shops/{shop.id}" in read_page(page.text).links
    # and an anonymous page sets no cookie
    assert "set-cookie" not in page.headers


def test_a_missing_product_is_404_in_chinese(world: World) -> None:
    client = world.api.client
    response = client.get(f"{API}/products/987654")
    assert response.status_code == 404 and response.json()["detail"].startswith("商品不存在或已下架")
    page = client.get("/products/987654")
    assert page.status_code == 404 and "商品不存在或已下架" in page.text


def test_a_shop_shows_public_information_and_never_its_owner(world: World, db_session: Session) -> None:
    # given a shop whose owner has a phone number and an account id
    owner, shop = world.shop(name="山野茶舍")
    stored = db_session.get(Shop, shop.id)
    assert stored is not None
    stored.description = "自家茶园，明前采摘"
    db_session.commit()
    on_sale = world.product(shop, title="明前龙井")
    hidden = world.product(shop, title="去年的陈茶")
    assert owner.patch(f"/seller/products/{hidden.id}", json={"on_sale": False}).status_code == 200
    client = world.api.client
    # when anyone reads the shop
    body = client.get(f"{API}/shops/{shop.id}").json()
    page = client.get(f"/shops/{shop.id}")
    # then it shows the name, description and products on sale
    assert (body["name"], body["description"]) == ("山野茶舍", "自家茶园，明前采摘")
    assert [p["id"] for p in body["products"]["items"]] == [on_sale.id]
    assert set(body) == {"id", "name", "description", "products"}
    assert page.status_code == 200 and "明前龙井" in page.text and "去年的陈茶" not in page.text
    # and nothing about its owner
    for leaked in (owner.phone, owner.phone[-4:] + "<", owner.account_id):
        assert leaked not in str(body) and leaked not in page.text
    assert client.get(f"{API}/shops/424242").status_code == 404


def test_search_and_category_pages_list_products_with_links(world: World) -> None:
    _owner, shop = world.shop()
    food = world.category("snacks", "零食")
    product = world.product(shop, title="麻辣牛肉干", price_fen=2590, category=food)
    client = world.api.client
    search = client.get("/search", params={"q": "牛肉"})
    category = client.get("/categories/snacks")
    for page in (search, category):
        assert page.status_code == 200
        read = read_page(page.text)
        assert f"/products/{product.id}" in read.links and "¥25.90" in read.text
        assert "不基于个人特征的搜索结果" in read.text
        assert read.inline_styles == 0 and "set-cookie" not in page.headers
    assert client.get("/categories/none-such").status_code == 404
    assert client.get("/search", params={"sort": "mine"}).status_code == 422


def test_the_home_page_shows_categories_newest_and_best_selling_and_keeps_the_privacy_links(
    world: World, db_session: Session
) -> None:
    _owner, shop = world.shop()
    world.category("books", "图书")
    popular = world.product(shop, title="经典：唐诗三百首")
    newest = world.product(shop, title="新书：城市漫步")
    popular.sales_count = 500
    db_session.commit()
    page = world.api.client.get("/")
    read = read_page(page.text)
    assert page.status_code == 200 and "set-cookie" not in page.headers
    assert "守约：说到，就用代码做到" in read.text and "每一项承诺，都由平台的代码执行" in read.text
    assert {"/privacy", "/privacy/third-parties", "/categories/books"} <= set(read.links)
    newest_block = page.text[page.text.index('id="home-newest"') :]
    best_block = page.text[page.text.index('id="home-best-selling"') :]
    assert newest_block.index(f'data-product-id="{newest.id}"') < newest_block.index(f'data-product-id="{popular.id}"')
    assert best_block.index(f'data-product-id="{popular.id}"') < best_block.index(f'data-product-id="{newest.id}"')


def test_the_product_page_offers_the_cart_to_a_signed_in_buyer_and_a_login_link_otherwise(
    world: World, db_session: Session
) -> None:
    _owner, shop = world.shop()
    product = world.product(shop, title="青花瓷碗", stock=3)
    client = world.api.client
    anonymous = client.get(f"/products/{product.id}")
    assert f"/accounts/login?next=/products/{product.id}" in read_page(anonymous.text).links
    assert 'id="add-to-cart"' not in anonymous.text and "暂无评价" in anonymous.text
    buyer = world.person()
    csrf = sign_in_pages(client, db_session, buyer)
    signed_in = client.get(f"/products/{product.id}")
    assert 'action="/cart/items"' in signed_in.text and f'value="{csrf}"' in signed_in.text
    assert "set-cookie" not in signed_in.headers
