"""Every cookie the web app sets, with its purpose and lifetime (P36), built from the names and
lifetimes the setting code itself uses, so the list cannot drift from what is set.

All of them are strictly necessary (login, form protection, login security); the app sets no
preference, analytics or advertising cookie, so there is nothing to switch off before a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shouyue.commerce.accounts.dependencies import CSRF_COOKIE, DEVICE_COOKIE, SESSION_COOKIE
from shouyue.commerce.accounts.forms import CHALLENGE_COOKIE, DEVICE_COOKIE_AGE, OAUTH_STATE_COOKIE
from shouyue.commerce.accounts.sessions import SESSION_LIFETIME
from shouyue.commerce.staff.dependencies import STAFF_COOKIE
from shouyue.commerce.staff.service import SESSION_LIFETIME as STAFF_SESSION_LIFETIME

# The step-up challenge and the third-party login state live ten minutes (accounts.forms, accounts.pages).
_SHORT = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class CookieInfo:
    name: str
    purpose: str
    lifetime: str
    necessary: bool
    audience: str


def _words(period: timedelta) -> str:
    seconds = int(period.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400}天"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}小时"
    return f"{seconds // 60}分钟"


def cookies() -> list[CookieInfo]:
    """The cookies of the web app, in the order a visitor meets them."""
    return [
        CookieInfo(
            name=CSRF_COOKIE,
            purpose="防止他人冒用您的身份提交登录、注册等表单（跨站请求伪造防护）；登录后删除",
            lifetime=f"最长{_words(SESSION_LIFETIME)}，登录后即删除",
            necessary=True,
            audience="访客",
        ),
        CookieInfo(
            name=DEVICE_COOKIE,
            purpose="识别这台浏览器是否曾经登录过，用于登录安全（新设备、新地区登录时需要短信二次验证）；服务器只保存其密钥哈希",
            lifetime=_words(timedelta(seconds=DEVICE_COOKIE_AGE)),
            necessary=True,
            audience="访客与用户",
        ),
        CookieInfo(
            name=SESSION_COOKIE,
            purpose="保持您的登录状态；退出登录时删除",
            lifetime=_words(SESSION_LIFETIME),
            necessary=True,
            audience="已登录用户",
        ),
        CookieInfo(
            name=CHALLENGE_COOKIE,
            purpose="在登录二次验证或第三方账户绑定手机号的过程中记住本次验证",
            lifetime=_words(_SHORT),
            necessary=True,
            audience="登录中的用户",
        ),
        CookieInfo(
            name=OAUTH_STATE_COOKIE,
            purpose="确认第三方账户登录的授权结果返回的是发起登录的这台浏览器",
            lifetime=_words(_SHORT),
            necessary=True,
            audience="使用第三方账户登录的用户",
        ),
        CookieInfo(
            name=STAFF_COOKIE,
            purpose="平台工作人员登录管理后台的会话",
            lifetime=_words(STAFF_SESSION_LIFETIME),
            necessary=True,
            audience="平台工作人员",
        ),
    ]
