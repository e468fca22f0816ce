"""Registering and logging in with a third-party account (P09); linking and unlinking it.

The provider adapter has already reduced the third party's answer to the account id plus
avatar, nickname, region and gender; here the account id becomes a keyed hash before anything
is stored. A third-party account that is not linked yet waits (a few minutes, same reduced
fields) until the person verifies a phone number: an existing account is linked, or a new one
is created once the person accepts the notice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import service, sessions, sms_codes, step_up
from shouyue.commerce.accounts.exceptions import (
    AccountUnavailable,
    ExternalAccountTaken,
    NoticeNotAccepted,
    OAuthRefused,
    OAuthTicketInvalid,
    ProviderAlreadyLinked,
    ProviderNotLinked,
)
from shouyue.commerce.accounts.models import Account, OAuthLink, OAuthPending, SmsCodePurpose, new_account_id
from shouyue.commerce.accounts.phones import parse_mainland_mobile
from shouyue.commerce.accounts.ratelimit import RateLimits
from shouyue.commerce.risk import service as risk
from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.vault import Vault
from shouyue.providers.oauth import OAuthFailed, OAuthProfile, OAuthProvider

OAUTH_ID_CATEGORY = "oauth.account_id"
OAUTH_PURPOSE = "account.third_party_login"
PENDING_TTL = timedelta(minutes=10)


def external_id_hash(*, vault: Vault, provider: str, external_id: str) -> str:
    """The keyed hash a third-party account id is stored as."""
    return vault.keyed_hash(f"{provider}:{external_id}", category=OAUTH_ID_CATEGORY)


def _exchange(provider: OAuthProvider, code: str) -> OAuthProfile:
    try:
        return provider.exchange(code)
    except OAuthFailed as exc:
        raise OAuthRefused(str(exc)) from exc


def _link_by_external(session: Session, provider: str, hashed: str) -> OAuthLink | None:
    return session.scalars(
        select(OAuthLink).where(OAuthLink.provider == provider, OAuthLink.external_id_hash == hashed)
    ).first()


def links_of(*, session: Session, account_id: str) -> list[OAuthLink]:
    """The third-party accounts linked to an account."""
    return list(session.scalars(select(OAuthLink).where(OAuthLink.account_id == account_id).order_by(OAuthLink.id)))


def login(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    provider: OAuthProvider,
    code: str,
    client: service.Client,
    now: datetime,
) -> service.LoginOutcome:
    """Log in with a third-party account: a linked one goes through risk control (and may need
    step-up verification); an unlinked one must first be tied to a verified phone number."""
    profile = _exchange(provider, code)
    hashed = external_id_hash(vault=vault, provider=provider.name, external_id=profile.external_id)
    link = _link_by_external(session, provider.name, hashed)
    if link is not None:
        account = session.get(Account, link.account_id)
        if account is None or not account.is_active:
            raise AccountUnavailable("linked account is not active")
        _copy_profile(link, profile)
        return step_up.assess_or_step_up(
            session=session, vault=vault, datamap=datamap, limits=limits, account=account, client=client, now=now
        )
    ticket = sessions.new_token()
    pending = OAuthPending(
        ticket_hash=sessions.hash_token(ticket),
        subject_id=new_account_id(),
        provider=provider.name,
        external_id_hash=hashed,
        created_at=now,
        expires_at=now + PENDING_TTL,
    )
    _copy_profile(pending, profile)
    session.execute(delete(OAuthPending).where(OAuthPending.expires_at <= now))
    session.add(pending)
    session.flush()
    return service.LoginOutcome(
        status=service.LoginStatus.PHONE_REQUIRED, pending_ticket=ticket, pending_nickname=profile.nickname
    )


def complete(
    *,
    session: Session,
    vault: Vault,
    limits: RateLimits,
    ticket: str,
    phone: str,
    code: str,
    accept_notice: bool,
    notice_version: str | None,
    client: service.Client,
    now: datetime,
) -> service.LoginOutcome:
    """Tie a waiting third-party login to a verified phone: link it to that phone's account, or
    create the account when the number is new and the person accepted the notice (P01)."""
    pending = session.scalars(
        select(OAuthPending).where(OAuthPending.ticket_hash == sessions.hash_token(ticket))
    ).first()
    if pending is None or pending.expires_at <= now:
        raise OAuthTicketInvalid("unknown or expired third-party login ticket")
    national = parse_mainland_mobile(phone)
    index = service.phone_index(vault=vault, phone=national)
    account = session.scalars(select(Account).where(Account.phone_index == index)).first()
    version = ""
    if account is None:
        if not accept_notice:
            raise NoticeNotAccepted("new account through a third party without accepting the notice")
        version = service.current_notice_version(session=session, seen_version=notice_version)
    elif not account.is_active:
        raise AccountUnavailable("phone belongs to an inactive account")
    if _link_by_external(session, pending.provider, pending.external_id_hash) is not None:
        raise ExternalAccountTaken("third-party account linked meanwhile")
    limits.before_verify(ip_key=service.ip_key(vault=vault, ip=client.ip))
    code_row = sms_codes.verify(
        session=session, vault=vault, phone_index=index, purpose=SmsCodePurpose.AUTH.value, code=code, now=now
    )
    context = service.login_context(vault=vault, client=client)
    if account is None:
        account = service.create_account(
            session=session,
            vault=vault,
            phone=national,
            account_id=code_row.subject_id,
            notice_version=version,
            client=client,
            now=now,
        )
        decision = risk.record_registration(session=session, account_id=account.id, context=context, now=now)
    else:
        if _link_of(session, account.id, pending.provider) is not None:
            raise ProviderAlreadyLinked("account already linked to this provider")
        decision = risk.assess_login(
            session=session, account_id=account.id, context=context, phone_verified=True, now=now
        )
    _add_link(
        session, account=account, provider=pending.provider, hashed=pending.external_id_hash, profile=pending, now=now
    )
    session.delete(pending)
    session.flush()
    return service.open_session(session=session, account=account, client=client, decision=decision, now=now)


def link(
    *, session: Session, vault: Vault, account: Account, provider: OAuthProvider, code: str, now: datetime
) -> OAuthLink:
    """Link a third-party account to the logged-in account (from the settings page)."""
    profile = _exchange(provider, code)
    hashed = external_id_hash(vault=vault, provider=provider.name, external_id=profile.external_id)
    existing = _link_by_external(session, provider.name, hashed)
    if existing is not None and existing.account_id != account.id:
        raise ExternalAccountTaken("third-party account linked to another account")
    if existing is not None or _link_of(session, account.id, provider.name) is not None:
        raise ProviderAlreadyLinked("account already linked to this provider")
    return _add_link(session, account=account, provider=provider.name, hashed=hashed, profile=profile, now=now)


def unlink(*, session: Session, account: Account, provider: str) -> None:
    """Remove a linked third-party account, and with it everything stored from it."""
    row = _link_of(session, account.id, provider)
    if row is None:
        raise ProviderNotLinked("no link to remove")
    session.delete(row)
    session.flush()
    audit.append(
        session,
        actor=Actor(kind="subject", id=account.id),
        action="account.oauth_unlinked",
        subject_id=account.id,
        purpose=OAUTH_PURPOSE,
        categories=[OAUTH_ID_CATEGORY, "oauth.profile"],
        refs={"provider": provider},
    )


def _link_of(session: Session, account_id: str, provider: str) -> OAuthLink | None:
    return session.scalars(
        select(OAuthLink).where(OAuthLink.account_id == account_id, OAuthLink.provider == provider)
    ).first()


def _add_link(
    session: Session,
    *,
    account: Account,
    provider: str,
    hashed: str,
    profile: OAuthPending | OAuthProfile,
    now: datetime,
) -> OAuthLink:
    row = OAuthLink(account_id=account.id, provider=provider, external_id_hash=hashed, created_at=now)
    _copy_profile(row, profile)
    session.add(row)
    session.flush()
    # An inflow of PI from a third party, recorded with its source (P34), never its values.
    audit.append(
        session,
        actor=Actor(kind="subject", id=account.id),
        action="account.oauth_linked",
        subject_id=account.id,
        purpose=OAUTH_PURPOSE,
        categories=[OAUTH_ID_CATEGORY, "oauth.profile"],
        refs={"provider": provider, "link": row.id},
    )
    return row


def _copy_profile(target: OAuthLink | OAuthPending, profile: OAuthPending | OAuthProfile) -> None:
    # The four fields of the notice; the adapter has dropped everything else already.
    target.nickname = profile.nickname
    target.avatar_url = profile.avatar_url
    target.region = profile.region
    target.gender = profile.gender
