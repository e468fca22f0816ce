"""Seller onboarding in a real browser (P12): the shop form is refused with the list of what is
missing, then, after the real name, the avatar and the bank card are given on their own pages,
the same form opens the shop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.people import register
from tests.commerce.shops.builders import PNG, adult_id_number, card_number

# One worker runs the browser tests: one live server and one Chromium.
pytestmark = pytest.mark.xdist_group("browser")


def _submit_shop(page: Page, name: str) -> None:
    page.goto("/seller/onboarding")
    page.get_by_label("店铺名称").fill(name)
    page.get_by_role("button", name="提交开店").click()


@pytest.mark.promise("P12")
def test_onboarding_is_refused_then_accepted(page: Page) -> None:
    # given a newly registered person on the seller home
    register(page)
    page.goto("/seller")
    expect(page.get_by_role("heading", level=1)).to_have_text("卖家中心")
    # when they try to open a shop straight away
    _submit_shop(page, "浏览器小店")
    # then they are told everything still missing
    expect(page.get_by_role("alert")).to_have_text(
        "开店前还需完成以下事项：实名认证（真实姓名和身份证号码）、银行卡、头像。请在卖家中心逐项完成后再提交"
    )
    # when they verify their real name, set an avatar and give a bank card, each on its page
    page.goto("/identity/real-name")
    page.get_by_label("真实姓名").fill("张伟")
    page.get_by_label("身份证号码").fill(adult_id_number())
    page.get_by_role("button", name="提交认证").click()
    expect(page.locator("#real-name-result")).to_be_visible()
    page.goto("/accounts/profile")
    page.locator("#avatar").set_input_files(files=[{"name": "me.png", "mimeType": "image/png", "buffer": PNG}])
    page.locator("#agree_profile_edit").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_alt_text("当前头像")).to_be_visible()
    number = card_number()
    page.goto("/seller/onboarding")
    page.get_by_label("银行卡号").fill(number)
    page.get_by_label("开户银行").fill("中国工商银行")
    page.get_by_role("button", name="保存银行卡").click()
    expect(page.locator("#bank-card-on-file")).to_contain_text("****" + number[-4:])
    # then the same form opens the shop and the seller home becomes its dashboard
    _submit_shop(page, "浏览器小店")
    page.wait_for_url("**/seller")
    expect(page.locator("#shop-facts")).to_contain_text("浏览器小店")
    expect(page.get_by_role("link", name="商品管理")).to_have_attribute("href", "/seller/products")
    assert number not in page.content()
