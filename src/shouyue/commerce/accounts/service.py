"""Registering and logging in with a phone number and an SMS code (P01, P08), the risk decision
of each login (P26; step-up itself is in ``step_up``), sessions and editions (P03, P04).

Every function here works inside the caller's transaction (it flushes, the caller commits);
SMS messages are handed back as ``IssuedCode`` and sent by the caller after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions, sms_codes
from shouyue.commerce.accounts.exceptions import (
    AccountUnavailable,
    NoticeNotAccepted,
    NoticeUnavailable,
    NoticeVersionOutdated,
    PhoneAlreadyRegistered,
    PhoneNotRegistered,
    SmsNotSent,
)
from shouyue.commerce.accounts.models import (
    Account,
    AccountSession,
    AccountStatus,
    Edition,
    SessionKind,
    SmsCode,
    SmsCodePurpose,
    new_account_id,
)
from shouyue.commerce.accounts.phones import PHONE_CATEGORY, parse_mainland_mobile
from shouyue.commerce.accounts.ratelimit import RateLimits
from shouyue.commerce.risk import service as risk
from shouyue.commerce.risk.models import RiskDecision
from shouyue.privacy import audit, consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import Channel
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import versions
from shouyue.privacy.vault import Vault
from shouyue.providers.sms import SmsDeliveryFailed, SmsSender

DEVICE_CATEGORY = "device.identifier"
IP_CATEGORY = "network.ip"
MAX_DEVICE_ID_LENGTH = 128


@dataclass(frozen=True, slots=True)
class Client:
    """Who is asking, as far as the request tells: address, device, app, and how to log in."""

    ip: str
    device_id: str | None = None
    region: str | None = None
    edition: Edition = Edition.BUYER
    kind: SessionKind = SessionKind.BEARER

    @property
    def channel(self) -> Channel:
        return Channel.WEB if self.kind is SessionKind.COOKIE else Channel.API


class LoginStatus(StrEnum):
    LOGGED_IN = "logged_in"
    STEP_UP_REQUIRED = "step_up_required"
    PHONE_REQUIRED = "phone_required"


@dataclass(slots=True)
class LoginOutcome:
    """What a login attempt came to. ``outgoing``: an SMS to send once the caller has committed."""

    status: LoginStatus
    account: Account | None = None
    issued: sessions.IssuedSession | None = None
    decision: RiskDecision | None = None
    challenge_token: str | None = None
    challenge_expires_at: datetime | None = None
    masked_phone: str | None = None
    pending_ticket: str | None = None
    pending_nickname: str | None = None
    outgoing: sms_codes.IssuedCode | None = field(default=None, repr=False)


# --- lookups -----------------------------------------------------------------------------------


def phone_index(*, vault: Vault, phone: str) -> str:
    """The blind index of a (parsed) phone number: how accounts are found by phone."""
    return vault.blind_index(phone, category=PHONE_CATEGORY)


def get(*, session: Session, account_id: str) -> Account | None:
    """The account with this id, or None."""
    return session.get(Account, account_id)


def get_by_phone(*, session: Session, vault: Vault, phone: str) -> Account | None:
    """The account registered with ``phone`` (any accepted spelling), or None."""
    return _by_index(session, phone_index(vault=vault, phone=parse_mainland_mobile(phone)))


def _by_index(session: Session, index: str) -> Account | None:
    return session.scalars(select(Account).where(Account.phone_index == index)).first()


def device_hash(*, vault: Vault, device_id: str | None) -> str | None:
    """The keyed hash a device identifier is known by (P27); the identifier itself is never kept."""
    if device_id is None:
        return None
    device_id = device_id.strip()
    if not device_id or len(device_id) > MAX_DEVICE_ID_LENGTH or not device_id.isprintable():
        return None
    return vault.keyed_hash(device_id, category=DEVICE_CATEGORY)


def login_context(*, vault: Vault, client: Client) -> risk.LoginContext:
    return risk.LoginContext(device_hash=device_hash(vault=vault, device_id=client.device_id), region=client.region)


def ip_key(*, vault: Vault, ip: str) -> str:
    """The rate limiter's key for an address: a keyed hash, so the limiter holds no IP addresses."""
    return vault.keyed_hash(ip, category=IP_CATEGORY)


# --- SMS codes ---------------------------------------------------------------------------------


def request_code(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    phone: str,
    accept_notice: bool,
    client: Client,
    now: datetime,
) -> sms_codes.IssuedCode:
    """Send a login or registration code to ``phone``. For a number with no account the visitor
    must have ticked the notice first: nothing about a new person leaves before that (P01)."""
    national = parse_mainland_mobile(phone)
    index = phone_index(vault=vault, phone=national)
    account = _by_index(session, index)
    if account is None and not accept_notice:
        raise NoticeNotAccepted("code for a new phone requested without accepting the notice")
    if account is not None and not account.is_active:
        raise AccountUnavailable("code requested for an inactive account")
    limits.before_send(phone_key=index, ip_key=ip_key(vault=vault, ip=client.ip))
    sms_codes.purge_expired(session=session, datamap=datamap, now=now)
    return sms_codes.issue(
        session=session,
        vault=vault,
        datamap=datamap,
        phone=national,
        phone_index=index,
        subject_id=account.id if account is not None else _reserved_id(session, index),
        purpose=SmsCodePurpose.AUTH.value,
        now=now,
    )


def _reserved_id(session: Session, index: str) -> str:
    """The id a new account for this phone will get: the one its earlier codes named, if any, so
    the disclosures to the carrier name one subject and the vault keeps one key for it."""
    earlier = session.scalar(
        select(SmsCode.subject_id).where(SmsCode.phone_index == index).order_by(SmsCode.id.desc()).limit(1)
    )
    if earlier is None or session.get(Account, earlier) is not None:
        return new_account_id()
    return earlier


