"""Account settings pages: the optional profile (P10), the avatar, linked third-party accounts (P09)
and the login security record (P26)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import oauth, profile
from shouyue.commerce.accounts.dependencies import (
    NowDep,
    PageSessionDep,
)
from shouyue.commerce.accounts.exceptions import AccountsError
from shouyue.commerce.accounts.forms import (
    GENDER_LABELS,
    PROFILE_HOME,
    CsrfField,
    PageProvider,
    account_of,
    attempt,
    check_csrf,
    login_redirect,
    render,
)
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.risk import service as risk
from shouyue.commerce.risk.models import REASON_LABELS
from shouyue.privacy.consent import Channel
from shouyue.providers.oauth import PROVIDERS
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


# --- profile, linked accounts, security record, logout -----------------------------------------


def profile_page_response(
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
    account = account_of(current)
    if account is None:
        return login_redirect(PROFILE_HOME)
    return profile_page_response(request, session, account)


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
    account = account_of(current)
    if account is None:
        return login_redirect(PROFILE_HOME)
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
        return profile_page_response(request, session, account, status_code=result.status_code, error=str(result))
    if isinstance(result, profile.ProfileChange):
        removed = result.removed_file
    profile.remove_file(upload_dir=upload_dir, name=removed)
    return profile_page_response(request, session, account, saved=True)


@router.get("/accounts/me/avatar", name="accounts_avatar")
def avatar_image(current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return Response(status_code=404)
    path, media_type = profile.avatar_file(account=account, upload_dir=get_settings().upload_dir)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, no-store"})


def linked_page_response(
    request: Request, session: Session, account: Account, *, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    links = {link.provider: link for link in oauth.links_of(session=session, account_id=account.id)}
    context = {"providers": PROVIDERS, "links": links, "gender_labels": GENDER_LABELS}
    return render(request, "accounts/linked.html", context, status_code=status_code, error=error)


@router.get("/accounts/linked", name="accounts_linked")
def linked_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect("/accounts/linked")
    return linked_page_response(request, session, account)


@router.post("/accounts/linked/{provider}/unlink")
def unlink_submit(
    request: Request, provider: PageProvider, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    check_csrf(request, csrf)
    account = account_of(current)
    if account is None:
        return login_redirect("/accounts/linked")
    result = attempt(session, lambda: oauth.unlink(session=session, account=account, provider=provider.name))
    if isinstance(result, AccountsError):
        return linked_page_response(request, session, account, status_code=result.status_code, error=str(result))
    return RedirectResponse("/accounts/linked", status_code=303)
