"""The seller pages, driven like a browser: real forms with CSRF tokens and a cookie session
(P12, P13, P20). Card numbers and addresses appear masked only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.shops.models import SellerBankCard, Shop
from tests.commerce.shops.builders import (
    BANK,
    PNG,
    bad_luhn,
    card_number,
    log_in_pages,
    open_shop,
    set_avatar,
    verify_real_name,
)
from tests.commerce.support.world import World
from tests.web.html import read_page


@pytest.mark.parametrize("path", ["/seller", "/seller/onboarding", "/seller/shop", "/seller/withdrawal-card"])
def test_a_signed_out_visitor_is_sent_to_log_in(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/accounts/login?next=%2Fseller")


@pytest.mark.promise("P12")
def test_onboarding_by_page_is_refused_listing_what_is_missing_then_accepted(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a signed-in account with nothing done
    seller = world.person(edition="seller")
    csrf = log_in_pages(client, db_session, seller)
    home = client.get("/seller")
    # then the seller home shows the checklist with links to each page that completes an item
    assert home.status_code == 200
    page = read_page(home.text)
    assert "卖家中心" in page.text and "尚缺：实名认证（真实姓名和身份证号码）、银行卡、头像、店铺名称" in page.text
    assert {
        "/identity/real-name",
        "/accounts/profile",
        "/seller/onboarding#bank-card",
        "/seller/onboarding#shop",
    } <= set(page.links)
    # when the shop form is submitted now
    refused = client.post("/seller/onboarding/shop", data={"csrf_token": csrf, "name": "页面小店", "kind": "personal"})
    # then the page says, in Chinese, everything still missing, and no shop exists
    assert refused.status_code == 409
    assert "开店前还需完成以下事项：实名认证（真实姓名和身份证号码）、银行卡、头像" in read_page(refused.text).text
    assert db_session.scalar(select(func.count()).select_from(Shop)) == 0
    # when a card failing the Luhn check is submitted, it is refused and not echoed
    number = card_number()
    bad = client.post(
        "/seller/onboarding/bank-card", data={"csrf_token": csrf, "card_number": bad_luhn(number), "bank_name": BANK}
    )
    assert bad.status_code == 422 and "银行卡号校验未通过" in read_page(bad.text).text
    assert bad_luhn(number) not in bad.text
    # when the real name and avatar are done elsewhere and the card is given here
    verify_real_name(seller)
    set_avatar(seller)
    saved = client.post(
        "/seller/onboarding/bank-card",
        data={"csrf_token": csrf, "card_number": number, "bank_name": BANK},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/seller/onboarding"
    form = client.get("/seller/onboarding")
    assert "****" + number[-4:] in read_page(form.text).text and number not in form.text
    assert db_session.get(SellerBankCard, seller.account_id) is not None
    # then the shop opens and the seller home becomes the dashboard
    opened = client.post(
        "/seller/onboarding/shop",
        data={"csrf_token": csrf, "name": "页面小店", "kind": "personal"},
        follow_redirects=False,
    )
    assert opened.status_code == 303 and opened.headers["location"] == "/seller"
    dashboard = read_page(client.get("/seller").text)
    assert "页面小店" in dashboard.text
    assert {"/seller/products", "/seller/orders", "/seller/shop", "/seller/withdrawal-card"} <= set(dashboard.links)


def test_a_form_without_its_csrf_token_is_refused(world: World, client: TestClient, db_session: Session) -> None:
    seller = world.person(edition="seller")
    log_in_pages(client, db_session, seller)
    forged = {"csrf_token": "forged", "card_number": card_number(), "bank_name": BANK}
    response = client.post("/seller/onboarding/bank-card", data=forged)
    assert response.status_code == 403 and "页面已过期或来源无法确认" in read_page(response.text).text
    assert db_session.get(SellerBankCard, seller.account_id) is None


@pytest.mark.promise("P13")
def test_the_shop_page_takes_optional_extras_with_their_own_consent(
    world: World, client: TestClient, db_session: Session
) -> None:
    seller, _ = open_shop(world)
    csrf = log_in_pages(client, db_session, seller)
    page = client.get("/seller/shop")
    assert page.status_code == 200
    text = read_page(page.text).text
    # the page says the extras are optional and which features are off without them
    assert "以下信息均为选填" in text and "未开启：需要发货地址" in text
    assert 'id="agree_shop_management"' in page.text and "checked" not in page.text
    # when an address is saved without ticking the consent, it is refused
    refused = client.post(
        "/seller/shop/extras", data={"csrf_token": csrf, "shipping_address": "广东省深圳市南山区科技园路1号"}
    )
    assert refused.status_code == 403 and "请先勾选同意「店铺管理」" in read_page(refused.text).text
    # when it is saved with the consent ticked, it shows masked and shipping turns on
    saved = client.post(
        "/seller/shop/extras",
        data={
            "csrf_token": csrf,
            "shipping_address": "广东省深圳市南山区科技园路1号",
            "agree_shop_management": "true",
        },
    )
    assert saved.status_code == 200
    shown = read_page(saved.text)
    assert "当前：广东省深圳市南山区****" in shown.text and "科技园路1号" not in saved.text
    assert shown.table("table-features").rows[2] == ["上门取件（向物流公司提供发货地址）", "可用"]
    # when a licence is uploaded through the page form
    uploaded = client.post(
        "/seller/shop/documents/licence",
        data={"csrf_token": csrf, "action": "upload"},
        files={"file": ("licence.png", PNG, "image/png")},
    )
    assert uploaded.status_code == 200 and "已上传" in read_page(uploaded.text).text
    # and a file of the wrong type is refused with the reason
    wrong = client.post(
        "/seller/shop/documents/qualification",
        data={"csrf_token": csrf, "action": "upload"},
        files={"file": ("q.png", b"not an image", "image/png")},
    )
    assert wrong.status_code == 422 and "PNG、JPEG图片或PDF文件" in read_page(wrong.text).text


@pytest.mark.promise("P20")
def test_the_withdrawal_card_page_binds_and_shows_the_card_masked(
    world: World, client: TestClient, db_session: Session
) -> None:
    seller, _ = open_shop(world, kind="enterprise")
    csrf = log_in_pages(client, db_session, seller)
    page = client.get("/seller/withdrawal-card")
    assert page.status_code == 200 and '<label for="branch_name">开户支行全称</label>' in page.text
    number = card_number()
    # when an enterprise shop leaves the branch out, the page refuses naming it
    refused = client.post(
        "/seller/withdrawal-card", data={"csrf_token": csrf, "card_number": number, "bank_name": BANK}
    )
    assert refused.status_code == 422 and "企业店铺须填写开户支行全称" in read_page(refused.text).text
    assert number not in refused.text
    # when the branch is given, the card is bound and shown masked
    bound = client.post(
        "/seller/withdrawal-card",
        data={
            "csrf_token": csrf,
            "card_number": number,
            "bank_name": BANK,
            "branch_name": "中国工商银行股份有限公司北京朝阳支行",
        },
    )
    assert bound.status_code == 200
    text = read_page(bound.text).text
    assert "已保存" in text and "****" + number[-4:] in text and number not in bound.text
    assert "****" + number[-4:] in read_page(client.get("/seller").text).text
    # when it is removed
    removed = client.post("/seller/withdrawal-card", data={"csrf_token": csrf, "action": "remove"})
    assert removed.status_code == 200 and "尚未绑定提现银行卡" in read_page(removed.text).text


def test_a_seller_without_a_shop_is_sent_home_from_shop_pages(
    world: World, client: TestClient, db_session: Session
) -> None:
    seller = world.person(edition="seller")
    log_in_pages(client, db_session, seller)
    for path in ("/seller/shop", "/seller/withdrawal-card"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/seller"
