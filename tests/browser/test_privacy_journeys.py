"""A person in a real browser: registers with the notice accepted (P01), refuses every optional
consent and keeps shopping pages working (P07, P60), gives and withdraws the separate consent
for location and sees the next request refused (P31, P60, P82)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.people import read_code, register
from tests.commerce.accounts.builders import new_phone

# One worker runs them all: one live server and one Chromium, not one per worker.
pytestmark = pytest.mark.xdist_group("browser")


@pytest.mark.promise("P01", "P82")
def test_register_only_after_ticking_the_notice(page: Page) -> None:
    # given a visitor on the register page who has not ticked the notice
    phone = new_phone()
    page.goto("/accounts/register")
    expect(page.locator("#accept_notice")).not_to_be_checked()
    page.get_by_label("手机号码").fill(phone)
    # when they ask for a code without ticking, no code is sent and they are told why
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("alert")).to_contain_text("请先阅读并勾选同意《隐私声明》")
    # when they tick the notice, get the code from the SMS sandbox, and register
    page.locator("#accept_notice").check()
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_text("验证码已发送")).to_be_visible()
    code = read_code(page, phone)
    page.get_by_label("短信验证码").fill(code)
    page.locator("#accept_notice").check()
    page.get_by_role("button", name="同意并注册").click()
    # then the account exists and is logged in, and only the notice was agreed to: nothing optional is on
    page.wait_for_url("**/accounts/profile")
    expect(page.get_by_role("heading", name="个人资料")).to_be_visible()
    page.goto("/me/privacy")
    states = page.locator("td.consent-state").all_inner_texts()
    assert states and set(states) == {"未开启"}


@pytest.mark.promise("P07", "P60")
def test_refuse_every_optional_consent_and_keep_browsing(page: Page) -> None:
    # given a registered person on 隐私设置
    register(page)
    page.goto("/me/privacy")
    # when they refuse every optional function
    page.get_by_role("button", name="拒绝全部可选功能").click()
    # then every optional function is off
    expect(page.get_by_role("status")).to_contain_text("已拒绝全部可选事项")
    states = page.locator("td.consent-state").all_inner_texts()
    assert states and set(states) == {"已关闭"}
    # and the home page, the notice and the profile still work
    for path, heading in (("/", "守约：说到，就用代码做到"), ("/accounts/profile", "个人资料")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    response = page.goto("/privacy")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("隐私")


@pytest.mark.promise("P31", "P60", "P82")
def test_withdraw_location_and_the_next_request_is_refused(page: Page) -> None:
    register(page)
    # given location refused at first: nothing is used without consent
    page.goto("/me/nearby")
    page.get_by_label("纬度").fill("39.9042")
    page.get_by_label("经度").fill("116.4074")
    page.get_by_role("button", name="查找附近").click()
    expect(page.get_by_role("alert")).to_contain_text("您尚未同意「位置服务」，此功能暂不可用")
    # when the person allows the location permission and gives the separate consent on its own page
    page.goto("/me/privacy/permissions")
    page.get_by_role("button", name="允许位置信息权限").click()
    expect(page.locator("#permission-location .permission-state")).to_have_text("已允许")
    page.goto("/me/privacy")
    page.get_by_role("link", name="了解并单独同意位置服务").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("单独同意：位置服务")
    confirm = page.get_by_label(re.compile("单独同意「位置服务」"))
    expect(confirm).not_to_be_checked()
    page.get_by_role("button", name="确认单独同意").click()
    expect(page.get_by_role("alert")).to_contain_text("「位置服务」需要您单独同意")
    page.get_by_label(re.compile("单独同意「位置服务」")).check()
    page.get_by_role("button", name="确认单独同意").click()
    expect(page.locator("#consent-feature\\.location .consent-state")).to_have_text("已开启")
    # then the location feature works, on a coarse area only
    page.goto("/me/nearby")
    page.get_by_label("纬度").fill("39.9042")
    page.get_by_label("经度").fill("116.4074")
    page.get_by_role("button", name="查找附近").click()
    expect(page.locator("#nearby-result")).to_contain_text("北纬39.9°、东经116.4°附近")
    # when they withdraw the consent
    page.goto("/me/privacy")
    page.get_by_role("button", name="撤回位置服务").click()
    expect(page.get_by_role("status")).to_contain_text("已关闭「位置服务」")
    # then the very next use of the feature is refused
    page.goto("/me/nearby")
    page.get_by_label("纬度").fill("39.9042")
    page.get_by_label("经度").fill("116.4074")
    page.get_by_role("button", name="查找附近").click()
    expect(page.get_by_role("alert")).to_contain_text("您尚未同意「位置服务」，此功能暂不可用")
    expect(page.locator("#nearby-result")).to_have_count(0)
