"""The privacy-center pages as a person uses them: 隐私设置 with nothing on by default and each
separate consent on its own page (P35, P60, P82, P07), 系统权限 (P31), and the cookie list (P36)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from shouyue.commerce.privacy_center.cookies import cookies
from tests.commerce.accounts.builders import AccountsApi
from tests.commerce.privacy_center.builders import csrf_of, web_register
from tests.web.html import read_page


@pytest.fixture
def person(api: AccountsApi) -> TestClient:
    """A browser-like client logged in through the register page."""
    api.relax_limits()
    web_register(api)
    return api.client


def _row_state(html: str, purpose: str) -> str:
    row = re.search(rf'<tr id="consent-{re.escape(purpose)}"[^>]*data-state="([a-z_]+)"', html)
    assert row, f"no row for {purpose}"
    return row.group(1)


@pytest.mark.promise("P35", "P82", "P07")
def test_settings_page_lists_every_purpose_off_with_its_legal_basis(person: TestClient) -> None:
    # when a new account opens 隐私设置
    page = person.get("/me/privacy")
    # then every optional purpose is listed with its Chinese label, basis and state, none on
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "隐私设置" in text and "拒绝任何一项都不影响注册、浏览、搜索、下单、支付等核心功能" in text
    for label in ("个性化推荐", "推送通知与商业广告", "位置服务", "绑定银行卡", "征得同意", "单独同意"):
        assert label in text
    assert "已开启" not in text and "checked" not in page.text
    assert _row_state(page.text, "recommendation.personalised") == "not_decided"
    # and a separate-consent purpose has no switch here, only a link to its own page
    assert 'action="/me/privacy/consents/feature.location/grant"' not in page.text
    assert 'href="/me/privacy/consents/feature.location"' in page.text


@pytest.mark.promise("P60", "P23")
def test_switch_a_purpose_on_and_off_from_the_settings_page(person: TestClient) -> None:
    page = person.get("/me/privacy")
    version = re.search(r'name="notice_version" value="([^"]*)"', page.text)
    assert version is not None
    # when the person switches personalised recommendation on, then off
    on = person.post(
        "/me/privacy/consents/recommendation.personalised/grant",
        data={"csrf_token": csrf_of(page.text), "notice_version": version.group(1)},
    )
    assert on.status_code == 200 and "已开启「个性化推荐」。" in on.text
    assert _row_state(on.text, "recommendation.personalised") == "granted"
    off = person.post(
        "/me/privacy/consents/recommendation.personalised/withdraw", data={"csrf_token": csrf_of(on.text)}
    )
    # then it is off at once, said in Chinese, and nothing else changed
    assert off.status_code == 200 and "已关闭「个性化推荐」" in off.text
    assert _row_state(off.text, "recommendation.personalised") == "withdrawn"
    assert _row_state(off.text, "marketing.push") == "not_decided"
    assert "撤回「个性化推荐」" in off.text  # the history lists the act


@pytest.mark.promise("P82")
def test_a_separate_consent_is_given_only_on_its_own_page_with_its_own_tick(person: TestClient) -> None:
    # when the person opens the 位置服务 page
    page = person.get("/me/privacy/consents/feature.location")
    # then it explains the purpose, its basis, the PI and the permission, with an unticked box
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "单独同意：位置服务" in text and "精确位置" in text and "位置信息" in text
    assert 'id="confirm_separate" name="confirm_separate" type="checkbox" value="true">' in page.text
    version = re.search(r'name="notice_version" value="([^"]*)"', page.text)
    assert version is not None
    form = {"csrf_token": csrf_of(page.text), "notice_version": version.group(1)}
    # when they submit without ticking, it is refused and stays off
    unticked = person.post("/me/privacy/consents/feature.location/confirm", data=form)
    assert unticked.status_code == 400 and "「位置服务」需要您单独同意" in unticked.text
    # and the ordinary switch cannot be used for it either
    bundled = person.post("/me/privacy/consents/feature.location/grant", data=form)
    assert bundled.status_code == 400
    assert _row_state(person.get("/me/privacy").text, "feature.location") == "not_decided"
    # when they tick and confirm, it is on
    ticked = person.post("/me/privacy/consents/feature.location/confirm", data={**form, "confirm_separate": "true"})
    assert ticked.status_code == 200 and _row_state(ticked.text, "feature.location") == "granted"
    # and an ordinary purpose has no separate page
    ordinary = person.get("/me/privacy/consents/marketing.push")
    assert ordinary.status_code == 404 and "该事项无需单独同意" in ordinary.text


@pytest.mark.promise("P07")
def test_refuse_all_from_the_page_and_keep_browsing(person: TestClient) -> None:
    page = person.get("/me/privacy")
    refused = person.post("/me/privacy/refuse-all", data={"csrf_token": csrf_of(page.text)})
    assert refused.status_code == 200 and "已拒绝全部可选事项" in refused.text
    states = set(re.findall(r'<tr id="consent-[^"]+"[^>]*data-state="([a-z_]+)"', refused.text))
    assert states == {"withdrawn"}
    for path in ("/", "/privacy", "/accounts/profile", "/me/privacy/permissions", "/me/messages"):
        assert person.get(path).status_code == 200, path


@pytest.mark.promise("P31")
def test_permissions_page_lists_the_six_and_records_a_choice(person: TestClient) -> None:
    # when the person opens 系统权限
    page = person.get("/me/privacy/permissions")
    # then the notice's six permissions are listed, none asked yet
    assert page.status_code == 200
    table = read_page(page.text).table("table-permissions")
    assert [row[0] for row in table.rows] == ["位置信息", "相机", "照片", "麦克风", "通讯录", "日历"]
    assert all(row[2] == "未询问" for row in table.rows)
    # when they refuse the camera, the page says so and that it will not ask for 48 hours
    refused = person.post("/me/privacy/permissions/camera", data={"csrf_token": csrf_of(page.text), "state": "denied"})
    assert refused.status_code == 200 and "已记录「相机」权限：已拒绝。" in refused.text
    camera = read_page(refused.text).table("table-permissions").rows[1]
    assert camera[2] == "已拒绝" and "之前不再询问" in camera[3]
    # and an unknown permission is refused in Chinese
    unknown = person.post(
        "/me/privacy/permissions/teleport", data={"csrf_token": csrf_of(page.text), "state": "granted"}
    )
    assert unknown.status_code == 404 and "未找到该设备权限" in unknown.text


@pytest.mark.promise("P31", "P60")
def test_nearby_page_refuses_without_consent_and_echoes_nothing(person: TestClient) -> None:
    page = person.get("/me/nearby")
    form = {"csrf_token": csrf_of(page.text), "latitude": "39.9042", "longitude": "116.4074"}
    refused = person.post("/me/nearby", data=form)
    assert refused.status_code == 403 and "您尚未同意「位置服务」，此功能暂不可用" in refused.text
    assert "39.9042" not in refused.text


def test_privacy_pages_need_a_login(client: TestClient) -> None:
    for path in ("/me/privacy", "/me/privacy/permissions", "/me/privacy/notice", "/me/nearby", "/me/messages"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/accounts/login?next=")


@pytest.mark.promise("P36")
def test_the_cookie_page_lists_every_cookie_the_app_sets(api: AccountsApi) -> None:
    # given a visitor who registers, logs out and logs in again through the pages
    api.relax_limits()
    seen: set[str] = set()
    client = api.client
    public = [client.get(path) for path in ("/", "/privacy", "/privacy/cookies", "/privacy/versions")]
    for response in public:
        seen.update(c.split("=", 1)[0] for c in response.headers.get_list("set-cookie"))
    # then the public pages set no cookie at all
    assert seen == set()
    phone = web_register(api)
    seen.update(client.cookies.keys())
    profile = client.get("/accounts/profile")
    client.post("/accounts/logout", data={"csrf_token": csrf_of(profile.text)})
    login = client.get("/accounts/login")
    seen.update(client.cookies.keys())
    form = {"csrf_token": csrf_of(login.text), "phone": phone}
    client.post("/accounts/login", data={**form, "action": "send_code"})
    client.post("/accounts/login", data={**form, "code": api.last_code(phone), "action": "login"})
    seen.update(client.cookies.keys())
    # when the cookie page is read
    page = client.get("/privacy/cookies")
    listed = {row[0] for row in read_page(page.text).table("table-cookies").rows}
    # then every cookie that was set is listed with its purpose and lifetime, and they are all necessary
    assert seen and seen <= listed
    assert listed == {c.name for c in cookies()}
    assert all(c.necessary and c.purpose and c.lifetime for c in cookies())
    assert "sy_session" in listed and "30天" in page.text
