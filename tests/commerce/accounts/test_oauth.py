"""Third-party login (P09): only avatar, nickname, region and gender are kept; the third-party
account id only as a keyed hash; linking and unlinking in the settings."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from shouyue.engine import get_vault
from shouyue.providers.oauth import SandboxOAuthClient
from tests.commerce.accounts.builders import API, AccountsApi, bearer, new_phone

HERE = {"X-Device-Id": "device-home-001", "X-Sandbox-Client-IP": "114.114.114.114"}


def oauth_login(api: AccountsApi, code: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = api.client.post(f"{API}/auth/oauth/wechat/login", json={"code": code}, headers=headers or HERE)
    assert response.status_code == 200, response.text
    return dict(response.json())


def register_through_wechat(api: AccountsApi, code: str) -> tuple[str, dict[str, Any]]:
    pending = oauth_login(api, code)
    assert pending["status"] == "phone_required"
    phone = new_phone()
    sms = api.send_code(phone, headers=HERE)
    response = api.client.post(
        f"{API}/auth/oauth/complete",
        json={"ticket": pending["phone_required"]["ticket"], "phone": phone, "code": sms, "accept_notice": True},
        headers=HERE,
    )
    assert response.status_code == 200, response.text
    return phone, dict(response.json())


def _every_stored_text(db_session: Session) -> str:
    """Every value of every table, as one text (what a database dump would show)."""
    connection = db_session.connection()
    names = [n for n in connection.dialect.get_table_names(connection) if n != "alembic_version"]
    chunks = []
    for name in names:
        for row in connection.execute(text(f'SELECT * FROM "{name}"')):
            chunks += [str(value) for value in row]
    return "\n".join(chunks)


@pytest.mark.promise("P09")
def test_third_party_registration_keeps_only_the_four_fields(api: AccountsApi, db_session: Session) -> None:
    # given what the third party answers for this code: much more than the notice allows
    code = "sandbox-p09-alice"
    raw = SandboxOAuthClient("wechat").user_info(code)
    assert {"openid", "unionid", "email", "phone", "city", "language"} <= set(raw)
    # when the person registers through it (verifying a phone and accepting the notice)
    _, body = register_through_wechat(api, code)
    # then the linked account shows avatar, nickname, region and gender
    links = api.client.get(f"{API}/accounts/me/oauth-links", headers=bearer(api.token(body))).json()
    assert len(links) == 1
    link = links[0]
    assert (link["nickname"], link["avatar_url"], link["region"]) == (
        raw["nickname"],
        raw["headimgurl"],
        raw["province"],
    )
    assert link["gender"] in ("male", "female")
    # and nothing else from the answer is stored anywhere; the open id only as its keyed hash
    stored = _every_stored_text(db_session)
    for field in ("openid", "unionid", "email", "phone", "city"):
        assert str(raw[field]) not in stored, field
    hashed = get_vault().keyed_hash(f"wechat:{raw['openid']}", category="oauth.account_id")
    assert hashed in stored


@pytest.mark.promise("P09")
def test_the_same_third_party_account_logs_in_again(api: AccountsApi) -> None:
    code = "sandbox-p09-bob"
    _, registered = register_through_wechat(api, code)
    again = oauth_login(api, code)
    assert again["status"] == "logged_in"
    assert again["account"]["id"] == registered["account"]["id"]


def test_an_unlinked_third_party_account_needs_a_verified_phone_and_the_notice(api: AccountsApi) -> None:
    pending = oauth_login(api, "sandbox-needs-phone")
    phone = new_phone()
    refused_sms = api.request_code(phone, accept_notice=False)
    assert refused_sms.status_code == 400
    sms = api.send_code(phone)
    no_notice = api.client.post(
        f"{API}/auth/oauth/complete",
        json={"ticket": pending["phone_required"]["ticket"], "phone": phone, "code": sms},
    )
    assert (no_notice.status_code, no_notice.json()["detail"]) == (400, "请先阅读并勾选同意《隐私声明》")
    forged = api.client.post(
        f"{API}/auth/oauth/complete",
        json={"ticket": "not-a-ticket", "phone": phone, "code": sms, "accept_notice": True},
    )
    assert (forged.status_code, forged.json()["detail"]) == (400, "第三方账户授权已超时，请重新授权")


def test_a_third_party_account_joins_an_existing_account_by_its_phone(api: AccountsApi) -> None:
    phone, registered = api.register(headers=HERE)
    api.relax_limits()
    pending = oauth_login(api, "sandbox-existing-carol")
    sms = api.send_code(phone, headers=HERE)
    response = api.client.post(
        f"{API}/auth/oauth/complete",
        json={"ticket": pending["phone_required"]["ticket"], "phone": phone, "code": sms},
        headers=HERE,
    )
    assert response.status_code == 200, response.text
    assert response.json()["account"]["id"] == registered["account"]["id"]


@pytest.mark.promise("P09")
def test_link_and_unlink_in_the_settings(api: AccountsApi, db_session: Session) -> None:
    # given a phone account
    _, body = api.register()
    auth = bearer(api.token(body))
    # when it links QQ, then unlinks it
    linked = api.client.post(f"{API}/accounts/me/oauth-links/qq", json={"code": "sandbox-dave"}, headers=auth)
    assert linked.status_code == 201, linked.text
    assert [link["provider"] for link in api.client.get(f"{API}/accounts/me/oauth-links", headers=auth).json()] == [
        "qq"
    ]
    twice = api.client.post(f"{API}/accounts/me/oauth-links/qq", json={"code": "sandbox-dave2"}, headers=auth)
    assert twice.status_code == 409
    assert api.client.delete(f"{API}/accounts/me/oauth-links/qq", headers=auth).status_code == 204
    # then nothing of it is left
    assert api.client.get(f"{API}/accounts/me/oauth-links", headers=auth).json() == []
    rows = db_session.execute(
        text("SELECT * FROM account_oauth_link WHERE account_id = :a"), {"a": body["account"]["id"]}
    ).all()
    assert rows == []
    again = api.client.delete(f"{API}/accounts/me/oauth-links/qq", headers=auth)
    assert (again.status_code, again.json()["detail"]) == (404, "您尚未绑定该第三方账户")


def test_one_third_party_account_cannot_serve_two_accounts(api: AccountsApi) -> None:
    _, first = api.register()
    _, second = api.register()
    ok = api.client.post(
        f"{API}/accounts/me/oauth-links/weibo", json={"code": "sandbox-erin"}, headers=bearer(api.token(first))
    )
    assert ok.status_code == 201
    taken = api.client.post(
        f"{API}/accounts/me/oauth-links/weibo", json={"code": "sandbox-erin"}, headers=bearer(api.token(second))
    )
    assert (taken.status_code, taken.json()["detail"]) == (409, "该第三方账户已绑定其他守约账户")


def test_refused_codes_and_unknown_providers(api: AccountsApi) -> None:
    denied = api.client.post(f"{API}/auth/oauth/wechat/login", json={"code": "sandbox-denied"})
    unknown = api.client.post(f"{API}/auth/oauth/facebook/login", json={"code": "sandbox-x"})
    assert (denied.status_code, denied.json()["detail"]) == (400, "第三方账户授权失败，请重新授权")
    assert (unknown.status_code, unknown.json()["detail"]) == (404, "暂不支持使用该第三方账户登录")
