"""The seller's pages: the seller home with the opening checklist or the dashboard, the opening
forms (bank card, shop name), shop management (optional extras) and the withdrawal card.

Every page uses the accounts domain's cookie session, CSRF tokens and rendering, calls the same
service functions as the API, and shows card numbers, phones and addresses masked. A signed-out
visitor is sent to log in and brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep, VaultDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.errors import CommerceError
from shouyue.commerce.identity.exceptions import IdentityError
from shouyue.commerce.shops import extras, service, withdrawal
from shouyue.commerce.shops.exceptions import ShopNotFound
from shouyue.commerce.shops.models import DocumentKind, Shop, ShopKind
from shouyue.commerce.shops.schemas import REQUIREMENT_PAGES
from shouyue.commerce.shops.transactions import unit_of_work
from shouyue.privacy.consent import Channel
from shouyue.privacy.errors import PrivacyError
from shouyue.web.deps import DataMapDep, SessionDep
from shouyue.web.errors import DOMAIN_ERRORS

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
HOME = "/seller"
ONBOARDING = "/seller/onboarding"
SHOP_PAGE = "/seller/shop"
CARD_PAGE = "/seller/withdrawal-card"
KIND_LABELS = {ShopKind.PERSONAL.value: "个人店铺", ShopKind.ENTERPRISE.value: "企业店铺"}
DOCUMENT_LABELS = {DocumentKind.LICENCE: "营业执照", DocumentKind.QUALIFICATION: "特殊行业经营资质"}


class Refused(Exception):
    """A refusal to show on the form: its HTTP status and Chinese sentence."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


def _refusal(exc: Exception) -> Refused:
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            status, detail = DOMAIN_ERRORS[cls]
            if detail is None:
                status, detail = getattr(exc, "status_code", status), str(getattr(exc, "message", exc))
            return Refused(status, detail)
    return Refused(400, str(exc))


def attempt(session: Session, action: Callable[[], T]) -> T | Refused:
    """Run one service call as a unit of work; a refusal comes back to be shown on the form."""
    try:
        with unit_of_work(session):
            return action()
    except (CommerceError, IdentityError, PrivacyError) as exc:
        return _refusal(exc)


# --- seller home and opening a shop (P12) --------------------------------------------------------


def _onboarding_context(session: Session, account: Account, kind: ShopKind, **extra: Any) -> dict[str, Any]:
    status = service.onboarding(session=session, account=account, kind=kind)
    return {
        "status": status,
        "labels": service.REQUIREMENT_LABELS,
        "pages": REQUIREMENT_PAGES,
        "kind_labels": KIND_LABELS,
        "kind": kind.value,
        "shop_name": "",
        "bank_name": "",
        "branch_name": "",
        **extra,
    }


@router.get(HOME, name="seller_home")
def seller_home(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(HOME)
    shop = service.shop_of(session=session, owner_id=account.id)
    if shop is None:
        return render(request, "shops/seller_home.html", _onboarding_context(session, account, ShopKind.PERSONAL))
    context = {
        "shop": shop,
        "kind_labels": KIND_LABELS,
        "view": service.overview(session=session, shop=shop),
        "features": service.FEATURES,
        "card": withdrawal.card_of(session=session, shop=shop),
    }
    return render(request, "shops/dashboard.html", context)


@router.get(ONBOARDING, name="seller_onboarding")
def onboarding_page(
    request: Request, session: SessionDep, current: PageSessionDep, kind: ShopKind = ShopKind.PERSONAL
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ONBOARDING)
    if service.shop_of(session=session, owner_id=account.id) is not None:
        return RedirectResponse(HOME, status_code=303)
    return render(request, "shops/onboarding.html", _onboarding_context(session, account, kind))


@router.post(f"{ONBOARDING}/bank-card")
def bank_card_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    card_number: Annotated[str, Form(max_length=40)] = "",
    bank_name: Annotated[str, Form(max_length=60)] = "",
    branch_name: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ONBOARDING)
    check_csrf(request, csrf)
    outcome = attempt(
        session,
        lambda: service.set_bank_card(
            session=session,
            vault=vault,
            datamap=datamap,
            account=account,
            card_number=card_number,
            bank_name=bank_name,
            branch_name=branch_name or None,
            now=now,
        ),
    )
    if isinstance(outcome, Refused):
        # The card number is not echoed back: it is typed again, never kept in the page.
        context = _onboarding_context(session, account, ShopKind.PERSONAL, bank_name=bank_name, branch_name=branch_name)
        return render(request, "shops/onboarding.html", context, status_code=outcome.status_code, error=outcome.message)
    return RedirectResponse(ONBOARDING, status_code=303)


