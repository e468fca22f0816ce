"""The seller's product pages: publish and edit through forms with a CSRF token, photos, sale
state and placements; Chinese errors that keep what was typed; another shop's product is 404."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product, ProductImage
from tests.commerce.catalog.support import png, sign_in_pages
from tests.commerce.support.world import World
from tests.web.html import read_page


def test_the_seller_pages_ask_to_log_in_first(world: World) -> None:
    for path in ("/seller/products", "/seller/products/new", "/seller/products/1/edit"):
        response = world.api.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/accounts/login?next=")


def test_a_seller_publishes_and_edits_a_product_through_the_forms(world: World, db_session: Session) -> None:
    # given a signed-in seller with a shop
    owner, shop = world.shop()
    category = world.category()
    client = world.api.client
    csrf = sign_in_pages(client, db_session, owner)
    assert "发布新商品" in client.get("/seller/products").text
    # when they fill in the new-product form
    form = {"csrf_token": csrf, "title": "手织羊毛毯", "price": "299.90", "stock": "8", "category_id": str(category.id)}
    created = client.post("/seller/products/new", data=form, follow_redirects=False)
    # then the product is on sale at 299.90 yuan and they land on its edit page
    assert created.status_code == 303, created.text
    product = db_session.scalar(select(Product).where(Product.shop_id == shop.id))
    assert product is not None and (product.price_fen, product.stock) == (29990, 8)
    assert created.headers["location"] == f"/seller/products/{product.id}/edit?saved=1"
    edit = client.get(created.headers["location"])
    assert "已保存" in read_page(edit.text).text and 'value="299.90"' in edit.text
    # when they change the price and upload a photo
    changed = client.post(
        f"/seller/products/{product.id}/edit", data={**form, "price": "259", "title": "手织羊毛毯（大）"}
    )
    uploaded = client.post(
        f"/seller/products/{product.id}/images",
        data={"csrf_token": csrf},
        files={"file": ("rug.png", png(), "image/png")},
    )
    # then the public product shows both
    assert changed.status_code == 200 and uploaded.status_code == 200
    public = client.get(f"/api/v1/products/{product.id}").json()
    assert public["price_fen"] == 25900 and public["title"] == "手织羊毛毯（大）" and len(public["image_urls"]) == 1
    # and taking it off sale hides it from everyone
    off = client.post(f"/seller/products/{product.id}/sale", data={"csrf_token": csrf}, follow_redirects=False)
    assert off.status_code == 303
    assert client.get(f"/api/v1/products/{product.id}").status_code == 404
    assert "已下架" in read_page(client.get(f"/seller/products/{product.id}/edit").text).text


def test_a_bad_form_is_refused_in_chinese_keeps_the_typing_and_writes_nothing(
    world: World, db_session: Session
) -> None:
    owner, shop = world.shop()
    category = world.category()
    client = world.api.client
    csrf = sign_in_pages(client, db_session, owner)
    for price, stock, message in (
        ("-5", "1", "价格须大于0元且不超过1,000,000元"),
        ("abc", "1", "价格格式不正确"),
        ("1.234", "1", "价格最多精确到分"),
        ("2000000", "1", "价格须大于0元且不超过1,000,000元"),
        ("9.9", "100001", "库存须为0到100,000之间的整数"),
        ("9.9", "很多", "库存须为0到100,000之间的整数"),
    ):
        response = client.post(
            "/seller/products/new",
            data={
                "csrf_token": csrf,
                "title": "草编收纳篮",
                "price": price,
                "stock": stock,
                "category_id": category.id,
            },
        )
        assert response.status_code == 422, (price, stock)
        assert message in read_page(response.text).text
        assert 'value="草编收纳篮"' in response.text
    assert db_session.scalar(select(func.count(Product.id)).where(Product.shop_id == shop.id)) == 0


def test_a_form_without_the_csrf_token_is_refused(world: World, db_session: Session) -> None:
    owner, shop = world.shop()
    category = world.category()
    client = world.api.client
    sign_in_pages(client, db_session, owner)
    response = client.post(
        "/seller/products/new",
        data={"csrf_token": "forged", "title": "伪造", "price": "1", "stock": "1", "category_id": category.id},
    )
    assert response.status_code in (400, 403)
    assert db_session.scalar(select(func.count(Product.id)).where(Product.shop_id == shop.id)) == 0


def test_another_sellers_product_page_is_not_found(world: World, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    other, _other_shop = world.shop()
    client = world.api.client
    csrf = sign_in_pages(client, db_session, other)
    assert client.get(f"/seller/products/{product.id}/edit").status_code == 404
    posted = client.post(
        f"/seller/products/{product.id}/images",
        data={"csrf_token": csrf},
        files={"file": ("a.png", png(), "image/png")},
    )
    assert posted.status_code == 404
    assert db_session.scalar(select(func.count(ProductImage.id))) == 0


def test_a_non_image_upload_on_the_page_is_refused_in_chinese(world: World, db_session: Session) -> None:
    owner, shop = world.shop()
    product = world.product(shop)
    client = world.api.client
    csrf = sign_in_pages(client, db_session, owner)
    response = client.post(
        f"/seller/products/{product.id}/images",
        data={"csrf_token": csrf},
        files={"file": ("cv.pdf", b"%PDF-1.7 not an image", "image/png")},
    )
    assert response.status_code == 422
    assert "商品图片须为不超过2MB的PNG或JPEG图片" in read_page(response.text).text
    assert db_session.scalar(select(func.count(ProductImage.id))) == 0


def test_a_seller_buys_a_placement_on_the_page_and_it_is_labelled(world: World, db_session: Session) -> None:
    owner, shop = world.shop()
    product = world.product(shop, title="香薰蜡烛")
    client = world.api.client
    csrf = sign_in_pages(client, db_session, owner)
    bought = client.post(
        f"/seller/products/{product.id}/placements",
        data={"csrf_token": csrf, "slot": "home", "days": "5"},
        follow_redirects=False,
    )
    assert bought.status_code == 303
    edit = read_page(client.get(f"/seller/products/{product.id}/edit").text).text
    assert "广告 首页" in edit
    assert '<span class="ad-badge">广告</span> 香薰蜡烛' in client.get("/").text
