"""The account pages, driven like a browser: real forms, CSRF tokens, cookies (P01, P08, P09, P10)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from shouyue.cli import app as cli
from shouyue.settings import get_settings
from tests.commerce.accounts.builders import AccountsApi, new_phone
from tests.web.html import read_page

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def register_by_page(api: AccountsApi, phone: str) -> None:
    page = api.client.get("/accounts/register")
    token = csrf(page.text)
    sent = api.client.post(
        "/accounts/register", data={"csrf_token": token, "phone": phone, "accept_notice": "true", "action": "send_code"}
    )
    assert sent.status_code == 200 and "验证码已发送" in sent.text
    done = api.client.post(
        "/accounts/register",
        data={
            "csrf_token": token,
            "phone": phone,
            "code": api.last_code(phone),
            "accept_notice": "true",
            "notice_version": api.notice_version,
            "action": "register",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/accounts/profile"


@pytest.mark.promise("P01")
def test_the_register_page_shows_the_notice_unticked(api: AccountsApi) -> None:
    page = api.client.get("/accounts/register")
    assert page.status_code == 200
    html = page.text
    checkbox = re.search(r'<input id="accept_notice"[^>]*>', html)
    assert checkbox and "checked" not in checkbox.group(0)
    assert '<label for="accept_notice">' in html and 'href="/privacy"' in html
    assert "/privacy" in read_page(html).links
    # no optional consent is offered, let alone pre-ticked, on the registration form
    assert html.count('type="checkbox"') == 1


@pytest.mark.promise("P01", "P08")
def test_register_by_page_without_ticking_is_refused_then_with_ticking_works(api: AccountsApi) -> None:
    phone = new_phone()
    token = csrf(api.client.get("/accounts/register").text)
    refused = api.client.post("/accounts/register", data={"csrf_token": token, "phone": phone, "action": "send_code"})
    assert refused.status_code == 400
    assert "请先阅读并勾选同意《隐私声明》" in read_page(refused.text).text
    assert api.outbox(phone) == []
    register_by_page(api, phone)
    cookie = next(h for h in api.client.cookies.jar if h.name == "sy_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    profile = api.client.get("/accounts/profile")
    assert f"{phone[:3]}****{phone[-4:]}" in read_page(profile.text).text


def test_session_cookie_attributes(api: AccountsApi) -> None:
    phone = new_phone()
    page = api.client.get("/accounts/register")
    token = csrf(page.text)
    api.client.post(
        "/accounts/register", data={"csrf_token": token, "phone": phone, "accept_notice": "true", "action": "send_code"}
    )
    done = api.client.post(
        "/accounts/register",
        data={"csrf_token": token, "phone": phone, "code": api.last_code(phone), "accept_notice": "true"},
        follow_redirects=False,
    )
    header = next(v for k, v in done.headers.multi_items() if k == "set-cookie" and v.startswith("sy_session="))
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    assert "Secure" not in header  # development and tests; production adds Secure


def test_a_form_without_its_csrf_token_is_refused(api: AccountsApi) -> None:
    api.client.get("/accounts/register")
    response = api.client.post(
        "/accounts/register",
        data={"csrf_token": "forged", "phone": new_phone(), "accept_notice": "true", "action": "send_code"},
    )
    assert response.status_code == 403
    assert "页面已过期" in read_page(response.text).text


@pytest.mark.promise("P10")
def test_profile_page_saves_and_clears(api: AccountsApi) -> None:
    register_by_page(api, new_phone())
    page = api.client.get("/accounts/profile")
    token = csrf(page.text)
    for label in ("昵称", "性别", "生日", "个性签名", "头像"):
        assert f">{label}</label>" in page.text
    no_consent = api.client.post("/accounts/profile", data={"csrf_token": token, "nickname": "阿飞"})
    assert no_consent.status_code == 403
    saved = api.client.post(
        "/accounts/profile", data={"csrf_token": token, "nickname": "阿飞", "agree_profile_edit": "true"}
    )
    assert saved.status_code == 200 and 'value="阿飞"' in saved.text
    cleared = api.client.post("/accounts/profile", data={"csrf_token": token, "action": "clear_nickname"})
    assert cleared.status_code == 200 and 'value="阿飞"' not in cleared.text


@pytest.mark.promise("P09")
def test_third_party_login_by_page(api: AccountsApi) -> None:
    # the visitor follows "使用微信登录" to the sandbox consent screen and allows it
    start = api.client.get("/accounts/oauth/wechat/start", follow_redirects=False)
    assert start.status_code == 303
    consent_page = api.client.get(start.headers["location"])
    assert consent_page.status_code == 200 and "同意授权" in consent_page.text
    code = re.search(r'name="code" value="([^"]+)"', consent_page.text)
    state = re.search(r'name="state" value="([^"]+)"', consent_page.text)
    assert code and state
    callback = api.client.get(
        "/accounts/oauth/wechat/callback",
        params={"code": code.group(1), "state": state.group(1)},
        follow_redirects=False,
    )
    assert callback.headers["location"] == "/accounts/oauth/bind"
    bind = api.client.get("/accounts/oauth/bind")
    token = csrf(bind.text)
    phone = new_phone()
    api.client.post(
        "/accounts/oauth/bind",
        data={"csrf_token": token, "phone": phone, "accept_notice": "true", "action": "send_code"},
    )
    done = api.client.post(
        "/accounts/oauth/bind",
        data={"csrf_token": token, "phone": phone, "code": api.last_code(phone), "accept_notice": "true"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/accounts/profile"
    linked = read_page(api.client.get("/accounts/linked").text).table("table-linked")
    wechat = next(row for row in linked.rows if row[0] == "微信")
    assert wechat[1] == "已绑定" and wechat[2].startswith("沙盒用户")


def test_a_third_party_callback_with_a_forged_state_is_refused(api: AccountsApi) -> None:
    api.client.get("/accounts/oauth/wechat/start", follow_redirects=False)
    response = api.client.get("/accounts/oauth/wechat/callback", params={"code": "sandbox-x", "state": "login.forged"})
    assert response.status_code == 403


def test_logout_everywhere_by_page(api: AccountsApi) -> None:
    register_by_page(api, new_phone())
    token = csrf(api.client.get("/accounts/profile").text)
    out = api.client.post("/accounts/logout", data={"csrf_token": token, "everywhere": "true"}, follow_redirects=False)
    assert out.status_code == 303
    assert api.client.get("/accounts/profile", follow_redirects=False).status_code == 303


def test_the_outbox_page_and_command_exist_only_outside_production(
    api: AccountsApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = new_phone()
    api.send_code(phone)
    page = api.client.get("/dev/outbox", params={"phone": phone})
    assert page.status_code == 200
    assert read_page(page.text).table("table-outbox").rows[0][1] == phone
    runner = CliRunner()
    listed = runner.invoke(cli, ["dev", "outbox", "--phone", phone])
    assert listed.exit_code == 0 and phone in listed.output
    # when the environment says production
    monkeypatch.setenv("SHOUYUE_ENV", "production")
    get_settings.cache_clear()
    try:
        assert api.client.get("/dev/outbox").status_code == 404
        assert api.client.get("/api/v1/dev/outbox").status_code == 404
        refused = runner.invoke(cli, ["dev", "outbox"])
        assert refused.exit_code == 1
        assert "not available" in refused.output
    finally:
        monkeypatch.setenv("SHOUYUE_ENV", "test")
        get_settings.cache_clear()


def test_cookies_are_secure_in_production(api: AccountsApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOUYUE_ENV", "production")
    get_settings.cache_clear()
    try:
        page = api.client.get("/accounts/register")
    finally:
        monkeypatch.setenv("SHOUYUE_ENV", "test")
        get_settings.cache_clear()
    cookies = [v for k, v in page.headers.multi_items() if k == "set-cookie"]
    assert cookies and all("Secure" in c and "HttpOnly" in c and "SameSite=lax" in c for c in cookies)


def test_a_page_cookie_never_authorises_the_api(api: AccountsApi) -> None:
    # the API takes bearer tokens only, so a cross-site request riding on the cookie gets nowhere
    register_by_page(api, new_phone())
    assert api.client.get("/accounts/profile").status_code == 200
    assert api.client.get("/api/v1/accounts/me").status_code == 401