@router.post(f"{ONBOARDING}/shop")
def create_shop_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    name: Annotated[str, Form(max_length=60)] = "",
    kind: Annotated[str, Form(max_length=16)] = ShopKind.PERSONAL.value,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(ONBOARDING)
    check_csrf(request, csrf)
    outcome = attempt(
        session,
        lambda: service.create_shop(session=session, datamap=datamap, account=account, name=name, kind=kind, now=now),
    )
    if isinstance(outcome, Refused):
        shown = ShopKind(kind) if kind in KIND_LABELS else ShopKind.PERSONAL
        context = _onboarding_context(session, account, shown, shop_name=name)
        return render(request, "shops/onboarding.html", context, status_code=outcome.status_code, error=outcome.message)
    return RedirectResponse(HOME, status_code=303)


# --- shop management: the optional extras (P13) ------------------------------------------------


def _own_shop(session: Session, account: Account) -> Shop | None:
    return service.shop_of(session=session, owner_id=account.id)


def _shop_page(
    request: Request,
    session: Session,
    shop: Shop,
    *,
    status_code: int = 200,
    error: str | None = None,
    saved: bool = False,
) -> HTMLResponse:
    context = {
        "shop": shop,
        "view": service.overview(session=session, shop=shop),
        "features": service.FEATURES,
        "regulated": service.REGULATED_CATEGORIES,
        "document_labels": DOCUMENT_LABELS,
        "max_mb": extras.MAX_DOCUMENT_BYTES // (1024 * 1024),
        "saved": saved,
    }
    return render(request, "shops/shop.html", context, status_code=status_code, error=error)


@router.get(SHOP_PAGE, name="seller_shop")
def shop_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(SHOP_PAGE)
    shop = _own_shop(session, account)
    if shop is None:
        return RedirectResponse(HOME, status_code=303)
    return _shop_page(request, session, shop)


@router.post(f"{SHOP_PAGE}/extras")
def extras_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    csrf: CsrfField,
    phone: Annotated[str, Form(max_length=40)] = "",
    business_address: Annotated[str, Form(max_length=200)] = "",
    shipping_address: Annotated[str, Form(max_length=200)] = "",
    agree_shop_management: Annotated[bool, Form()] = False,
    action: Annotated[str, Form(max_length=40)] = "save",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(SHOP_PAGE)
    check_csrf(request, csrf)
    shop = _own_shop(session, account)
    if shop is None:
        return RedirectResponse(HOME, status_code=303)
    if action.startswith("clear_") and action.removeprefix("clear_") in {e.value for e in extras.TEXT_EXTRAS}:
        changes: dict[str, str | None] = {action.removeprefix("clear_"): None}
    else:
        # A blank field leaves what is on file alone (it is shown masked, so it is never re-typed).
        given = {"phone": phone, "business_address": business_address, "shipping_address": shipping_address}
        changes = {name: value for name, value in given.items() if value.strip()}
    outcome = attempt(
        session,
        lambda: extras.update_text_extras(
            session=session,
            vault=vault,
            datamap=datamap,
            shop=shop,
            changes=changes,
            agree=agree_shop_management,
            channel=Channel.WEB,
        ),
    )
    if isinstance(outcome, Refused):
        session.refresh(shop)
        return _shop_page(request, session, shop, status_code=outcome.status_code, error=outcome.message)
    return _shop_page(request, session, shop, saved=True)


