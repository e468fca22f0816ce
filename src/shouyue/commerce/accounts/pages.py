"""Account pages (server-rendered, Simplified Chinese, real forms with labels): register, log in,
step-up verification, third-party login and logout. Profile and linked accounts are in
``settings_pages``, the development sandboxes in ``dev_pages``; their routes hang off ``router``.

Pages call the same service functions as the API; see ``forms`` for cookies and CSRF.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shouyue.commerce.accounts import dev_pages, oauth, service, settings_pages, step_up
from shouyue.commerce.accounts.dependencies import (
    SESSION_COOKIE,
    NowDep,
    PageClient,
    PageSessionDep,
    RateLimitsDep,
    SmsDep,
    VaultDep,
)
from shouyue.commerce.accounts.exceptions import AccountsError, CsrfRejected
from shouyue.commerce.accounts.forms import (
    CHALLENGE_COOKIE,
    DEVICE_COOKIE_AGE,
    OAUTH_STATE_COOKIE,
    PROFILE_HOME,
    CsrfField,
    PageProvider,
    account_of,
    after_login,
    attempt,
    check_csrf,
    login_redirect,
    notice_version_in_force,
    render,
    safe_next,
    set_cookie,
)
from shouyue.commerce.accounts.settings_pages import linked_page_response
from shouyue.providers.oauth import PROVIDERS
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

# --- register and log in -----------------------------------------------------------------------


@router.get("/accounts/register", name="accounts_register")
def register_page(request: Request, session: SessionDep, current: PageSessionDep, client: PageClient) -> Response:
    if current is not None:
        return RedirectResponse(PROFILE_HOME, status_code=303)
    context = {
        "phone": "",
        "notice_version": notice_version_in_force(session),
        "edition": client.edition.value,
        "sent": False,
    }
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
    return after_login(outcome)


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
        "next": safe_next(next_path),
        "providers": PROVIDERS,
    }
    return render(request, "accounts/login.html", context)


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
        "next": safe_next(next_path),
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
    return after_login(outcome, to=safe_next(next_path))


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
            lambda: step_up.resend_step_up_code(
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
        lambda: step_up.complete_step_up(
            session=session, vault=vault, limits=limits, challenge_token=challenge, code=code, client=client, now=now
        ),
    )
    if isinstance(outcome, AccountsError):
        return render(
            request, "accounts/step_up.html", {"resent": False}, status_code=outcome.status_code, error=str(outcome)
        )
    return after_login(outcome)


# --- third-party login -------------------------------------------------------------------------


@router.get("/accounts/oauth/{provider}/start", name="accounts_oauth_start")
def oauth_start(
    request: Request, provider: PageProvider, mode: Annotated[str, Query(pattern="^(login|link)$")] = "login"
) -> Response:
    """Send the visitor to the third party, with a state that ties the answer to this browser."""
    state = f"{mode}.{secrets.token_urlsafe(24)}"
    callback = str(request.url_for("accounts_oauth_callback", provider=provider.name).path)
    response = RedirectResponse(provider.authorize_url(state=state, redirect_uri=callback), status_code=303)
    set_cookie(response, OAUTH_STATE_COOKIE, state, max_age=600)
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
        account = account_of(current)
        if account is None:
            return login_redirect("/accounts/linked")
        linked = attempt(
            session,
            lambda: oauth.link(session=session, vault=vault, account=account, provider=provider, code=code, now=now),
        )
        if isinstance(linked, AccountsError):
            return linked_page_response(request, session, account, status_code=linked.status_code, error=str(linked))
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
        response = after_login(outcome)
    response.delete_cookie(OAUTH_STATE_COOKIE, path="/")
    return response


@router.get("/accounts/oauth/bind", name="accounts_oauth_bind")
def oauth_bind_page(request: Request, session: SessionDep) -> Response:
    if not request.cookies.get(CHALLENGE_COOKIE):
        return RedirectResponse("/accounts/login", status_code=303)
    return render(
        request,
        "accounts/oauth_bind.html",
        {"phone": "", "sent": False, "notice_version": notice_version_in_force(session)},
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
    return after_login(outcome)


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


router.include_router(settings_pages.router)
router.include_router(dev_pages.router)

# Other domains' pages reuse the form plumbing; these names stay importable from here.
__all__ = [
    "CHALLENGE_COOKIE",
    "DEVICE_COOKIE_AGE",
    "OAUTH_STATE_COOKIE",
    "CsrfField",
    "check_csrf",
    "render",
    "router",
]
