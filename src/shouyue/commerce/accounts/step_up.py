"""Step-up verification of risky logins (P26): a login that did not prove the bound phone (a
third-party login) from a new device in a new region is held back, a code goes to the account's
bound phone, and the session is issued only once that code is entered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions, sms_codes
from shouyue.commerce.accounts.exceptions import AccountUnavailable, ChallengeInvalid
from shouyue.commerce.accounts.models import Account, Edition, SessionKind, SmsCodePurpose
from shouyue.commerce.accounts.ratelimit import RateLimits
from shouyue.commerce.accounts.service import (
    Client,
    LoginOutcome,
    LoginStatus,
    ip_key,
    login_context,
    open_session,
)
from shouyue.commerce.risk import service as risk
from shouyue.commerce.risk.models import Outcome, RiskDecision
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.vault import Vault, reveal


def require_step_up(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    account: Account,
    decision: RiskDecision,
    client: Client,
    now: datetime,
) -> LoginOutcome:
    """Hold a risky login back and send a code to the account's bound phone."""
    token = sessions.new_token()
    context = login_context(vault=vault, client=client)
    challenge = risk.open_challenge(
        session=session,
        decision=decision,
        token_hash=sessions.hash_token(token),
        edition=client.edition.value,
        session_kind=client.kind.value,
        context=context,
        now=now,
    )
    outgoing = _step_up_code(
        session=session, vault=vault, datamap=datamap, limits=limits, account=account, client=client, now=now
    )
    return LoginOutcome(
        status=LoginStatus.STEP_UP_REQUIRED,
        account=account,
        decision=decision,
        challenge_token=token,
        challenge_expires_at=challenge.expires_at,
        masked_phone=account.phone.mask if account.phone is not None else None,
        outgoing=outgoing,
    )


def resend_step_up_code(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    challenge_token: str,
    client: Client,
    now: datetime,
) -> sms_codes.IssuedCode:
    """Send a new step-up code for a pending challenge."""
    challenge = risk.live_challenge(session=session, token_hash=sessions.hash_token(challenge_token), now=now)
    if challenge is None:
        raise ChallengeInvalid("unknown, finished or expired challenge")
    account = _active(session, challenge.account_id)
    return _step_up_code(
        session=session, vault=vault, datamap=datamap, limits=limits, account=account, client=client, now=now
    )


def complete_step_up(
    *,
    session: Session,
    vault: Vault,
    limits: RateLimits,
    challenge_token: str,
    code: str,
    client: Client,
    now: datetime,
) -> LoginOutcome:
    """Finish a held-back login with the code sent to the bound phone; then issue its session."""
    challenge = risk.live_challenge(session=session, token_hash=sessions.hash_token(challenge_token), now=now)
    if challenge is None:
        raise ChallengeInvalid("unknown, finished or expired challenge")
    account = _active(session, challenge.account_id)
    if account.phone_index is None:
        raise AccountUnavailable("account has no bound phone")
    limits.before_verify(ip_key=ip_key(vault=vault, ip=client.ip))
    sms_codes.verify(
        session=session,
        vault=vault,
        phone_index=account.phone_index,
        purpose=SmsCodePurpose.STEP_UP.value,
        code=code,
        now=now,
    )
    decision = risk.pass_challenge(session=session, challenge=challenge, now=now)
    held = Client(
        ip=client.ip,
        device_id=client.device_id,
        region=challenge.region,
        edition=Edition(challenge.edition),
        kind=SessionKind(challenge.session_kind),
    )
    return open_session(session=session, account=account, client=held, decision=decision, now=now)


def _step_up_code(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    account: Account,
    client: Client,
    now: datetime,
) -> sms_codes.IssuedCode:
    if account.phone is None or account.phone_index is None:
        raise AccountUnavailable("account has no bound phone")
    limits.before_send(phone_key=account.phone_index, ip_key=ip_key(vault=vault, ip=client.ip))
    phone = reveal(session, account.phone, purpose=sms_codes.SMS_PURPOSE, actor=Actor.system("accounts"), vault=vault)
    return sms_codes.issue(
        session=session,
        vault=vault,
        datamap=datamap,
        phone=phone,
        phone_index=account.phone_index,
        subject_id=account.id,
        purpose=SmsCodePurpose.STEP_UP.value,
        now=now,
    )


def assess_or_step_up(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    limits: RateLimits,
    account: Account,
    client: Client,
    now: datetime,
) -> LoginOutcome:
    """For a login that did not prove the bound phone (a third-party login): allow it, or hold
    it for step-up verification when the device and the region are both new."""
    decision = risk.assess_login(
        session=session,
        account_id=account.id,
        context=login_context(vault=vault, client=client),
        phone_verified=False,
        now=now,
    )
    if decision.outcome == Outcome.STEP_UP.value:
        return require_step_up(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            account=account,
            decision=decision,
            client=client,
            now=now,
        )
    return open_session(session=session, account=account, client=client, decision=decision, now=now)


def _active(session: Session, account_id: str) -> Account:
    account = session.get(Account, account_id)
    if account is None or not account.is_active:
        raise AccountUnavailable("account missing or not active")
    return account
