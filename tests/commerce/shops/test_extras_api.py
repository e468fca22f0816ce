"""The optional shop-management extras (P13): phone, business and shipping address, licence and
qualification files. Each needs the seller's own consent to 店铺管理, is sealed and shown masked,
and refusing one turns off only the feature that needs it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.shops import service
from shouyue.commerce.shops.exceptions import FeatureUnavailable, QualificationRequired
from shouyue.commerce.shops.models import Shop, ShopDocument
from shouyue.engine import get_datamap
from shouyue.privacy import consent
from shouyue.privacy.consent import Channel
from tests.commerce.shops.builders import PDF, PNG, open_shop
from tests.commerce.support.world import Person, World

SHIPPING = "广东省深圳市南山区科技园路1号"


def _shop(session: Session, person: Person) -> Shop:
    shop = service.shop_of(session=session, owner_id=person.account_id)
    assert shop is not None
    return shop


def _features(body: dict) -> dict[str, bool]:
    return {f["id"]: f["enabled"] for f in body["features"]}


def _upload(person: Person, kind: str, data: bytes, *, agree: bool = True, name: str = "f.png"):
    return person.client.put(
        f"/api/v1/seller/shop/documents/{kind}",
        params={"agree_shop_management": str(agree).lower()},
        files={"file": (name, data, "application/octet-stream")},
        headers=person.headers,
    )


@pytest.mark.promise("P13")
def test_a_shop_without_any_extra_exists_and_sells_in_ordinary_categories(world: World, db_session: Session) -> None:
    # given a shop that gave none of the optional extras
    seller, body = open_shop(world)
    # then the shop exists and its extras are simply absent
    assert body["extras"] == {
        "phone": None,
        "business_address": None,
        "shipping_address": None,
        "licence": None,
        "qualification": None,
        "consented": False,
    }
    # and it may list in ordinary categories, not in the regulated ones
    shop = _shop(db_session, seller)
    assert service.may_list_in(session=db_session, shop=shop, category_slug="daily") is True
    assert service.may_list_in(session=db_session, shop=shop, category_slug="food") is False
    assert {c["slug"]: c["allowed"] for c in body["regulated_categories"]} == {"food": False, "medicine": False}
    # and an ordinary product of the shop is for sale to a buyer
    product = world.product(shop, category=world.category("daily"))
    assert product.shop_id == shop.id and product.status == "on_sale"
    # and each feature that needs an extra is off, naming what it needs
    assert _features(body) == {
        "contact_phone": False,
        "business_address": False,
        "ship": False,
        "regulated_listing": False,
    }
    with pytest.raises(FeatureUnavailable) as refused:
        service.require_feature(session=db_session, shop=shop, feature=service.Feature.SHIP)
    assert refused.value.message.startswith("「上门取件（向物流公司提供发货地址）」需要先在店铺管理中提供发货地址")
    assert service.shipping_address_of(session=db_session, shop=shop) is None
    with pytest.raises(QualificationRequired) as food:
        service.ensure_may_list_in(session=db_session, shop=shop, category_slug="food")
    assert food.value.message == "在「食品」类目发布商品需要先上传营业执照、特殊行业经营资质；其他类目的商品不受影响"


@pytest.mark.promise("P13")
def test_giving_an_extra_needs_its_own_consent_and_enables_only_its_feature(world: World, db_session: Session) -> None:
    seller, _ = open_shop(world)
    # when a shipping address is given without agreeing to 店铺管理
    refused = seller.patch("/seller/shop/extras", json={"shipping_address": SHIPPING})
    # then it is refused and nothing is stored
    assert refused.status_code == 403 and "店铺管理" in refused.json()["detail"]
    assert _shop(db_session, seller).shipping_address is None
    # when it is given with the agreement ticked
    given = seller.patch("/seller/shop/extras", json={"shipping_address": SHIPPING, "agree_shop_management": True})
    # then it is shown masked and only shipping turns on
    assert given.status_code == 200, given.text
    assert given.json()["extras"]["shipping_address"] == "广东省深圳市南山区****"
    assert SHIPPING not in given.text
    assert _features(given.json()) == {
        "contact_phone": False,
        "business_address": False,
        "ship": True,
        "regulated_listing": False,
    }
    shop = _shop(db_session, seller)
    sealed = service.shipping_address_of(session=db_session, shop=shop)
    assert sealed is not None and sealed.mask == "广东省深圳市南山区****"
    service.require_feature(session=db_session, shop=shop, feature="ship")
    raw = db_session.execute(text("SELECT shipping_address FROM shop WHERE id = :id"), {"id": shop.id}).scalar_one()
    assert raw.startswith("sy1:") and "科技园" not in raw
    # and the phone (mobile or landline) is sealed and masked too
    phone = seller.patch("/seller/shop/extras", json={"phone": "010-12345678"})
    assert phone.status_code == 200 and phone.json()["extras"]["phone"] == "010****5678"
    bad = seller.patch("/seller/shop/extras", json={"phone": "12345"})
    assert bad.status_code == 422 and "电话" in bad.json()["detail"]
    assert seller.patch("/seller/shop/extras", json={"business_address": "短"}).status_code == 422


@pytest.mark.promise("P13")
def test_clearing_an_extra_or_withdrawing_consent_turns_its_feature_off(world: World, db_session: Session) -> None:
    seller, _ = open_shop(world)
    seller.patch("/seller/shop/extras", json={"shipping_address": SHIPPING, "agree_shop_management": True})
    shop = _shop(db_session, seller)
    # when the seller withdraws the consent to 店铺管理
    consent.withdraw(
        session=db_session,
        subject_id=seller.account_id,
        purpose=service.MANAGEMENT_PURPOSE,
        channel=Channel.API,
        datamap=get_datamap(),
    )
    db_session.commit()
    # then the address is no longer used for shipping
    assert service.shipping_address_of(session=db_session, shop=shop) is None
    assert _features(seller.get("/seller/shop").json())["ship"] is False
    # when the seller agrees again, then clears the address, it stays off (clearing needs no consent)
    seller.patch("/seller/shop/extras", json={"phone": "13800138000", "agree_shop_management": True})
    assert _features(seller.get("/seller/shop").json())["ship"] is True
    cleared = seller.patch("/seller/shop/extras", json={"shipping_address": None})
    assert cleared.status_code == 200
    assert cleared.json()["extras"]["shipping_address"] is None and _features(cleared.json())["ship"] is False
    assert _features(cleared.json())["contact_phone"] is True


@pytest.mark.promise("P13")
def test_licence_and_qualification_files_are_checked_sealed_and_enable_regulated_categories(
    world: World, db_session: Session
) -> None:
    seller, _ = open_shop(world)
    # when a file that is not a PNG, JPEG or PDF is uploaded (whatever its name says)
    gif = _upload(seller, "licence", b"GIF89a....", name="licence.png")
    big = _upload(seller, "licence", PNG + b"\0" * (2 * 1024 * 1024))
    # then it is refused and nothing is stored
    assert (gif.status_code, gif.json()["detail"]) == (422, "证照文件须为不超过2MB的PNG、JPEG图片或PDF文件")
    assert big.status_code == 422
    assert db_session.scalar(select(func.count()).select_from(ShopDocument)) == 0
    # when a licence alone is uploaded, regulated categories stay closed
    licence = _upload(seller, "licence", PNG)
    assert licence.status_code == 200, licence.text
    assert licence.json()["extras"]["licence"]["media_type"] == "image/png"
    assert {c["slug"]: c["allowed"] for c in licence.json()["regulated_categories"]}["food"] is False
    # when the qualification (a PDF) follows, they open
    both = _upload(seller, "qualification", PDF, name="q.pdf")
    assert both.status_code == 200, both.text
    assert {c["slug"]: c["allowed"] for c in both.json()["regulated_categories"]} == {"food": True, "medicine": True}
    shop = _shop(db_session, seller)
    assert service.may_list_in(session=db_session, shop=shop, category_slug="medicine") is True
    # and the files are stored sealed, never in the clear
    raw = db_session.execute(text("SELECT licence, qualification FROM shop_document ORDER BY kind")).all()
    assert all((row[0] or row[1]).startswith("sy1:") for row in raw)
    assert all(b"%PDF" not in (row[0] or row[1]).encode() for row in raw)
    # and the owner can read their own file back
    read = seller.get("/seller/shop/documents/qualification")
    assert read.status_code == 200 and read.content == PDF and read.headers["content-type"] == "application/pdf"
    # when the licence is deleted, the regulated categories close again
    deleted = seller.delete("/seller/shop/documents/licence")
    assert deleted.status_code == 200 and deleted.json()["extras"]["licence"] is None
    assert service.may_list_in(session=db_session, shop=shop, category_slug="food") is False
    assert seller.delete("/seller/shop/documents/licence").status_code == 404


@pytest.mark.promise("P12", "P13", "P20")
def test_another_account_cannot_see_or_change_your_shop(world: World, db_session: Session) -> None:
    owner, _ = open_shop(world)
    owner.patch("/seller/shop/extras", json={"shipping_address": SHIPPING, "agree_shop_management": True})
    _upload(owner, "licence", PNG)
    other = world.person(edition="seller")
    # then every shop route answers the other account about its own (absent) shop only
    assert other.get("/seller/shop").status_code == 404
    assert other.get("/seller/shop/documents/licence").status_code == 404
    assert other.patch("/seller/shop/extras", json={"phone": None}).status_code == 404
    assert other.delete("/seller/shop/documents/licence").status_code == 404
    assert other.get("/seller/withdrawal-card").status_code == 404
    assert other.delete("/seller/withdrawal-card").status_code == 404
    # and the owner's shop is unchanged
    shop = _shop(db_session, owner)
    db_session.refresh(shop)
    assert shop.shipping_address is not None
    assert db_session.scalar(select(func.count()).select_from(ShopDocument)) == 1