def deliver(*, sms: SmsSender, issued: sms_codes.IssuedCode | None) -> None:
    """Hand a committed code to the SMS carrier."""
    if issued is None:
        return
    try:
        sms.send_verification_code(issued.disclosure, valid_minutes=issued.valid_minutes)
    except SmsDeliveryFailed as exc:
        raise SmsNotSent(str(exc)) from exc


# --- registration and login --------------------------------------------------------------------


def current_notice_version(*, session: Session, seen_version: str | None) -> str:
    """The notice version in force, which the visitor must have been shown (``seen_version``)."""
    latest = versions.latest_version(session=session)
    if latest is None:
        raise NoticeUnavailable("no notice version is published")
    if seen_version is not None and seen_version != latest:
        raise NoticeVersionOutdated(f"visitor saw {seen_version!r}, in force is {latest!r}")
    return latest


def register(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    phone: str,
    code: str,
    accept_notice: bool,
    notice_version: str | None,
    client: Client,
    now: datetime,
) -> LoginOutcome:
    """Create an account for a verified phone whose owner accepted the notice in force (P01, P08).
    Only the notice is accepted here: optional consents are separate, later acts (P82)."""
    if not accept_notice:
        raise NoticeNotAccepted("registration without accepting the notice")
    version = current_notice_version(session=session, seen_version=notice_version)
    national = parse_mainland_mobile(phone)
    index = phone_index(vault=vault, phone=national)
    if _by_index(session, index) is not None:
        raise PhoneAlreadyRegistered("phone already has an account")
    limits.before_verify(ip_key=ip_key(vault=vault, ip=client.ip))
    code_row = sms_codes.verify(
        session=session, vault=vault, phone_index=index, purpose=SmsCodePurpose.AUTH.value, code=code, now=now
    )
    account = create_account(
        session=session,
        vault=vault,
        phone=national,
        account_id=code_row.subject_id,
        notice_version=version,
        client=client,
        now=now,
    )
    decision = risk.record_registration(
        session=session, account_id=account.id, context=login_context(vault=vault, client=client), now=now
    )
    return open_session(session=session, account=account, client=client, decision=decision, now=now)


def create_account(
    *,
    session: Session,
    vault: Vault,
    phone: str,
    account_id: str,
    notice_version: str,
    client: Client,
    now: datetime,
) -> Account:
    """The account and its acceptance of the notice, in one unit of work."""
    if session.get(Account, account_id) is not None:
        account_id = new_account_id()  # the reserved id was taken meanwhile (cancelled and re-registered)
    account = Account(
        id=account_id,
        phone=vault.seal(phone, category=PHONE_CATEGORY, subject_id=account_id, lookup=True),
        status=AccountStatus.ACTIVE.value,
        created_at=now,
    )
    session.add(account)
    try:
        session.flush()
    except IntegrityError:
        raise PhoneAlreadyRegistered("phone registered by a concurrent request") from None
    consent.accept_notice(
        session=session, subject_id=account.id, version=notice_version, channel=client.channel, evidence="registration"
    )
    return account


def login(
    *,
    session: Session,
    vault: Vault,
    limits: RateLimits,
    phone: str,
    code: str,
    client: Client,
    now: datetime,
) -> LoginOutcome:
    """Log in with a phone number and its SMS code (P08). The code proves the bound phone, which
    is also the step-up factor, so a new device in a new region is allowed and recorded (P26)."""
    national = parse_mainland_mobile(phone)
    index = phone_index(vault=vault, phone=national)
    account = _by_index(session, index)
    if account is None:
        raise PhoneNotRegistered("login for a phone without an account")
    if not account.is_active:
        raise AccountUnavailable("login to an inactive account")
    limits.before_verify(ip_key=ip_key(vault=vault, ip=client.ip))
    sms_codes.verify(
        session=session, vault=vault, phone_index=index, purpose=SmsCodePurpose.AUTH.value, code=code, now=now
    )
    decision = risk.assess_login(
        session=session,
        account_id=account.id,
        context=login_context(vault=vault, client=client),
        phone_verified=True,
        now=now,
    )
    return open_session(session=session, account=account, client=client, decision=decision, now=now)


def open_session(
    *, session: Session, account: Account, client: Client, decision: RiskDecision | None, now: datetime
) -> LoginOutcome:
    """Issue the session of an allowed login, opening the seller edition if that is where it is."""
    if client.edition is Edition.SELLER:
        open_seller_edition(session=session, account=account, now=now)
    issued = sessions.issue(session=session, account=account, kind=client.kind, edition=client.edition, now=now)
    return LoginOutcome(status=LoginStatus.LOGGED_IN, account=account, issued=issued, decision=decision)


def open_seller_edition(*, session: Session, account: Account, now: datetime) -> bool:
    """Mark the account as using the seller edition, the first time only (P04). Returns whether
    this was the first time."""
    if account.seller_enabled_at is not None:
        return False
    account.seller_enabled_at = now
    session.flush()
    audit.append(
        session,
        actor=Actor(kind="subject", id=account.id),
        action="account.seller_edition_opened",
        subject_id=account.id,
        refs={"edition": Edition.SELLER.value},
    )
    return True


# --- sessions ----------------------------------------------------------------------------------


def logout(*, session: Session, current: AccountSession, now: datetime) -> None:
    """End the current session."""
    sessions.revoke(session=session, row=current, now=now)


def logout_everywhere(*, session: Session, account: Account, now: datetime) -> int:
    """End every session of the account, on every device and in both editions."""
    return sessions.revoke_all(session=session, account_id=account.id, now=now)
