"""Account pages (server-rendered, Simplified Chinese, real forms with labels): register, log in,
step-up verification, third-party login, profile, linked accounts, and the sandbox tools.

Pages call the same service functions as the API. A page session is an HttpOnly, SameSite=Lax
cookie (Secure in production). Every form carries a CSRF token: before login the double-submit
``sy_csrf`` cookie, after login a token derived from the session token.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import oauth, profile, service
from shouyue.commerce.accounts.dependencies import (
    CSRF_COOKIE,
    DEVICE_COOKIE,
    SESSION_COOKIE,
    NowDep,
    PageClient,
    PageSessionDep,
    RateLimitsDep,
    SmsDep,
    VaultDep,
)
from shouyue.commerce.accounts.exceptions import AccountsError, CsrfRejected, UnknownProvider
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.accounts.router import development_only
from shouyue.commerce.accounts.sessions import SESSION_LIFETIME, csrf_token_for
from shouyue.commerce.accounts.transactions import unit_of_work
from shouyue.commerce.risk import service as risk
from shouyue.commerce.risk.models import REASON_LABELS
from shouyue.privacy.consent import Channel
from shouyue.privacy.notice import versions
from shouyue.providers.oauth import PROVIDERS, OAuthProvider, get_oauth_provider
from shouyue.providers.oauth.sandbox import CODE_PREFIX
from shouyue.providers.sms import outbox_path, read_outbox
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
CHALLENGE_COOKIE = "sy_step_up"
OAUTH_STATE_COOKIE = "sy_oauth_state"
DEVICE_COOKIE_AGE = 365 * 24 * 3600
GENDER_LABELS = {"female": "女", "male": "男", "other": "其他"}
PROFILE_HOME = "/accounts/profile"


# --- cookies, CSRF, rendering ------------------------------------------------------------------


def _cookie(response: Response, name: str, value: str, *, max_age: int) -> None:
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
        _cookie(response, CSRF_COOKIE, new_cookie, max_age=int(SESSION_LIFETIME.total_seconds()))
    if not request.cookies.get(DEVICE_COOKIE):
        # Recognising this browser again is part of login security (risk control, P26/P27).
        _cookie(response, DEVICE_COOKIE, secrets.token_urlsafe(24), max_age=DEVICE_COOKIE_AGE)
    response.headers["Cache-Control"] = "no-store"
    return response


def attempt(session: Session, action: Callable[[], T]) -> T | AccountsError:
    """Run one service call as a unit of work; a refusal comes back to be shown on the form."""
    try:
        with unit_of_work(session):
            return action()
    except AccountsError as exc:
        return exc


def _logged_in(outcome: service.LoginOutcome, *, to: str = PROFILE_HOME) -> Response:
    """Go on after a login: set the session cookie, or go to step-up / phone verification."""
    if outcome.status is service.LoginStatus.STEP_UP_REQUIRED and outcome.challenge_token:
        response = RedirectResponse("/accounts/step-up", status_code=303)
        _cookie(response, CHALLENGE_COOKIE, outcome.challenge_token, max_age=600)
        return response
    if outcome.status is service.LoginStatus.PHONE_REQUIRED and outcome.pending_ticket:
        response = RedirectResponse("/accounts/oauth/bind", status_code=303)
        _cookie(response, CHALLENGE_COOKIE, outcome.pending_ticket, max_age=600)
        return response
    response = RedirectResponse(to, status_code=303)
    if outcome.issued is not None:
        _cookie(response, SESSION_COOKIE, outcome.issued.token, max_age=int(SESSION_LIFETIME.total_seconds()))
        response.delete_cookie(CSRF_COOKIE, path="/")
        response.delete_cookie(CHALLENGE_COOKIE, path="/")
    return response


def _require_account(current: Any) -> Account | None:
    return None if current is None else current[1]


def _login_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/accounts/login?{urlencode({'next': next_path})}", status_code=303)


def _notice_version(session: Session) -> str | None:
    return versions.latest_version(session=session)


# --- register and log in -----------------------------------------------------------------------


@router.get("/accounts/register", name="accounts_register")
def register_page(request: Request, session: SessionDep, current: PageSessionDep, client: PageClient) -> Response:
    if current is not None:
        return RedirectResponse(PROFILE_HOME, status_code=303)
    context = {"phone": "", "notice_version": _notice_version(session), "edition": client.edition.value, "sent": False}
    return render(request, "accounts/register.html", context)


@router.post("/accounts/register")
def register_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: PageClient,
    now: NowDep,
    csrf: CsrfField,
    phone: Annotated[str, Form(max_length=32)] = "",
    code: Annotated[str, Form(max_length=12)] = "",
    accept_notice: Annotated[bool, Form()] = False,
    notice_version: Annotated[str | None, Form(max_length=40)] = None,
    action: Annotated[str, Form()] = "register",
) -> Response:
    check_csrf(request, csrf)
    context = {"phone": phone, "notice_version": notice_version, "edition": client.edition.value, "sent": False}
    if action == "send_code":
        issued = attempt(
            session,
            lambda: service.request_code(
                session=session,
                vault=vault,
                datamap=datamap,
                limits=limits,
                phone=phone,
                accept_notice=accept_notice,
                client=client,
                now=now,
            ),
        )
        if isinstance(issued, AccountsError):
            return render(request, "accounts/register.html", context, status_code=issued.status_code, error=str(issued))
        service.deliver(sms=sms, issued=issued)
        return render(request, "accounts/register.html", {**context, "sent": True})
    outcome = attempt(
        session,
        lambda: service.register(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            phone=phone,
            code=code,
            accept_notice=accept_notice,
            notice_version=notice_version,
            client=client,
            now=now,
        ),
    )
    if isinstance(outcome, AccountsError):
        return render(request, "accounts/register.html", context, status_code=outcome.status_code, error=str(outcome))
    return _logged_in(outcome)


@router.get("/accounts/login", name="accounts_login")
def login_page(
    request: Request,
    current: PageSessionDep,
    client: PageClient,
    next_path: Annotated[str, Query(alias="next", max_length=200)] = PROFILE_HOME,
) -> Response:
    if current is not None:
        return RedirectResponse(PROFILE_HOME, status_code=303)
    context = {
        "phone": "",
        "sent": False,
        "edition": client.edition.value,
        "next": _safe_next(next_path),
        "providers": PROVIDERS,
    }
    return render(request, "accounts/login.html", context)


def _safe_next(path: str) -> str:
    # Only our own pages: never an absolute URL or a scheme-relative one (open redirect).
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else PROFILE_HOME


@router.post("/accounts/login")
def login_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: PageClient,
    now: NowDep,
    csrf: CsrfField,
    phone: Annotated[str, Form(max_length=32)] = "",
    code: Annotated[str, Form(max_length=12)] = "",
    action: Annotated[str, Form()] = "login",
    next_path: Annotated[str, Form(alias="next", max_length=200)] = PROFILE_HOME,
) -> Response:
    check_csrf(request, csrf)
    context = {
        "phone": phone,
        "sent": False,
        "edition": client.edition.value,
        "next": _safe_next(next_path),
        "providers": PROVIDERS,
    }
    if action == "send_code":
        issued = attempt(
            session,
            lambda: service.request_code(
                session=session,
                vault=vault,
                datamap=datamap,
                limits=limits,
                phone=phone,
                accept_notice=False,
                client=client,
                now=now,
            ),
        )
        if isinstance(issued, AccountsError):
            return render(request, "accounts/login.html", context, status_code=issued.status_code, error=str(issued))
        service.deliver(sms=sms, issued=issued)
        return render(request, "accounts/login.html", {**context, "sent": True})
    outcome = attempt(
        session,
        lambda: service.login(
            session=session, vault=vault, limits=limits, phone=phone, code=code, client=client, now=now
        ),
    )
    if isinstance(outcome, AccountsError):
        return render(request, "accounts/login.html", context, status_code=outcome.status_code, error=str(outcome))
    return _logged_in(outcome, to=_safe_next(next_path))


# --- step-up verification ----------------------------------------------------------------------


@router.get("/accounts/step-up", name="accounts_step_up")
def step_up_page(request: Request) -> Response:
    if not request.cookies.get(CHALLENGE_COOKIE):
        return RedirectResponse("/accounts/login", status_code=303)
    return render(request, "accounts/step_up.html", {"resent": False})


@router.post("/accounts/step-up")
def step_up_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: PageClient,
    now: NowDep,
    csrf: CsrfField,
    code: Annotated[str, Form(max_length=12)] = "",
    action: Annotated[str, Form()] = "verify",
) -> Response:
    check_csrf(request, csrf)
    challenge = request.cookies.get(CHALLENGE_COOKIE, "")
    if action == "resend":
        issued = attempt(
            session,
            lambda: service.resend_step_up_code(
                session=session,
                vault=vault,
                datamap=datamap,
                limits=limits,
                challenge_token=challenge,
                client=client,
                now=now,
            ),
        )
        if isinstance(issued, AccountsError):
            return render(
                request, "accounts/step_up.html", {"resent": False}, status_code=issued.status_code, error=str(issued)
            )
        service.deliver(sms=sms, issued=issued)
        return render(request, "accounts/step_up.html", {"resent": True})
    outcome = attempt(
        session,
        lambda: service.complete_step_up(
            session=session, vault=vault, limits=limits, challenge_token=challenge, code=code, client=client, now=now
        ),
    )
    if isinstance(outcome, AccountsError):
        return render(
            request, "accounts/step_up.html", {"resent": False}, status_code=outcome.status_code, error=str(outcome)
        )
    return _logged_in(outcome)


# --- third-party login -------------------------------------------------------------------------


def page_provider(provider: str) -> OAuthProvider:
    if provider not in PROVIDERS:
        raise UnknownProvider(f"no provider {provider!r}")
    return get_oauth_provider(provider)


PageProvider = Annotated[OAuthProvider, Depends(page_provider)]


@router.get("/accounts/oauth/{provider}/start", name="accounts_oauth_start")
def oauth_start(
    request: Request, provider: PageProvider, mode: Annotated[str, Query(pattern="^(login|link)$")] = "login"
) -> Response:
    """Send the visitor to the third party, with a state that ties the answer to this browser."""
    state = f"{mode}.{secrets.token_urlsafe(24)}"
    callback = str(request.url_for("accounts_oauth_callback", provider=provider.name).path)
    response = RedirectResponse(provider.authorize_url(state=state, redirect_uri=callback), status_code=303)
    _cookie(response, OAUTH_STATE_COOKIE, state, max_age=600)
    return response


@router.get("/accounts/oauth/{provider}/callback", name="accounts_oauth_callback")
def oauth_callback(
    request: Request,
    provider: PageProvider,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: PageClient,
    current: PageSessionDep,
    now: NowDep,
    code: Annotated[str, Query(max_length=256)] = "",
    state: Annotated[str, Query(max_length=128)] = "",
) -> Response:
    expected = request.cookies.get(OAUTH_STATE_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, state):
        raise CsrfRejected("OAuth state missing or wrong")
    if state.startswith("link."):
        account = _require_account(current)
        if account is None:
            return _login_redirect("/accounts/linked")
        linked = attempt(
            session,
            lambda: oauth.link(session=session, vault=vault, account=account, provider=provider, code=code, now=now),
        )
        if isinstance(linked, AccountsError):
            return _linked_page(request, session, account, status_code=linked.status_code, error=str(linked))
        response: Response = RedirectResponse("/accounts/linked", status_code=303)
    else:
        outcome = attempt(
            session,
            lambda: oauth.login(
                session=session,
                vault=vault,
                datamap=datamap,
                limits=limits,
                provider=provider,
                code=code,
                client=client,
                now=now,
            ),
        )
        if isinstance(outcome, AccountsError):
            context = {"phone": "", "sent": False, "edition": client.edition.value, "next": PROFILE_HOME}
            context["providers"] = PROVIDERS
            return render(request, "accounts/login.html", context, status_code=outcome.status_code, error=str(outcome))
        service.deliver(sms=sms, issued=outcome.outgoing)
        response = _logged_in(outcome)
    response.delete_cookie(OAUTH_STATE_COOKIE, path="/")
    return response


@router.get("/accounts/oauth/bind", name="accounts_oauth_bind")
def oauth_bind_page(request: Request, session: SessionDep) -> Response:
    if not request.cookies.get(CHALLENGE_COOKIE):
        return RedirectResponse("/accounts/login", status_code=303)
    return render(
        request, "accounts/oauth_bind.html", {"phone": "", "sent": False, "notice_version": _notice_version(session)}
    )


@router.post("/accounts/oauth/bind")
def oauth_bind_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: PageClient,
    now: NowDep,
    csrf: CsrfField,
    phone: Annotated[str, Form(max_length=32)] = "",
    code: Annotated[str, Form(max_length=12)] = "",
    accept_notice: Annotated[bool, Form()] = False,
    notice_version: Annotated[str | None, Form(max_length=40)] = None,
    action: Annotated[str, Form()] = "bind",
) -> Response:
    check_csrf(request, csrf)
    ticket = request.cookies.get(CHALLENGE_COOKIE, "")
    context = {"phone": phone, "sent": False, "notice_version": notice_version}
    if action == "send_code":
        issued = attempt(
            session,
            lambda: service.request_code(
                session=session,
                vault=vault,
                datamap=datamap,
                limits=limits,
                phone=phone,
                accept_notice=accept_notice,
                client=client,
                now=now,
            ),
        )
        if isinstance(issued, AccountsError):
            return render(
                request, "accounts/oauth_bind.html", context, status_code=issued.status_code, error=str(issued)
            )
        service.deliver(sms=sms, issued=issued)
        return render(request, "accounts/oauth_bind.html", {**context, "sent": True})
    outcome = attempt(
        session,
        lambda: oauth.complete(
            session=session,
            vault=vault,
            limits=limits,
            ticket=ticket,
            phone=phone,
            code=code,
            accept_notice=accept_notice,
            notice_version=notice_version,
            client=client,
            now=now,
        ),
    )
    if isinstance(outcome, AccountsError):
        return render(request, "accounts/oauth_bind.html", context, status_code=outcome.status_code, error=str(outcome))
    return _logged_in(outcome)


# --- profile, linked accounts, security record, logout -----------------------------------------


def _profile_page(
    request: Request,
    session: Session,
    account: Account,
    *,
    status_code: int = 200,
    error: str | None = None,
    saved: bool = False,
) -> HTMLResponse:
    context = {
        "account": account,
        "gender_labels": GENDER_LABELS,
        "has_consent": profile.has_consent(session=session, account_id=account.id),
        "saved": saved,
        "today": date.today().isoformat(),
        "decisions": risk.decisions_for(session=session, account_id=account.id, limit=10),
        "reason_labels": REASON_LABELS,
    }
    return render(request, "accounts/profile.html", context, status_code=status_code, error=error)


@router.get("/accounts/profile", name="accounts_profile")
def profile_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = _require_account(current)
    if account is None:
        return _login_redirect(PROFILE_HOME)
    return _profile_page(request, session, account)


@router.post("/accounts/profile")
def profile_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    nickname: Annotated[str, Form(max_length=64)] = "",
    gender: Annotated[str, Form(max_length=16)] = "",
    birthday: Annotated[str, Form(max_length=10)] = "",
    signature: Annotated[str, Form(max_length=160)] = "",
    agree_profile_edit: Annotated[bool, Form()] = False,
    action: Annotated[str, Form(max_length=32)] = "save",
    avatar: Annotated[UploadFile | None, File()] = None,
) -> Response:
    check_csrf(request, csrf)
    account = _require_account(current)
    if account is None:
        return _login_redirect(PROFILE_HOME)
    upload_dir = get_settings().upload_dir
    removed: str | None = None
    if action.startswith("clear_"):
        field = action.removeprefix("clear_")
        if field == "avatar":
            result: Any = attempt(session, lambda: profile.clear_avatar(session=session, account=account))
        else:
            result = attempt(
                session,
                lambda: profile.update(
                    session=session,
                    datamap=datamap,
                    account=account,
                    changes={field: None},
                    agree=False,
                    channel=Channel.WEB,
                    now=now,
                ),
            )
    else:
        changes: dict[str, str | date | None] = {
            "nickname": nickname or None,
            "gender": gender or None,
            "birthday": birthday or None,
            "signature": signature or None,
        }
        result = attempt(
            session,
            lambda: profile.update(
                session=session,
                datamap=datamap,
                account=account,
                changes=changes,
                agree=agree_profile_edit,
                channel=Channel.WEB,
                now=now,
            ),
        )
        data = avatar.file.read(profile.MAX_AVATAR_BYTES + 1) if avatar is not None and avatar.filename else b""
        if data and not isinstance(result, AccountsError):
            result = attempt(
                session,
                lambda: profile.set_avatar(
                    session=session,
                    datamap=datamap,
                    account=account,
                    data=data,
                    upload_dir=upload_dir,
                    agree=agree_profile_edit,
                    channel=Channel.WEB,
                    now=now,
                ),
            )
    if isinstance(result, AccountsError):
        session.refresh(account)
        return _profile_page(request, session, account, status_code=result.status_code, error=str(result))
    if isinstance(result, profile.ProfileChange):
        removed = result.removed_file
    profile.remove_file(upload_dir=upload_dir, name=removed)
    return _profile_page(request, session, account, saved=True)


@router.get("/accounts/me/avatar", name="accounts_avatar")
def avatar_image(current: PageSessionDep) -> Response:
    account = _require_account(current)
    if account is None:
        return Response(status_code=404)
    path, media_type = profile.avatar_file(account=account, upload_dir=get_settings().upload_dir)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, no-store"})


def _linked_page(
    request: Request, session: Session, account: Account, *, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    links = {link.provider: link for link in oauth.links_of(session=session, account_id=account.id)}
    context = {"providers": PROVIDERS, "links": links, "gender_labels": GENDER_LABELS}
    return render(request, "accounts/linked.html", context, status_code=status_code, error=error)


@router.get("/accounts/linked", name="accounts_linked")
def linked_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = _require_account(current)
    if account is None:
        return _login_redirect("/accounts/linked")
    return _linked_page(request, session, account)


@router.post("/accounts/linked/{provider}/unlink")
def unlink_submit(
    request: Request, provider: PageProvider, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    check_csrf(request, csrf)
    account = _require_account(current)
    if account is None:
        return _login_redirect("/accounts/linked")
    result = attempt(session, lambda: oauth.unlink(session=session, account=account, provider=provider.name))
    if isinstance(result, AccountsError):
        return _linked_page(request, session, account, status_code=result.status_code, error=str(result))
    return RedirectResponse("/accounts/linked", status_code=303)


@router.post("/accounts/logout")
def logout_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    everywhere: Annotated[bool, Form()] = False,
) -> Response:
    check_csrf(request, csrf)
    if current is not None:
        row, account = current
        if everywhere:
            attempt(session, lambda: service.logout_everywhere(session=session, account=account, now=now))
        else:
            attempt(session, lambda: service.logout(session=session, current=row, now=now))
    response = RedirectResponse("/accounts/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- development sandboxes ---------------------------------------------------------------------


@router.get("/dev/outbox", name="dev_outbox", dependencies=[Depends(development_only)])
def outbox_page(request: Request, phone: Annotated[str | None, Query(max_length=32)] = None) -> Response:
    messages = read_outbox(outbox_path(), limit=50, phone=phone or None)
    return render(request, "accounts/outbox.html", {"messages": messages, "phone": phone or ""})


@router.get("/dev/oauth/{provider}/authorize", name="dev_oauth_authorize", dependencies=[Depends(development_only)])
def sandbox_authorize_page(
    request: Request,
    provider: PageProvider,
    state: Annotated[str, Query(max_length=128)] = "",
    redirect_uri: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The sandbox third party's consent screen: 'allow' returns to the callback with a code."""
    context = {
        "provider_name": PROVIDERS[provider.name],
        "callback": _safe_next(redirect_uri),
        "state": state,
        "code": f"{CODE_PREFIX}{secrets.token_hex(8)}",
    }
    return render(request, "accounts/oauth_authorize.html", context)