@router.post(f"{SHOP_PAGE}/documents/{{kind}}")
def document_submit(
    request: Request,
    kind: DocumentKind,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    agree_shop_management: Annotated[bool, Form()] = False,
    action: Annotated[str, Form(max_length=16)] = "upload",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(SHOP_PAGE)
    check_csrf(request, csrf)
    shop = _own_shop(session, account)
    if shop is None:
        return RedirectResponse(HOME, status_code=303)
    outcome: Any
    if action == "delete":
        outcome = attempt(session, lambda: extras.remove_document(session=session, shop=shop, kind=kind))
    else:
        data = file.file.read(extras.MAX_DOCUMENT_BYTES + 1) if file is not None and file.filename else b""
        outcome = attempt(
            session,
            lambda: extras.set_document(
                session=session,
                vault=vault,
                datamap=datamap,
                shop=shop,
                kind=kind,
                data=data,
                agree=agree_shop_management,
                channel=Channel.WEB,
                now=now,
            ),
        )
    if isinstance(outcome, Refused):
        return _shop_page(request, session, shop, status_code=outcome.status_code, error=outcome.message)
    return _shop_page(request, session, shop, saved=True)


@router.get(f"{SHOP_PAGE}/documents/{{kind}}", name="seller_shop_document")
def document_view(kind: DocumentKind, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(SHOP_PAGE)
    shop = _own_shop(session, account)
    if shop is None:
        raise ShopNotFound()
    data, media_type = extras.read_document(session=session, shop=shop, kind=kind)
    return Response(content=data, media_type=media_type, headers={"Cache-Control": "no-store"})


# --- the withdrawal card (P20) ---------------------------------------------------------------------


def _card_page(
    request: Request, session: Session, shop: Shop, *, status_code: int = 200, error: str | None = None, **extra: Any
) -> HTMLResponse:
    context = {
        "shop": shop,
        "card": withdrawal.card_of(session=session, shop=shop),
        "enterprise": shop.kind == ShopKind.ENTERPRISE.value,
        "kind_labels": KIND_LABELS,
        "bank_name": "",
        "branch_name": "",
        "saved": False,
        **extra,
    }
    return render(request, "shops/withdrawal_card.html", context, status_code=status_code, error=error)


@router.get(CARD_PAGE, name="seller_withdrawal_card")
def card_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARD_PAGE)
    shop = _own_shop(session, account)
    if shop is None:
        return RedirectResponse(HOME, status_code=303)
    return _card_page(request, session, shop)


@router.post(CARD_PAGE)
def card_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    card_number: Annotated[str, Form(max_length=40)] = "",
    bank_name: Annotated[str, Form(max_length=60)] = "",
    branch_name: Annotated[str, Form(max_length=120)] = "",
    action: Annotated[str, Form(max_length=16)] = "bind",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARD_PAGE)
    check_csrf(request, csrf)
    shop = _own_shop(session, account)
    if shop is None:
        return RedirectResponse(HOME, status_code=303)
    outcome: Any
    if action == "remove":
        outcome = attempt(session, lambda: withdrawal.remove(session=session, shop=shop))
    else:
        outcome = attempt(
            session,
            lambda: withdrawal.bind(
                session=session,
                vault=vault,
                datamap=datamap,
                shop=shop,
                card_number=card_number,
                bank_name=bank_name,
                branch_name=branch_name or None,
                now=now,
            ),
        )
    if isinstance(outcome, Refused):
        return _card_page(
            request,
            session,
            shop,
            status_code=outcome.status_code,
            error=outcome.message,
            bank_name=bank_name,
            branch_name=branch_name,
        )
    return _card_page(request, session, shop, saved=True)
