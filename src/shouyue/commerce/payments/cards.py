"""Binding a bank card for payments (P19): separate consent, Luhn-checked number, the bank's own
SMS code, sealed storage and masked display; a bound card can be replaced or removed.

The card number, expiry, holder's name, ID number and reserved phone go to the chosen bank
(``partner.payment_institution``) through the disclosure gateway for ``payment.card_binding``;
the bank sends its SMS code to the reserved phone and checks it when the person types it in,
so the platform never learns the code. Only the card number, expiry and reserved phone are kept,
sealed under the account's key; the name and ID number are not stored here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NoReturn

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import InvalidPhone
from shouyue.commerce.accounts.phones import parse_mainland_mobile
from shouyue.commerce.identity.exceptions import InvalidIdNumber, InvalidRealName
from shouyue.commerce.identity.id_numbers import parse_id_number, parse_real_name
from shouyue.commerce.identity.service import china_today
from shouyue.commerce.payments.exceptions import (
    BindingCodeExpired,
    BindingUnavailable,
    CardAlreadyBound,
    CardExpired,
    CardNotFound,
    CardNotPending,
    InvalidCard,
    NoticeVersionNeeded,
    SeparateConsentNeeded,
    WrongBindingCode,
)
from shouyue.commerce.payments.models import BankCard, CardStatus, Payment
from shouyue.privacy import consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import Channel as ConsentChannel
from shouyue.privacy.consent import ConsentRenewalRequired, ConsentRequired
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.detect.numbers import luhn_ok
from shouyue.privacy.gateway import disclose
from shouyue.privacy.masking import mask
from shouyue.privacy.vault import Vault
from shouyue.providers.payment import (
    BINDING_PURPOSE,
    INSTITUTION,
    BindingCodeRejected,
    BindingUnknown,
    PaymentProvider,
    ProviderRefused,
)
from shouyue.providers.payment.protocol import (
    CARD_EXPIRY,
    CARD_NUMBER,
    ID_NUMBER,
    REAL_NAME,
    RESERVED_PHONE,
    SMS_CODE,
)

CODE_TTL = timedelta(minutes=5)
MAX_FAILED_TRIES = 5
_SEPARATORS = re.compile(r"[\s\-]")
_CARD = re.compile(r"[0-9]{16,19}")
_EXPIRY = re.compile(r"([0-9]{2})\s*/\s*([0-9]{2})")
_CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True, slots=True)
class BindingStarted:
    """A pending card: the bank sent its code to ``sent_to`` (masked), valid until ``expires_at``."""

    card: BankCard
    sent_to: str
    expires_at: datetime


def parse_card_number(value: str) -> str:
    """16 to 19 digits passing the Luhn check; ``InvalidCard`` says what is wrong."""
    number = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if not number:
        raise InvalidCard("请填写银行卡号")
    if not _CARD.fullmatch(number):
        raise InvalidCard("银行卡号应为16到19位数字")
    if not luhn_ok(number):
        raise InvalidCard("银行卡号校验不通过，请核对后重新填写")
    return number


def parse_expiry(value: str, *, today: date) -> str:
    """An expiry written ``MM/YY`` that has not passed (a card is valid to the end of its month)."""
    found = _EXPIRY.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if found is None:
        raise InvalidCard("有效期请按“月/年”填写，例如 08/29")
    month, year = int(found.group(1)), 2000 + int(found.group(2))
    if not 1 <= month <= 12:
        raise InvalidCard("有效期的月份应在01到12之间")
    if (year, month) < (today.year, today.month):
        raise CardExpired()
    return f"{month:02d}/{year % 100:02d}"


def _holder(holder_name: str, id_number: str, reserved_phone: str, *, today: date) -> tuple[str, str, str]:
    try:
        name = parse_real_name(holder_name)
        number = parse_id_number(id_number, today=today).value
    except (InvalidRealName, InvalidIdNumber) as exc:
        raise InvalidCard(exc.message) from None
    try:
        phone = parse_mainland_mobile(reserved_phone)
    except InvalidPhone:
        raise InvalidCard("请填写正确的银行预留手机号码（11位中国大陆手机号码）") from None
    return name, number, phone


def _ensure_consent(
    *,
    session: Session,
    datamap: DataMap,
    account_id: str,
    separate_consent: bool,
    notice_version: str | None,
    channel: ConsentChannel,
) -> None:
    """Record the separate consent given on the binding form, or find one given before (P82)."""
    if separate_consent:
        if not notice_version:
            raise NoticeVersionNeeded()
        consent.grant(
            session=session,
            subject_id=account_id,
            purpose=BINDING_PURPOSE,
            notice_version=notice_version,
            channel=channel,
            datamap=datamap,
            evidence="card-binding:separate-confirm",
        )
    try:
        consent.require(session=session, subject_id=account_id, purpose=BINDING_PURPOSE, datamap=datamap)
    except (ConsentRequired, ConsentRenewalRequired):
        raise SeparateConsentNeeded() from None


def start_binding(
    *,
    session: Session,
    datamap: DataMap,
    vault: Vault,
    provider: PaymentProvider,
    account_id: str,
    card_number: str,
    expiry: str,
    holder_name: str,
    id_number: str,
    reserved_phone: str,
    separate_consent: bool,
    notice_version: str | None,
    channel: ConsentChannel,
    replaces_card_id: int | None = None,
    now: datetime,
) -> BindingStarted:
    """Check the card, take the separate consent, and ask the bank to send its SMS code."""
    today = china_today(now)
    number = parse_card_number(card_number)
    valid_to = parse_expiry(expiry, today=today)
    name, id_value, phone = _holder(holder_name, id_number, reserved_phone, today=today)
    if replaces_card_id is not None:
        get_active_card_or_raise(session=session, account_id=account_id, card_id=replaces_card_id)
    index = vault.blind_index(number, category=CARD_NUMBER)
    already = session.scalars(
        select(BankCard.id).where(
            BankCard.account_id == account_id,
            BankCard.card_number_index == index,
            BankCard.status == CardStatus.ACTIVE.value,
        )
    ).first()
    if already is not None:
        raise CardAlreadyBound()
    _ensure_consent(
        session=session,
        datamap=datamap,
        account_id=account_id,
        separate_consent=separate_consent,
        notice_version=notice_version,
        channel=channel,
    )
    # A new request replaces any earlier unfinished one: its sealed card data is not kept.
    session.execute(
        delete(BankCard).where(BankCard.account_id == account_id, BankCard.status == CardStatus.PENDING.value)
    )
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=INSTITUTION,
        purpose=BINDING_PURPOSE,
        subject_id=account_id,
        fields={
            CARD_NUMBER: number,
            CARD_EXPIRY: valid_to,
            RESERVED_PHONE: phone,
            REAL_NAME: name,
            ID_NUMBER: id_value,
        },
        actor=Actor(kind="subject", id=account_id),
        now=now,
    )
    try:
        challenge = provider.start_card_binding(disclosure)
    except ProviderRefused:
        raise BindingUnavailable() from None
    card = BankCard(
        account_id=account_id,
        status=CardStatus.PENDING.value,
        bank_name=challenge.bank_name,
        card_number=vault.seal(number, category=CARD_NUMBER, subject_id=account_id, lookup=True),
        card_expiry=vault.seal(valid_to, category=CARD_EXPIRY, subject_id=account_id),
        reserved_phone=vault.seal(phone, category=RESERVED_PHONE, subject_id=account_id),
        binding_ref=challenge.binding_ref,
        replaces_card_id=replaces_card_id,
        created_at=now,
        code_expires_at=now + CODE_TTL,
        failed_attempts=0,
    )
    session.add(card)
    session.flush()
    return BindingStarted(card=card, sent_to=mask("phone", phone), expires_at=card.code_expires_at)


def confirm_binding(
    *,
    session: Session,
    datamap: DataMap,
    provider: PaymentProvider,
    account_id: str,
    card_id: int,
    code: str,
    now: datetime,
) -> BankCard:
    """Finish a binding with the code the bank sent; a wrong code counts a try (the fifth ends it)."""
    card = _own_card(session, account_id=account_id, card_id=card_id, for_update=True)
    if card.status == CardStatus.ACTIVE.value:
        raise CardNotPending()
    if card.code_expires_at <= now or card.failed_attempts >= MAX_FAILED_TRIES:
        raise BindingCodeExpired()
    entered = code.strip()
    if not _CODE.fullmatch(entered):
        _count_wrong_try(session, card)
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=INSTITUTION,
        purpose=BINDING_PURPOSE,
        subject_id=account_id,
        fields={SMS_CODE: entered},
        actor=Actor(kind="subject", id=account_id),
        now=now,
    )
    try:
        confirmed = provider.confirm_card_binding(disclosure, binding_ref=card.binding_ref)
    except BindingCodeRejected:
        _count_wrong_try(session, card)
    except BindingUnknown:
        raise BindingCodeExpired() from None
    except ProviderRefused:
        raise BindingUnavailable() from None
    card.status = CardStatus.ACTIVE.value
    card.agreement_ref = confirmed.agreement_ref
    card.bank_name = confirmed.bank_name
    card.bound_at = now
    if card.replaces_card_id is not None:
        old = session.scalars(
            select(BankCard).where(
                BankCard.id == card.replaces_card_id,
                BankCard.account_id == account_id,
                BankCard.status == CardStatus.ACTIVE.value,
            )
        ).first()
        if old is not None:
            _remove(session, old)
        card.replaces_card_id = None
    session.flush()
    return card


def _count_wrong_try(session: Session, card: BankCard) -> NoReturn:
    card.failed_attempts += 1
    remaining = MAX_FAILED_TRIES - card.failed_attempts
    if remaining <= 0:
        session.delete(card)  # the sealed card data of an abandoned binding is not kept
    session.flush()
    raise WrongBindingCode(remaining)


def list_cards(*, session: Session, account_id: str) -> list[BankCard]:
    """The account's bound cards, newest first."""
    return list(
        session.scalars(
            select(BankCard)
            .where(BankCard.account_id == account_id, BankCard.status == CardStatus.ACTIVE.value)
            .order_by(BankCard.bound_at.desc(), BankCard.id.desc())
        )
    )


def get_active_card_or_raise(*, session: Session, account_id: str, card_id: int) -> BankCard:
    """One of the account's bound cards; any other id is ``CardNotFound``."""
    card = _own_card(session, account_id=account_id, card_id=card_id)
    if card.status != CardStatus.ACTIVE.value:
        raise CardNotFound()
    return card


def remove_card(*, session: Session, account_id: str, card_id: int) -> None:
    """Remove one of the account's cards (bound or pending); its sealed data is deleted."""
    _remove(session, _own_card(session, account_id=account_id, card_id=card_id, for_update=True))
    session.flush()


def _remove(session: Session, card: BankCard) -> None:
    # Payment records stay (transaction records); they only stop pointing at the card.
    session.execute(
        update(Payment)
        .where(Payment.card_id == card.id)
        .values(card_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(card)


def _own_card(session: Session, *, account_id: str, card_id: int, for_update: bool = False) -> BankCard:
    statement = select(BankCard).where(BankCard.id == card_id, BankCard.account_id == account_id)
    if for_update:
        statement = statement.with_for_update()
    card = session.scalars(statement).first()
    if card is None:
        raise CardNotFound()
    return card
