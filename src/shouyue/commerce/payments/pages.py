"""Pages of paying an order and of bound bank cards (P19, P34). Same service calls as the API;
every form carries a CSRF token; card numbers are never echoed back into a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import DEVICE_COOKIE, NowDep, PageSessionDep, VaultDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.orders.states import label
from shouyue.commerce.payments import cards, service
from shouyue.commerce.payments.dependencies import PaymentsDep
from shouyue.commerce.payments.exceptions import PaymentsError
from shouyue.commerce.payments.models import BankCard
from shouyue.commerce.payments.transactions import unit_of_work
from shouyue.privacy.consent import Channel as ConsentChannel
from shouyue.privacy.notice import versions
from shouyue.providers.payment import CHANNEL_LABELS, Channel
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
CARDS_PAGE = "/cards"
SDK_CHANNELS = (Channel.ALIPAY, Channel.WECHAT_PAY, Channel.UNIONPAY)


def attempt(session: Session, action: Callable[[], T]) -> T | PaymentsError:
    """Run one service call as a unit of work; a refusal comes back to be shown on the page."""
    try:
        with unit_of_work(session):
            return action()
    except PaymentsError as exc:
        return exc


def _pay_path(order_id: int) -> str:
    return f"/orders/{order_id}/pay"


def _pay_context(session: Session, account_id: str, order_id: int, **extra: Any) -> dict[str, Any]:
    order = service.get_buyer_order_or_raise(session=session, buyer_id=account_id, order_id=order_id)
    return {
        "order": order,
        "state_label": label(order.state),
        "payable": order.state == "awaiting_payment",
        "channels": [(c.value, CHANNEL_LABELS[c]) for c in SDK_CHANNELS],
        "cards": cards.list_cards(session=session, account_id=account_id),
        "payments": service.payments_for_order(session=session, buyer_id=account_id, order_id=order_id),
        "channel_labels": {c.value: label_ for c, label_ in CHANNEL_LABELS.items()},
        **extra,
    }


@router.get("/orders/{order_id}/pay", name="payments_pay")
def pay_page(order_id: int, request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_pay_path(order_id))
    return render(request, "payments/pay.html", _pay_context(session, account.id, order_id))


@router.post("/orders/{order_id}/pay")
def pay_submit(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
    csrf: CsrfField,
    channel: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_pay_path(order_id))
    check_csrf(request, csrf)
    # A bound card is chosen as "card:<id>"; the amount is never a form field.
    card_id: int | None = None
    chosen = channel
    if channel.startswith("card:") and channel[5:].isdigit():
        chosen, card_id = Channel.BANK_CARD.value, int(channel[5:])
    outcome = attempt(
        session,
        lambda: service.pay(
            session=session,
            datamap=datamap,
            vault=vault,
            provider=provider,
            buyer_id=account.id,
            order_id=order_id,
            channel=chosen,
            card_id=card_id,
            device_id=request.cookies.get(DEVICE_COOKIE),
            now=now,
        ),
    )
    if isinstance(outcome, PaymentsError):
        context = _pay_context(session, account.id, order_id)
        return render(request, "payments/pay.html", context, status_code=outcome.status_code, error=outcome.message)
    return RedirectResponse(_pay_path(order_id), status_code=303)


# --- bound cards ---------------------------------------------------------------------------------


def _cards_context(session: Session, account_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "cards": cards.list_cards(session=session, account_id=account_id),
        "notice_version": versions.latest_version(session=session),
        "pending": None,
        "replace": None,
        "holder_name": "",
        "done": None,
        **extra,
    }


@router.get(CARDS_PAGE, name="payments_cards")
def cards_page(
    request: Request, session: SessionDep, current: PageSessionDep, replace: int | None = None, done: str = ""
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARDS_PAGE)
    notes = {"bound": "银行卡已绑定，下次付款可直接使用。", "removed": "银行卡已删除。"}
    return render(
        request, "payments/cards.html", _cards_context(session, account.id, replace=replace, done=notes.get(done))
    )


@router.post(CARDS_PAGE)
def cards_start(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
    csrf: CsrfField,
    card_number: Annotated[str, Form(max_length=32)] = "",
    expiry: Annotated[str, Form(max_length=8)] = "",
    holder_name: Annotated[str, Form(max_length=40)] = "",
    id_number: Annotated[str, Form(max_length=32)] = "",
    reserved_phone: Annotated[str, Form(max_length=32)] = "",
    separate_consent: Annotated[bool, Form()] = False,
    notice_version: Annotated[str, Form(max_length=40)] = "",
    replaces_card_id: Annotated[int | None, Form()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARDS_PAGE)
    check_csrf(request, csrf)
    started = attempt(
        session,
        lambda: cards.start_binding(
            session=session,
            datamap=datamap,
            vault=vault,
            provider=provider,
            account_id=account.id,
            card_number=card_number,
            expiry=expiry,
            holder_name=holder_name,
            id_number=id_number,
            reserved_phone=reserved_phone,
            separate_consent=separate_consent,
            notice_version=notice_version or None,
            channel=ConsentChannel.WEB,
            replaces_card_id=replaces_card_id,
            now=now,
        ),
    )
    if isinstance(started, PaymentsError):
        # Only the holder's name is kept in the form; numbers are typed again, never echoed.
        context = _cards_context(session, account.id, replace=replaces_card_id, holder_name=holder_name)
        return render(request, "payments/cards.html", context, status_code=started.status_code, error=started.message)
    return render(request, "payments/cards.html", _cards_context(session, account.id, pending=started))


@router.post("/cards/{card_id}/confirm")
def cards_confirm(
    card_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
    csrf: CsrfField,
    code: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARDS_PAGE)
    check_csrf(request, csrf)
    confirmed = attempt(
        session,
        lambda: cards.confirm_binding(
            session=session,
            datamap=datamap,
            provider=provider,
            account_id=account.id,
            card_id=card_id,
            code=code,
            now=now,
        ),
    )
    if isinstance(confirmed, PaymentsError):
        pending = _still_pending(session, account.id, card_id)
        context = _cards_context(session, account.id, pending=pending)
        return render(
            request, "payments/cards.html", context, status_code=confirmed.status_code, error=confirmed.message
        )
    return RedirectResponse(f"{CARDS_PAGE}?done=bound", status_code=303)


def _still_pending(session: Session, account_id: str, card_id: int) -> cards.BindingStarted | None:
    card = session.get(BankCard, card_id)
    if card is None or card.account_id != account_id or card.status != "pending":
        return None
    return cards.BindingStarted(card=card, sent_to=card.reserved_phone.mask, expires_at=card.code_expires_at)


@router.post("/cards/{card_id}/remove")
def cards_remove(
    card_id: int, request: Request, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(CARDS_PAGE)
    check_csrf(request, csrf)
    removed = attempt(session, lambda: cards.remove_card(session=session, account_id=account.id, card_id=card_id))
    if isinstance(removed, PaymentsError):
        context = _cards_context(session, account.id)
        return render(request, "payments/cards.html", context, status_code=removed.status_code, error=removed.message)
    return RedirectResponse(f"{CARDS_PAGE}?done=removed", status_code=303)
