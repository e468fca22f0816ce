"""Privacy center pages: 隐私设置 (consents), the separate-consent confirmation of one purpose,
系统权限 (device permissions), 附近 (the location feature), 隐私政策已更新 (the click to agree),
the notice archive and the cookie list.

Pages call the same service functions as the API. Forms carry the accounts CSRF token; a
refusal by the engine is shown on the page it came from, in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, check_csrf, render
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.notifications import service as inbox
from shouyue.commerce.privacy_center import cookies, service
from shouyue.commerce.privacy_center.exceptions import PrivacyCenterError
from shouyue.privacy.consent import Channel
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.errors import PrivacyError
from shouyue.privacy.notice import versions
from shouyue.web.deps import DataMapDep, SessionDep
from shouyue.web.errors import DOMAIN_ERRORS
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
SETTINGS_PATH = "/me/privacy"
PERMISSIONS_PATH = "/me/privacy/permissions"
NOTICE_PATH = "/me/privacy/notice"
NEARBY_PATH = "/me/nearby"

_DONE = {
    "on": "已开启「{label}」。",
    "off": "已关闭「{label}」，从下一个请求起不再基于该同意处理；其他功能不受影响。",
    "all_off": "已拒绝全部可选事项。购物、浏览、订单等核心功能照常可用。",
    "agreed": "您已同意最新的隐私政策。",
}

Refusal = PrivacyError | PrivacyCenterError


def _explain(exc: Refusal) -> tuple[int, str]:
    """The status and the Chinese sentence the API would answer with."""
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            status, detail = DOMAIN_ERRORS[cls]
            if detail is None:
                return getattr(exc, "status_code", status), str(getattr(exc, "message", exc))
            return status, detail
    return 400, "请求未能完成"


def _attempt(session: Session, action: Callable[[], T]) -> T | Refusal:
    """One service call as a unit of work; a refusal comes back to be shown on the page."""
    try:
        result = action()
    except (PrivacyError, PrivacyCenterError) as exc:
        session.rollback()
        return exc
    session.commit()
    return result


def _login_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/accounts/login?{urlencode({'next': next_path})}", status_code=303)


def _account(current: Any) -> Account | None:
    return None if current is None else current[1]


def _frame(session: Session, datamap: DataMap, account: Account, active: str) -> dict[str, Any]:
    """What every privacy-center page shows around its content: the local navigation, the
    unread count and the 隐私政策已更新 banner (P71, P72)."""
    return {
        "active": active,
        "notice": service.notice_status(session=session, datamap=datamap, subject_id=account.id),
        "unread": inbox.unread_count(session=session, account_id=account.id),
    }


# --- 隐私设置: consents ------------------------------------------------------------------------


def _settings_page(
    request: Request,
    session: Session,
    datamap: DataMap,
    account: Account,
    *,
    done: str | None = None,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    views = service.list_consents(session=session, datamap=datamap, subject_id=account.id)
    context = {
        **_frame(session, datamap, account, "settings"),
        "ordinary": [v for v in views if not v.separate],
        "separate": [v for v in views if v.separate],
        "notice_version": versions.latest_version(session=session),
        "done": done,
        "history": service.consent_history(session=session, datamap=datamap, subject_id=account.id)[:20],
    }
    return render(request, "privacy_center/settings.html", context, status_code=status_code, error=error)


@router.get(SETTINGS_PATH, name="privacy_settings")
def settings_page(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    done: Annotated[str | None, Query(max_length=16)] = None,
    purpose: Annotated[str | None, Query(max_length=80)] = None,
) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(SETTINGS_PATH)
    labels = {p.id: p.label for p in datamap.purposes}
    message = _DONE[done].format(label=labels.get(purpose or "", "")) if done in _DONE else None
    return _settings_page(request, session, datamap, account, done=message)


def _done(kind: str, purpose: str | None = None) -> RedirectResponse:
    query = {"done": kind, **({"purpose": purpose} if purpose else {})}
    return RedirectResponse(f"{SETTINGS_PATH}?{urlencode(query)}", status_code=303)


@router.post(SETTINGS_PATH + "/consents/{purpose}/grant", name="privacy_consent_grant")
def grant_submit(
    request: Request,
    purpose: str,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    csrf: CsrfField,
    notice_version: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(SETTINGS_PATH)
    result = _attempt(
        session,
        lambda: service.grant_consent(
            session=session,
            datamap=datamap,
            subject_id=account.id,
            purpose=purpose,
            notice_version=notice_version,
            confirm_separate=False,  # a separate consent is given only on its own page
            channel=Channel.WEB,
        ),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _settings_page(request, session, datamap, account, status_code=status, error=detail)
    return _done("on", purpose)


@router.post(SETTINGS_PATH + "/consents/{purpose}/withdraw", name="privacy_consent_withdraw")
def withdraw_submit(
    request: Request, purpose: str, session: SessionDep, datamap: DataMapDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(SETTINGS_PATH)
    result = _attempt(
        session,
        lambda: service.withdraw_consent(
            session=session, datamap=datamap, subject_id=account.id, purpose=purpose, channel=Channel.WEB
        ),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _settings_page(request, session, datamap, account, status_code=status, error=detail)
    return _done("off", purpose)


@router.post(SETTINGS_PATH + "/refuse-all", name="privacy_refuse_all")
def refuse_all_submit(
    request: Request, session: SessionDep, datamap: DataMapDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(SETTINGS_PATH)
    result = _attempt(
        session,
        lambda: service.refuse_all(session=session, datamap=datamap, subject_id=account.id, channel=Channel.WEB),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _settings_page(request, session, datamap, account, status_code=status, error=detail)
    return _done("all_off")


# --- the separate-consent step of one purpose (P82) --------------------------------------------


def _separate_page(
    request: Request,
    session: Session,
    datamap: DataMap,
    account: Account,
    purpose: str,
    *,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    view = service.separate_consent(session=session, datamap=datamap, subject_id=account.id, purpose=purpose)
    context = {
        **_frame(session, datamap, account, "settings"),
        "consent": view,
        "notice_version": versions.latest_version(session=session),
    }
    return render(request, "privacy_center/separate_consent.html", context, status_code=status_code, error=error)


@router.get(SETTINGS_PATH + "/consents/{purpose}", name="privacy_separate_consent")
def separate_page(
    request: Request, purpose: str, session: SessionDep, datamap: DataMapDep, current: PageSessionDep
) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(f"{SETTINGS_PATH}/consents/{purpose}")
    return _separate_page(request, session, datamap, account, purpose)


@router.post(SETTINGS_PATH + "/consents/{purpose}/confirm", name="privacy_separate_confirm")
def separate_submit(
    request: Request,
    purpose: str,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    csrf: CsrfField,
    notice_version: Annotated[str, Form(max_length=40)] = "",
    confirm_separate: Annotated[bool, Form()] = False,
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(f"{SETTINGS_PATH}/consents/{purpose}")
    service.separate_consent(session=session, datamap=datamap, subject_id=account.id, purpose=purpose)
    result = _attempt(
        session,
        lambda: service.grant_consent(
            session=session,
            datamap=datamap,
            subject_id=account.id,
            purpose=purpose,
            notice_version=notice_version,
            confirm_separate=confirm_separate,
            channel=Channel.WEB,
        ),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _separate_page(request, session, datamap, account, purpose, status_code=status, error=detail)
    return _done("on", purpose)


# --- 系统权限: device permissions (P31) ---------------------------------------------------------


def _permissions_page(
    request: Request,
    session: Session,
    datamap: DataMap,
    account: Account,
    now: datetime,
    *,
    saved: str | None = None,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    context = {
        **_frame(session, datamap, account, "permissions"),
        "permissions": service.list_permissions(
            session=session, datamap=datamap, subject_id=account.id, now=now, only_notice=True
        ),
        "saved": saved,
    }
    return render(request, "privacy_center/permissions.html", context, status_code=status_code, error=error)


@router.get(PERMISSIONS_PATH, name="privacy_permissions")
def permissions_page(
    request: Request, session: SessionDep, datamap: DataMapDep, current: PageSessionDep, now: NowDep
) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(PERMISSIONS_PATH)
    return _permissions_page(request, session, datamap, account, now)


@router.post(PERMISSIONS_PATH + "/{permission}", name="privacy_permission_report")
def permission_submit(
    request: Request,
    permission: str,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    state: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(PERMISSIONS_PATH)
    result = _attempt(
        session,
        lambda: service.report_permission(
            session=session, datamap=datamap, subject_id=account.id, permission=permission, state=state, now=now
        ),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _permissions_page(request, session, datamap, account, now, status_code=status, error=detail)
    return _permissions_page(
        request, session, datamap, account, now, saved=f"已记录「{result.label}」权限：{result.state_label}。"
    )


# --- 附近: precise location, only with permission and separate consent -------------------------


@router.get(NEARBY_PATH, name="nearby")
def nearby_page(request: Request, session: SessionDep, datamap: DataMapDep, current: PageSessionDep) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(NEARBY_PATH)
    context = {**_frame(session, datamap, account, "nearby"), "result": None}
    return render(request, "privacy_center/nearby.html", context)


@router.post(NEARBY_PATH)
def nearby_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    csrf: CsrfField,
    latitude: Annotated[float, Form(ge=-90, le=90)],
    longitude: Annotated[float, Form(ge=-180, le=180)],
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(NEARBY_PATH)
    result = _attempt(
        session,
        lambda: service.use_location(
            session=session, datamap=datamap, subject_id=account.id, latitude=latitude, longitude=longitude
        ),
    )
    frame = _frame(session, datamap, account, "nearby")
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return render(
            request, "privacy_center/nearby.html", {**frame, "result": None}, status_code=status, error=detail
        )
    return render(request, "privacy_center/nearby.html", {**frame, "result": result})


# --- 隐私政策已更新: the click to agree (P71, P72) ----------------------------------------------


def _notice_page(
    request: Request,
    session: Session,
    datamap: DataMap,
    account: Account,
    *,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    frame = _frame(session, datamap, account, "notice")
    latest = frame["notice"].latest_version
    context = {
        **frame,
        "latest": service.get_version(session=session, version=latest) if latest else None,
    }
    return render(request, "privacy_center/notice_update.html", context, status_code=status_code, error=error)


@router.get(NOTICE_PATH, name="privacy_notice_update")
def notice_page(request: Request, session: SessionDep, datamap: DataMapDep, current: PageSessionDep) -> Response:
    account = _account(current)
    if account is None:
        return _login_redirect(NOTICE_PATH)
    return _notice_page(request, session, datamap, account)


@router.post(NOTICE_PATH)
def notice_submit(
    request: Request,
    session: SessionDep,
    datamap: DataMapDep,
    current: PageSessionDep,
    csrf: CsrfField,
    version: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    check_csrf(request, csrf)
    account = _account(current)
    if account is None:
        return _login_redirect(NOTICE_PATH)
    result = _attempt(
        session,
        lambda: service.accept_notice(session=session, subject_id=account.id, version=version, channel=Channel.WEB),
    )
    if isinstance(result, Refusal):
        status, detail = _explain(result)
        return _notice_page(request, session, datamap, account, status_code=status, error=detail)
    return _done("agreed")


# --- public: the archive (P74) and cookies (P36) -----------------------------------------------


@router.api_route("/privacy/versions", methods=["GET", "HEAD"], name="privacy_versions")
def versions_page(request: Request, session: SessionDep) -> Response:
    # Public pages use the plain template response: they set no cookie at all (P36).
    context = {"versions": service.list_versions(session=session)}
    return templates.TemplateResponse(request, "privacy_center/versions.html", context)


@router.api_route("/privacy/versions/{version}", methods=["GET", "HEAD"], name="privacy_version")
def version_page(request: Request, version: str, session: SessionDep) -> Response:
    context = {"v": service.get_version(session=session, version=version)}
    return templates.TemplateResponse(request, "privacy_center/version.html", context)


@router.api_route("/privacy/cookies", methods=["GET", "HEAD"], name="privacy_cookies")
def cookies_page(request: Request) -> Response:
    return templates.TemplateResponse(request, "privacy_center/cookies.html", {"cookies": cookies.cookies()})
