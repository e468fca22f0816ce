"""The sandbox third-party login: a fake identity provider for development and tests.

``SandboxOAuthClient`` plays the third party's raw API and, like the real ones, answers with
much more than the platform may keep (open id, union id, e-mail, phone number, city, language,
privilege list). ``SandboxOAuthProvider`` is the adapter: it keeps the account id and the four
fields of the notice and drops everything else.

A sandbox code is ``sandbox-<anything>``; the same code always yields the same person, so a test
can log the same third-party account in twice. ``sandbox-denied`` is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from shouyue.providers.oauth.protocol import OAuthFailed, OAuthProfile

CODE_PREFIX = "sandbox-"
_PROVINCES = ("北京", "上海", "广东", "浙江", "四川", "湖北", "江苏", "山东")
_GENDERS = {1: "male", 2: "female"}


class SandboxOAuthClient:
    """The raw 'third-party API': returns the full user-info document for a code."""

    def __init__(self, provider: str) -> None:
        self.provider = provider

    def user_info(self, code: str) -> dict[str, Any]:
        if not code.startswith(CODE_PREFIX) or code == f"{CODE_PREFIX}denied" or len(code) > 128:
            raise OAuthFailed("the sandbox refused the authorisation code")
        seed = hashlib.sha256(f"{self.provider}:{code}".encode()).hexdigest()
        number = int(seed[:8], 16)
        return {
            "openid": f"o{seed[:27]}",
            "unionid": f"u{seed[27:54]}",
            "nickname": f"沙盒用户{number % 10000:04d}",
            "headimgurl": f"https://sandbox.invalid/avatar/{seed[:16]}.png",
            "sex": 1 + number % 2,
            "province": _PROVINCES[number % len(_PROVINCES)],
            "city": "沙盒市",
            "country": "中国",
            "language": "zh_CN",
            "email": f"{seed[:10]}@sandbox.invalid",
            "phone": f"139{number % 100_000_000:08d}",
            "privilege": ["chinaunicom"],
        }


class SandboxOAuthProvider:
    """Adapter over :class:`SandboxOAuthClient` that reduces its answer to :class:`OAuthProfile`."""

    def __init__(self, name: str, *, authorize_endpoint: str = "/dev/oauth") -> None:
        self.name = name
        self.client = SandboxOAuthClient(name)
        self.authorize_endpoint = authorize_endpoint

    def authorize_url(self, *, state: str, redirect_uri: str) -> str:
        query = urlencode({"state": state, "redirect_uri": redirect_uri})
        return f"{self.authorize_endpoint}/{self.name}/authorize?{query}"

    def exchange(self, code: str) -> OAuthProfile:
        return reduce_profile(self.name, self.client.user_info(code))


def reduce_profile(provider: str, raw: Mapping[str, Any]) -> OAuthProfile:
    """Keep the account id, avatar, nickname, region and gender; drop the rest (P09)."""
    external_id = str(raw.get("openid") or "")
    if not external_id:
        raise OAuthFailed("the third party returned no account id")
    region = raw.get("province") or None
    return OAuthProfile(
        provider=provider,
        external_id=external_id,
        nickname=_text(raw.get("nickname"), 64),
        avatar_url=_text(raw.get("headimgurl"), 512),
        region=_text(region, 64),
        gender=_gender(raw.get("sex")),
    )


def _gender(value: Any) -> str | None:
    return _GENDERS.get(value) if isinstance(value, int) else None


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None
