"""FastAPI dependencies of the accounts domain: ``CurrentAccount`` (API, bearer token),
``SellerAccount`` (API, seller edition), ``PageAccount`` (pages, session cookie), the client
context of a request, the vault, the SMS carrier and the rate limiter.

The API authenticates with ``Authorization: Bearer <token>`` only and pages with the
``sy_session`` cookie only: a cookie never authorises an API call, so the JSON API needs no
CSRF token, and every page form carries one (see ``pages``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.exceptions import AccountsError, NotAuthenticated, SellerEditionRequired
from shouyue.commerce.accounts.models import Account, AccountSession, Edition, SessionKind
from shouyue.commerce.accounts.ratelimit import RateLimits, rate_limits_from_settings
from shouyue.commerce.accounts.service import Client
from shouyue.commerce.risk.geo import CLIENT_IP_HEADER, client_ip, region_for_ip
from shouyue.engine import get_vault
from shouyue.privacy.vault import Vault
from shouyue.providers.sms import SmsSender, get_sms_sender
from shouyue.settings import get_settings
from shouyue.web.deps import SessionDep

SESSION_COOKIE = "sy_session"
CSRF_COOKIE = "sy_csrf"
DEVICE_COOKIE = "sy_device"
EDITION_HEADER = "X-Shouyue-Edition"
DEVICE_HEADER = "X-Device-Id"

VaultDep = Annotated[Vault, Depends(get_vault)]


def get_rate_limits(request: Request) -> RateLimits:
    """The application's rate limiter (one per app, so each test app starts from zero)."""
    limits: RateLimits | None = getattr(request.app.state, "accounts_rate_limits", None)
    if limits is None:
        limits = rate_limits_from_settings()
        request.app.state.accounts_rate_limits = limits
    return limits


def get_sms() -> SmsSender:
    return get_sms_sender()


RateLimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]
SmsDep = Annotated[SmsSender, Depends(get_sms)]


def request_ip(request: Request) -> str:
    """The address a request counts as coming from (see ``risk.geo``)."""
    peer = request.client.host if request.client else None
    return client_ip(peer=peer, stated=request.headers.get(CLIENT_IP_HEADER), production=get_settings().is_production)


def _edition(query: Edition | None, header: Edition | None) -> Edition:
    return query or header or Edition.BUYER


def api_client(
    request: Request,
    edition: Annotated[Edition | None, Query(description="buyer（买家版）或 seller（店长版）")] = None,
    x_shouyue_edition: Annotated[Edition | None, Header(description="同 edition 参数")] = None,
    x_device_id: Annotated[str | None, Header(max_length=128, description="设备标识，仅以密钥哈希保存")] = None,
) -> Client:
    """The client of an API request; its session will be a bearer token."""
    ip = request_ip(request)
    return Client(
        ip=ip,
        device_id=x_device_id,
        region=region_for_ip(ip),
        edition=_edition(edition, x_shouyue_edition),
        kind=SessionKind.BEARER,
    )


def page_client(request: Request, edition: Annotated[Edition | None, Query()] = None) -> Client:
    """The client of a page request; its device is the ``sy_device`` cookie, its session a cookie."""
    ip = request_ip(request)
    return Client(
        ip=ip,
        device_id=request.cookies.get(DEVICE_COOKIE),
        region=region_for_ip(ip),
        edition=edition or Edition.BUYER,
        kind=SessionKind.COOKIE,
    )


ApiClient = Annotated[Client, Depends(api_client)]
PageClient = Annotated[Client, Depends(page_client)]


def get_now() -> datetime:
    """The time of the request (tests override it to travel past expiries)."""
    return datetime.now(UTC)


NowDep = Annotated[datetime, Depends(get_now)]


def _resolve(session: Session, token: str, kind: SessionKind, now: datetime) -> tuple[AccountSession, Account]:
    row, account = sessions.resolve(session=session, token=token, kind=kind, now=now)
    if session.dirty:
        session.commit()  # the throttled last_seen_at refresh, before the route's own work
    return row, account


def get_current_session(
    session: SessionDep, now: NowDep, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> tuple[AccountSession, Account]:
    """The bearer session of an API request; 401 without one or with a forged or expired one."""
    if not authorization:
        raise NotAuthenticated("no Authorization header")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("not a bearer token")
    return _resolve(session, token.strip(), SessionKind.BEARER, now)


CurrentSessionDep = Annotated[tuple[AccountSession, Account], Depends(get_current_session)]


def get_current_account(current: CurrentSessionDep) -> Account:
    return current[1]


CurrentAccount = Annotated[Account, Depends(get_current_account)]


def get_seller_account(current: CurrentSessionDep) -> Account:
    """The account of a session opened in the seller edition (P03: same account, other app)."""
    row, account = current
    if row.edition != Edition.SELLER.value:
        raise SellerEditionRequired("buyer-edition session on a seller route")
    return account


SellerAccount = Annotated[Account, Depends(get_seller_account)]


def get_page_session(request: Request, session: SessionDep, now: NowDep) -> tuple[AccountSession, Account] | None:
    """The cookie session of a page request, or None (pages then offer to log in)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return _resolve(session, token, SessionKind.COOKIE, now)
    except AccountsError:  # a stale or revoked cookie reads as logged out
        return None


PageSessionDep = Annotated[tuple[AccountSession, Account] | None, Depends(get_page_session)]
