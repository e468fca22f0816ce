"""A seller manages their own products through the API: publish, change, put off sale, photos.
Absurd values are refused in Chinese and leave nothing behind; another shop's product is 404."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product, ProductImage
from shouyue.settings import get_settings
from tests.commerce.catalog.support import JPEG, png
from tests.commerce.support.world import World


def _draft(category: int, **changes: object) -> dict[str, object]:
    return {"title": "手工陶瓷杯", "price_fen": 3900, "stock": 20, "category_id": category, **changes}


def _products(session: Session) -> int:
    return session.scalar(select(func.count(Product.id))) or 0


def test_a_seller_publishes_a_product_that_everyone_then_sees(world: World) -> None:
    # given a seller with a shop
    owner, shop = world.shop()
    category = world.category()
    # when they publish a product
    created = owner.post("/seller/products", json=_draft(category.id, description="容量350毫升"))
    # then it is on sale in their shop, and its public page shows it at the listed price
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["on_sale"] is True and body["price_fen"] == 3900 and body["images"] == []
    public = world.api.client.get(f"/api/v1/products/{body['id']}")
    assert public.status_code == 200
    assert public.json()["shop"] == {"id": shop.id, "name": shop.name}
    assert public.json()["price_fen"] == 3900
    assert [p["id"] for p in owner.get("/seller/products").json()] == [body["id"]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price_fen": -100}, "价格须大于0元且不超过1,000,000元"),
        ({"price_fen": 0}, "价格须大于0元且不超过1,000,000元"),
        ({"price_fen": 100_000_001}, "价格须大于0元且不超过1,000,000元"),
        ({"stock": -1}, "库存须为0到100,000之间的整数"),
        ({"stock": 10**9}, "库存须为0到100,000之间的整数"),
        ({"title": "   "}, "商品标题须为1到60个字符"),
        ({"title": "长" * 61}, "商品标题须为1到60个字符"),
        ({"category_id": 999_999}, "商品分类不存在"),
    ],
)
def test_absurd_values_are_refused_in_chinese_and_nothing_is_written(
    world: World, db_session: Session, changes: dict[str, object], message: str
) -> None:
    # given a seller with a shop
    owner, _shop = world.shop()
    category = world.category()
    before = _products(db_session)
    # when they publish a product with an absurd value
    response = owner.post("/seller/products", json=_draft(category.id, **changes))
    # then it is refused with a Chinese message naming the rule, and no product was created
    assert response.status_code in (404, 422), response.text
    assert message in response.json()["detail"]
    assert _products(db_session) == before


def test_a_seller_changes_price_and_stock_and_puts_the_product_off_sale(world: World) -> None:
    # given a seller's product on sale
    owner, shop = world.shop()
    product = world.product(shop, price_fen=1000, stock=5)
    # when they change the price and the stock
    changed = owner.patch(f"/seller/products/{product.id}", json={"price_fen": 1200, "stock": 0})
    # then the public product shows the new price, the same for everyone
    assert changed.status_code == 200, changed.text
    assert world.api.client.get(f"/api/v1/products/{product.id}").json()["price_fen"] == 1200
    # and when they put it off sale, the public page and the API answer 404
    off = owner.patch(f"/seller/products/{product.id}", json={"on_sale": False})
    assert off.status_code == 200 and off.json()["on_sale"] is False
    assert world.api.client.get(f"/api/v1/products/{product.id}").status_code == 404
    assert world.api.client.get(f"/products/{product.id}").status_code == 404
    # but the seller still manages it, and can put it back on sale
    assert owner.get(f"/seller/products/{product.id}").status_code == 200
    assert owner.patch(f"/seller/products/{product.id}", json={"on_sale": True}).json()["on_sale"] is True


def test_an_absurd_change_leaves_the_product_as_it_was(world: World, db_session: Session) -> None:
    # given a product priced 10 yuan
    owner, shop = world.shop()
    product = world.product(shop, price_fen=1000, stock=5)
    # when one change in a patch is absurd
    response = owner.patch(f"/seller/products/{product.id}", json={"title": "新标题", "stock": -5})
    # then nothing of the patch is applied
    assert response.status_code == 422
    db_session.expire_all()
    stored = db_session.get(Product, product.id)
    assert stored is not None and (stored.title, stored.stock) == (product.title, 5)


def test_another_sellers_product_is_not_found(world: World) -> None:
    # given two sellers, each with a shop and a product
    _owner, shop = world.shop()
    product = world.product(shop, price_fen=1000)
    other, _other_shop = world.shop()
    # when the other seller tries to read, change or photograph it
    read = other.get(f"/seller/products/{product.id}")
    changed = other.patch(f"/seller/products/{product.id}", json={"price_fen": 1})
    photo = other.post(f"/seller/products/{product.id}/images", files={"file": ("a.png", png(), "image/png")})
    # then each is a 404 that reveals nothing, and the price is untouched
    assert (read.status_code, changed.status_code, photo.status_code) == (404, 404, 404)
    assert read.json()["detail"] == changed.json()["detail"]
    assert world.api.client.get(f"/api/v1/products/{product.id}").json()["price_fen"] == 1000


def test_an_account_without_a_shop_is_told_to_open_one(world: World) -> None:
    seller = world.person(edition="seller")
    response = seller.get("/seller/products")
    assert response.status_code == 403
    assert "请先在卖家中心开店" in response.json()["detail"]


def test_seller_routes_need_the_seller_edition(world: World) -> None:
    # a buyer-edition session of the same account does not manage products
    buyer = world.person()
    assert buyer.get("/seller/products").status_code in (400, 401, 403)


def test_photos_upload_by_magic_bytes_first_is_the_cover(world: World, db_session: Session) -> None:
    # given a seller's product without photos
    owner, shop = world.shop()
    product = world.product(shop)
    # when they upload a PNG and a JPEG
    first = owner.post(f"/seller/products/{product.id}/images", files={"file": ("x.bin", png(), "text/plain")})
    second = owner.post(f"/seller/products/{product.id}/images", files={"file": ("b.jpg", JPEG, "image/jpeg")})
    # then both are stored under random names in the upload directory and served
    assert first.status_code == 201 and second.status_code == 201, (first.text, second.text)
    urls = [first.json()["url"], second.json()["url"]]
    assert all(u.startswith("/images/products/") for u in urls) and "x.bin" not in urls[0]
    stored = get_settings().upload_dir / "products" / urls[0].rsplit("/", 1)[1]
    assert stored.read_bytes() == png()
    served = world.api.client.get(urls[0])
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content == png()
    # and the first is the cover in the public product and in search results
    detail = world.api.client.get(f"/api/v1/products/{product.id}").json()
    assert detail["image_urls"] == urls
    found = world.api.client.get("/api/v1/search", params={"q": product.title}).json()["items"]
    assert [i["cover_url"] for i in found] == [urls[0]]
    # and deleting the cover removes its file and makes the next photo the cover
    assert owner.delete(f"/seller/products/{product.id}/images/{first.json()['id']}").status_code == 204
    assert not stored.exists()
    assert world.api.client.get(f"/api/v1/products/{product.id}").json()["image_urls"] == urls[1:]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("fake.png", b"GIF89a not a png at all", "image/png"),
        ("page.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("empty.png", b"", "image/png"),
        ("huge.png", png() + b"\x00" * (2 * 1024 * 1024), "image/png"),
    ],
)
def test_a_non_image_or_oversized_upload_is_refused_and_nothing_is_kept(
    world: World, db_session: Session, name: str, data: bytes, kind: str
) -> None:
    # given a seller's product
    owner, shop = world.shop()
    product = world.product(shop)
    # when they upload something that is not a small PNG or JPEG
    response = owner.post(f"/seller/products/{product.id}/images", files={"file": (name, data, kind)})
    # then it is refused in Chinese, and neither a row nor a file is kept
    assert response.status_code == 422
    assert response.json()["detail"] == "商品图片须为不超过2MB的PNG或JPEG图片，请换一张图片后重新上传"
    assert db_session.scalar(select(func.count(ProductImage.id)).where(ProductImage.product_id == product.id)) == 0
    folder = get_settings().upload_dir / "products"
    assert not folder.exists() or not any(folder.iterdir())


def test_an_image_address_outside_the_generated_names_is_not_served(world: World) -> None:
    client = world.api.client
    for name in ("..%2F..%2Fetc%2Fpasswd", "0" * 32 + ".gif", "missing.png", "0" * 32 + ".png"):
        assert client.get(f"/images/products/{name}").status_code == 404


@pytest.mark.promise("P13")
def test_regulated_goods_need_the_licence_and_qualification_ordinary_goods_do_not(
    world: World, db_session: Session
) -> None:
    # given a shop that gave none of the optional extras
    owner, _shop = world.shop()
    food = world.category(slug="food", name="食品")
    daily = world.category()
    before = _products(db_session)
    # when it lists food, a regulated category
    refused = owner.post("/seller/products", json=_draft(food.id, title="手工月饼"))
    # then only that is refused, naming what is missing, and nothing is written
    assert refused.status_code == 409, refused.text
    assert "营业执照" in refused.json()["detail"] or "资质" in refused.json()["detail"]
    assert _products(db_session) == before
    # and an ordinary product is listed all the same; moving it into food is refused too
    listed = owner.post("/seller/products", json=_draft(daily.id))
    assert listed.status_code == 201, listed.text
    moved = owner.patch(f"/seller/products/{listed.json()['id']}", json={"category_id": food.id})
    assert moved.status_code == 409, moved.text
