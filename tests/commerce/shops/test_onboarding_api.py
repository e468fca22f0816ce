"""Opening a shop through the API (P12): refused, listing every missing item, until the account
has a real-name verification, a bank card, an avatar and a shop name; the buyer side never needs
any of it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.shops.models import SellerBankCard, Shop
from tests.commerce.shops.builders import (
    BRANCH,
    bad_luhn,
    card_number,
    open_shop,
    put_bank_card,
    set_avatar,
    verify_real_name,
)
from tests.commerce.support.world import World

ALL_MISSING = "实名认证（真实姓名和身份证号码）、银行卡、头像、店铺名称"


def _shops(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Shop)) or 0


@pytest.mark.promise("P12")
def test_a_shop_is_refused_listing_what_is_missing_then_opens_once_each_item_is_given(
    world: World, db_session: Session
) -> None:
    # given a new account in the seller edition with nothing done
    seller = world.person(edition="seller")
    # when it asks to open a shop with no name
    refused = seller.post("/seller/shop", json={})
    # then it is refused with every missing item named, and no shop exists
    assert refused.status_code == 409
    assert refused.json()["detail"] == f"开店前还需完成以下事项：{ALL_MISSING}。请在卖家中心逐项完成后再提交"
    assert _shops(db_session) == 0
    status = seller.get("/seller/onboarding").json()
    assert [r["done"] for r in status["requirements"]] == [False, False, False, False]
    assert status["ready"] is False

    # when the items are supplied one by one, each refusal lists only what is still missing
    verify_real_name(seller)
    assert "实名认证" not in seller.post("/seller/shop", json={"name": "小红的店"}).json()["detail"]
    put_bank_card(seller)
    after_card = seller.post("/seller/shop", json={"name": "小红的店"})
    assert after_card.status_code == 409
    assert after_card.json()["detail"] == "开店前还需完成以下事项：头像。请在卖家中心逐项完成后再提交"
    set_avatar(seller)
    assert seller.get("/seller/onboarding").json()["ready"] is True

    # then the shop opens, with the name trimmed
    opened = seller.post("/seller/shop", json={"name": "  小红的店  ", "kind": "personal"})
    assert opened.status_code == 201, opened.text
    assert opened.json()["name"] == "小红的店" and opened.json()["kind"] == "personal"
    assert _shops(db_session) == 1
    assert seller.get("/seller/onboarding").json()["shop_id"] == opened.json()["id"]
    # and a second shop for the same account is refused
    again = seller.post("/seller/shop", json={"name": "小红的第二家店"})
    assert (again.status_code, again.json()["detail"]) == (409, "您已开设店铺，每个账户只能开设一家店铺")


@pytest.mark.promise("P12")
def test_the_same_person_still_shops_as_a_buyer_without_any_of_it(world: World) -> None:
    # given someone who never verified, gave no card, avatar or shop name
    person = world.person(edition="buyer")
    # when they use the buyer side
    me = person.get("/accounts/me")
    # then it works, and only the seller side asks for the onboarding items
    assert me.status_code == 200, me.text
    seller_session = world.api.login(person.phone, edition="seller")
    token = world.api.token(seller_session.json())
    refused = person.client.post(
        "/api/v1/seller/shop", json={"name": "小店"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert refused.status_code == 409 and "实名认证" in refused.json()["detail"]
    assert person.get("/accounts/me").status_code == 200


@pytest.mark.promise("P12")
def test_the_bank_card_is_luhn_checked_sealed_and_shown_masked(world: World, db_session: Session) -> None:
    seller = world.person(edition="seller")
    number = card_number()
    # when a card number fails the Luhn check
    bad = seller.put("/seller/onboarding/bank-card", json={"card_number": bad_luhn(number), "bank_name": "中国银行"})
    # then it is refused in Chinese and nothing is stored
    assert (bad.status_code, bad.json()["detail"]) == (422, "银行卡号校验未通过，请核对卡号后重新填写")
    assert db_session.get(SellerBankCard, seller.account_id) is None
    short = seller.put("/seller/onboarding/bank-card", json={"card_number": "1234", "bank_name": "中国银行"})
    assert (short.status_code, short.json()["detail"]) == (422, "银行卡号应为13到19位数字")
    no_bank = seller.put("/seller/onboarding/bank-card", json={"card_number": number, "bank_name": "随便写"})
    assert no_bank.status_code == 422 and "开户银行" in no_bank.json()["detail"]
    # when a valid card is given (spaces allowed)
    spaced = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    stored = seller.put("/seller/onboarding/bank-card", json={"card_number": spaced, "bank_name": "中国银行"})
    # then the answer and the status show it masked, never whole
    assert stored.status_code == 200, stored.text
    assert stored.json()["card_number"] == "****" + number[-4:]
    assert number not in stored.text
    status = seller.get("/seller/onboarding")
    assert status.json()["bank_card"]["card_number"] == "****" + number[-4:] and number not in status.text
    # and the stored row holds it sealed
    raw = db_session.execute(text("SELECT card_number FROM seller_bank_card")).scalar_one()
    assert raw.startswith("sy1:") and number not in raw


@pytest.mark.promise("P12")
def test_one_card_verifies_one_seller(world: World, db_session: Session) -> None:
    number = card_number()
    first = world.person(edition="seller")
    put_bank_card(first, number=number)
    # when another account gives the same card
    second = world.person(edition="seller")
    refused = second.put("/seller/onboarding/bank-card", json={"card_number": number, "bank_name": "中国工商银行"})
    # then it is refused and the second account has no card on file
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "该银行卡已用于其他账户的开店认证，请使用您本人的银行卡",
    )
    assert db_session.get(SellerBankCard, second.account_id) is None
    # while the first may replace its own card with itself
    assert (
        first.put("/seller/onboarding/bank-card", json={"card_number": number, "bank_name": "中国银行"}).status_code
        == 200
    )


@pytest.mark.promise("P12")
def test_a_shop_name_must_be_free_and_of_the_right_length(world: World, db_session: Session) -> None:
    open_shop(world, name="同名小店")
    seller = world.person(edition="seller")
    verify_real_name(seller)
    set_avatar(seller)
    put_bank_card(seller)
    # when the name is taken (after trimming), too short or too long
    taken = seller.post("/seller/shop", json={"name": " 同名小店 "})
    short = seller.post("/seller/shop", json={"name": "店"})
    long = seller.post("/seller/shop", json={"name": "店" * 31})
    # then each is refused with a clear message and no shop is added
    assert (taken.status_code, taken.json()["detail"]) == (409, "该店铺名称已被使用，请换一个名称")
    assert short.status_code == 422 and long.status_code == 422
    assert short.json()["detail"] == "店铺名称应为2到30个字符，不能只含空格或特殊控制字符"
    assert _shops(db_session) == 1
    # and a blank name counts as a missing item
    blank = seller.post("/seller/shop", json={"name": "   "})
    assert blank.status_code == 409 and blank.json()["detail"].startswith("开店前还需完成以下事项：店铺名称")


@pytest.mark.promise("P12", "P20")
def test_an_enterprise_shop_needs_the_branch_name(world: World, db_session: Session) -> None:
    seller = world.person(edition="seller")
    verify_real_name(seller)
    set_avatar(seller)
    put_bank_card(seller)
    # when an enterprise shop is asked for with a card that has no branch on file
    refused = seller.post("/seller/shop", json={"name": "某某贸易有限公司", "kind": "enterprise"})
    # then the branch is named as missing
    assert refused.status_code == 409
    assert refused.json()["detail"] == "开店前还需完成以下事项：开户支行全称（企业店铺）。请在卖家中心逐项完成后再提交"
    assert seller.get("/seller/onboarding", params={"kind": "enterprise"}).json()["missing"] == [
        "开户支行全称（企业店铺）",
        "店铺名称",
    ]
    assert _shops(db_session) == 0
    # and a branch that does not name a branch is refused
    bad = seller.put(
        "/seller/onboarding/bank-card",
        json={"card_number": card_number(), "bank_name": "中国工商银行", "branch_name": "北京"},
    )
    assert bad.status_code == 422 and "支行" in bad.json()["detail"]
    # when the branch's full name is given, the enterprise shop opens
    put_bank_card(seller, branch=BRANCH)
    opened = seller.post("/seller/shop", json={"name": "某某贸易有限公司", "kind": "enterprise"})
    assert opened.status_code == 201 and opened.json()["kind"] == "enterprise"


def test_the_seller_api_needs_the_seller_edition_and_a_login(world: World) -> None:
    buyer = world.person(edition="buyer")
    refused = buyer.post("/seller/shop", json={"name": "小店"})
    assert refused.status_code == 403 and refused.json()["detail"] == "此功能仅在店长版中提供，请从店长版登录"
    anonymous = buyer.client.get("/api/v1/seller/onboarding")
    assert anonymous.status_code == 401


def test_a_bad_kind_is_refused(world: World) -> None:
    seller = world.person(edition="seller")
    assert seller.post("/seller/shop", json={"name": "小店", "kind": "franchise"}).status_code == 422
