"""Plumbing shared by the account pages: cookies, CSRF tokens, rendering a form with its error,
running one service call as a unit of work, and where to go after a login.

A page session is an HttpOnly, SameSite=Lax cookie (Secure in production). Every form carries a
CSRF token: before login the double-submit ``sy_csrf`` cookie, after login a token derived from
the session token (nothing more to store).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import service
from shouyue.commerce.accounts.dependencies import (
    CSRF_COOKIE,
    DEVICE_COOKIE,
    SESSION_COOKIE,
)
from shouyue.commerce.accounts.exceptions import AccountsError, CsrfRejected, UnknownProvider
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.accounts.sessions import SESSION_LIFETIME, csrf_token_for
from shouyue.commerce.accounts.transactions import unit_of_work
from shouyue.privacy.notice import versions
from shouyue.providers.oauth import PROVIDERS, OAuthProvider, get_oauth_provider
from shouyue.settings import get_settings
from shouyue.web.templating import templates

T = TypeVar("T")
CHALLENGE_COOKIE = "sy_step_up"
OAUTH_STATE_COOKIE = "sy_oauth_state"
DEVICE_COOKIE_AGE = 365 * 24 * 3600
GENDER_LABELS = {"female": "女", "male": "男", "other": "其他"}
PROFILE_HOME = "/accounts/profile"

# --- cookies, CSRF, rendering ------------------------------------------------------------------


def set_cookie(response: Response, name: str, value: str, *, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", secure=get_settings().is_production, path="/"
    )


def csrf_token(request: Request) -> tuple[str, str | None]:
    """The token this visitor's forms carry, and a new double-submit cookie value to set, if any."""
    session_token = request.cookies.get(SESSION_COOKIE)
    if session_token:
        return csrf_token_for(session_token), None
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing, None
    fresh = secrets.token_urlsafe(24)
    return fresh, fresh


def check_csrf(request: Request, submitted: str) -> None:
    """Refuse a form post whose token does not match the visitor's session or cookie."""
    expected, new_cookie = csrf_token(request)
    if new_cookie is not None or not submitted or not hmac.compare_digest(expected, submitted):
        raise CsrfRejected("form token missing or wrong")


CsrfField = Annotated[str, Form(alias="csrf_token")]


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    token, new_cookie = csrf_token(request)
    response = templates.TemplateResponse(
        request, template, {"csrf_token": token, "error": error, **context}, status_code=status_code
    )
    if new_cookie is not None:
        set_cookie(response, CSRF_COOKIE, new_cookie, max_age=int(SESSION_LIFETIME.total_seconds()))
    if not request.cookies.get(DEVICE_COOKIE):
        # Recognising this browser again is part of login security (risk control, P26/P27).
        set_cookie(response, DEVICE_COOKIE, secrets.token_urlsafe(24), max_age=DEVICE_COOKIE_AGE)
    response.headers["Cache-Control"] = "no-store"
    return response


def attempt(session: Session, action: Callable[[], T]) -> T | AccountsError:
    """Run one service call as a unit of work; a refusal comes back to be shown on the form."""
    try:
        with unit_of_work(session):
            return action()
    except AccountsError as exc:
        return exc


def after_login(outcome: service.LoginOutcome, *, to: str = PROFILE_HOME) -> Response:
    """Go on after a login: set the session cookie, or go to step-up / phone verification."""
    if outcome.status is service.LoginStatus.STEP_UP_REQUIRED and outcome.challenge_token:
        response = RedirectResponse("/accounts/step-up", status_code=303)
        set_cookie(response, CHALLENGE_COOKIE, outcome.challenge_token, max_age=600)
        return response
    if outcome.status is service.LoginStatus.PHONE_REQUIRED and outcome.pending_ticket:
        response = RedirectResponse("/accounts/oauth/bind", status_code=303)
        set_cookie(response, CHALLENGE_COOKIE, outcome.pending_ticket, max_age=600)
        return response
    response = RedirectResponse(to, status_code=303)
    if outcome.issued is not None:
        set_cookie(response, SESSION_COOKIE, outcome.issued.token, max_age=int(SESSION_LIFETIME.total_seconds()))
        response.delete_cookie(CSRF_COOKIE, path="/")
        response.delete_cookie(CHALLENGE_COOKIE, path="/")
    return response


def account_of(current: Any) -> Account | None:
    return None if current is None else current[1]


def login_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/accounts/login?{urlencode({'next': next_path})}", status_code=303)


def notice_version_in_force(session: Session) -> str | None:
    return versions.latest_version(session=session)


def safe_next(path: str) -> str:
    # Only our own pages: never an absolute URL or a scheme-relative one (open redirect).
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else PROFILE_HOME


def page_provider(provider: str) -> OAuthProvider:
    if provider not in PROVIDERS:
        raise UnknownProvider(f"no provider {provider!r}")
    return get_oauth_provider(provider)


PageProvider = Annotated[OAuthProvider, Depends(page_provider)]
