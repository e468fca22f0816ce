"""The third-party login provider's boundary (P09).

A provider exchanges an authorisation code for the person's third-party account and hands the
platform an :class:`OAuthProfile`: the account id and only the four fields the notice names
(avatar, nickname, region, gender). Whatever else the third party returns (union ids, e-mail,
phone number, city, language ...) is dropped in the adapter, before any platform code sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# The third parties a person can log in with, and how pages name them.
PROVIDERS: dict[str, str] = {"wechat": "微信", "qq": "QQ", "weibo": "微博"}


class OAuthFailed(Exception):
    """The third party refused the code (expired, reused, forged) or could not be reached."""


@dataclass(frozen=True, slots=True)
class OAuthProfile:
    """The reduced answer of a third party: its account id plus avatar, nickname, region, gender."""

    provider: str
    external_id: str = ""
    nickname: str | None = None
    avatar_url: str | None = None
    region: str | None = None
    gender: str | None = None  # "female" | "male" | None


class OAuthProvider(Protocol):
    """Exchanges an authorisation code for a reduced profile."""

    name: str

    def authorize_url(self, *, state: str, redirect_uri: str) -> str:
        """Where to send the person to authorise the login."""
        ...

    def exchange(self, code: str) -> OAuthProfile:
        """The reduced profile behind ``code``; raises :class:`OAuthFailed`."""
        ...
