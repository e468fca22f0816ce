"""Login risk decisions (P26): a login from a new device in a new region needs step-up
verification, an SMS code to the account's bound phone, before a session is issued.

Rules, in order:
- a device this account used before: allow;
- a new device (or none named) in a region this account logged in from before: allow;
- a new device in a new or unknown region: step up, unless this very login was verified by an
  SMS code to the bound phone (the step-up factor itself), then allow.

Every decision is a ``risk_decision`` row with its reasons; step-ups and their outcome are
also written to the audit log. Devices are remembered only by a keyed hash of their
identifier (P27), and only once a login from them was allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.risk.models import Outcome, Reason, RiskChallenge, RiskDecision, RiskDevice
from shouyue.privacy import audit
from shouyue.privacy.actors import Actor

RISK_PURPOSE = "security.risk_control"
DEVICE_CATEGORY = "device.identifier"
CHALLENGE_TTL = timedelta(minutes=10)
MAX_DEVICE_ID_LENGTH = 128
_AUDITED = (DEVICE_CATEGORY, "location.coarse", "security.risk_decision")


@dataclass(frozen=True, slots=True)
class LoginContext:
    """Where a login comes from: the device's keyed hash (None if the client named none) and the
    coarse region of its IP address (None if unknown)."""

    device_hash: str | None
    region: str | None


def assess_login(
    *, session: Session, account_id: str, context: LoginContext, phone_verified: bool, now: datetime
) -> RiskDecision:
    """Decide on a login and record the decision with its reasons."""
    known_device = context.device_hash is not None and _device(session, account_id, context.device_hash) is not None
    if known_device:
        reasons = [Reason.KNOWN_DEVICE]
        outcome = Outcome.ALLOW
    else:
        reasons = [Reason.NEW_DEVICE if context.device_hash else Reason.NO_DEVICE_ID]
        if context.region is not None and _region_known(session, account_id, context.region):
            reasons.append(Reason.KNOWN_REGION)
            outcome = Outcome.ALLOW
        else:
            reasons.append(Reason.NEW_REGION if context.region else Reason.UNKNOWN_REGION)
            if phone_verified:
                reasons.append(Reason.PHONE_VERIFIED)
                outcome = Outcome.ALLOW
            else:
                outcome = Outcome.STEP_UP
    decision = _record(session, account_id, "login", outcome, reasons, context, now)
    if outcome is Outcome.ALLOW:
        remember_device(session=session, account_id=account_id, context=context, now=now)
    return decision


def record_registration(*, session: Session, account_id: str, context: LoginContext, now: datetime) -> RiskDecision:
    """The first decision of a new account: allowed, its device and region become known."""
    decision = _record(session, account_id, "register", Outcome.ALLOW, [Reason.REGISTRATION], context, now)
    remember_device(session=session, account_id=account_id, context=context, now=now)
    return decision


def remember_device(*, session: Session, account_id: str, context: LoginContext, now: datetime) -> None:
    """Note the device (by keyed hash) and the region it was last seen in."""
    if context.device_hash is None:
        return
    device = _device(session, account_id, context.device_hash)
    if device is None:
        session.add(
            RiskDevice(
                account_id=account_id,
                device_hash=context.device_hash,
                region=context.region,
                first_seen_at=now,
                last_seen_at=now,
            )
        )
    else:
        device.last_seen_at = now
        if context.region is not None:
            device.region = context.region
    session.flush()


def open_challenge(
    *,
    session: Session,
    decision: RiskDecision,
    token_hash: str,
    edition: str,
    session_kind: str,
    context: LoginContext,
    now: datetime,
) -> RiskChallenge:
    """Hold the login back until the step-up code is entered."""
    challenge = RiskChallenge(
        token_hash=token_hash,
        account_id=decision.account_id,
        decision_id=decision.id,
        edition=edition,
        session_kind=session_kind,
        device_hash=context.device_hash,
        region=context.region,
        created_at=now,
        expires_at=now + CHALLENGE_TTL,
    )
    session.add(challenge)
    session.flush()
    return challenge


def live_challenge(*, session: Session, token_hash: str, now: datetime) -> RiskChallenge | None:
    """The pending challenge behind a token, or None when unknown, finished or expired."""
    challenge = session.scalars(select(RiskChallenge).where(RiskChallenge.token_hash == token_hash)).first()
    if challenge is None or challenge.completed_at is not None or challenge.expires_at <= now:
        return None
    return challenge


def pass_challenge(*, session: Session, challenge: RiskChallenge, now: datetime) -> RiskDecision:
    """The step-up code was right: close the challenge, allow the login, remember the device."""
    challenge.completed_at = now
    context = LoginContext(device_hash=challenge.device_hash, region=challenge.region)
    decision = _record(session, challenge.account_id, "step_up", Outcome.ALLOW, [Reason.STEP_UP_PASSED], context, now)
    remember_device(session=session, account_id=challenge.account_id, context=context, now=now)
    return decision


def decisions_for(*, session: Session, account_id: str, limit: int = 50) -> list[RiskDecision]:
    """The account's latest risk decisions, newest first (for the person and for review)."""
    return list(
        session.scalars(
            select(RiskDecision)
            .where(RiskDecision.account_id == account_id)
            .order_by(RiskDecision.at.desc(), RiskDecision.id.desc())
            .limit(limit)
        )
    )


def _device(session: Session, account_id: str, device_hash: str) -> RiskDevice | None:
    return session.scalars(
        select(RiskDevice).where(RiskDevice.account_id == account_id, RiskDevice.device_hash == device_hash)
    ).first()


def _region_known(session: Session, account_id: str, region: str) -> bool:
    seen = session.scalar(
        select(RiskDevice.id).where(RiskDevice.account_id == account_id, RiskDevice.region == region).limit(1)
    )
    if seen is not None:
        return True
    allowed = session.scalar(
        select(RiskDecision.id)
        .where(
            RiskDecision.account_id == account_id,
            RiskDecision.region == region,
            RiskDecision.outcome == Outcome.ALLOW.value,
        )
        .limit(1)
    )
    return allowed is not None


def _record(
    session: Session,
    account_id: str,
    action: str,
    outcome: Outcome,
    reasons: list[Reason],
    context: LoginContext,
    now: datetime,
) -> RiskDecision:
    decision = RiskDecision(
        account_id=account_id,
        action=action,
        outcome=outcome.value,
        reasons=",".join(r.value for r in reasons),
        device_hash=context.device_hash,
        region=context.region,
        at=now,
    )
    session.add(decision)
    session.flush()
    if outcome is not Outcome.ALLOW or action == "step_up":
        # Decisions with an effect on the person go into the tamper-evident log as well.
        audit.append(
            session,
            actor=Actor.system("risk"),
            action=f"risk.{action}.{outcome.value}",
            subject_id=account_id,
            purpose=RISK_PURPOSE,
            categories=_AUDITED,
            refs={"decision": decision.id, "reasons": decision.reasons.replace(",", ":")},
        )
    return decision
