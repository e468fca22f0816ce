"""The sandbox third-party login: the raw answer carries more than the notice allows; the adapter
hands the platform only the account id, avatar, nickname, region and gender (P09)."""

from __future__ import annotations

import dataclasses

import pytest

from shouyue.providers.oauth import OAuthFailed, SandboxOAuthClient, SandboxOAuthProvider, get_oauth_provider


@pytest.mark.promise("P09")
def test_the_adapter_reduces_the_answer_to_four_fields_and_the_id() -> None:
    raw = SandboxOAuthClient("wechat").user_info("sandbox-x")
    profile = SandboxOAuthProvider("wechat").exchange("sandbox-x")
    assert {f.name for f in dataclasses.fields(profile)} == {
        "provider",
        "external_id",
        "nickname",
        "avatar_url",
        "region",
        "gender",
    }
    assert profile.external_id == raw["openid"]
    assert (profile.nickname, profile.avatar_url, profile.region) == (
        raw["nickname"],
        raw["headimgurl"],
        raw["province"],
    )
    assert (
        raw["unionid"] not in repr(profile) and raw["email"] not in repr(profile) and raw["phone"] not in repr(profile)
    )


def test_the_same_code_is_the_same_person_and_refusals_raise() -> None:
    provider = get_oauth_provider("qq")
    assert provider.exchange("sandbox-a").external_id == provider.exchange("sandbox-a").external_id
    assert provider.exchange("sandbox-a").external_id != provider.exchange("sandbox-b").external_id
    for code in ("sandbox-denied", "not-a-sandbox-code"):
        with pytest.raises(OAuthFailed):
            provider.exchange(code)


def test_the_authorize_url_carries_the_state() -> None:
    url = get_oauth_provider("weibo").authorize_url(state="login.abc", redirect_uri="/accounts/oauth/weibo/callback")
    assert url.startswith("/dev/oauth/weibo/authorize?") and "state=login.abc" in url
