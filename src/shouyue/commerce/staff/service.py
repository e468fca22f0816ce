"""Staff accounts, console login, permission checks and the audited reveal of full PI values.

The caller owns the transaction: these functions flush, the route or command commits.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shouyue.commerce.staff import passwords
from shouyue.commerce.staff.exceptions import (
    CannotDisableSelf,
    InvalidUsername,
    LoginFailed,
    LoginLocked,
    PermissionDenied,
    RevealReasonRequired,
    StaffError,
    StaffNotFound,
    UnknownRole,
    UsernameTaken,
    WeakPassword,
)
from shouyue.commerce.staff.models import USERNAME_MAX, StaffMember, StaffReveal, StaffSession
from shouyue.commerce.staff.roles import ROLE_LABELS, Permission, Role, role_allows
from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.detect import mask_text
from shouyue.privacy.vault import Sealed, reveal

USERNAME = re.compile(rf"[a-z][a-z0-9_.-]{{2,{USERNAME_MAX - 1}}}")
TOKEN_PREFIX = "sy_staff_"
SESSION_LIFETIME = timedelta(hours=8)
IDLE_TIMEOUT = timedelta(minutes=30)
SEEN_RESOLUTION = timedelta(minutes=1)  # last_seen_at is written at most once a minute
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
REASON_MIN = 4
REASON_MAX = 200


def actor_of(staff: StaffMember) -> Actor:
    """The staff member as the audit log names them."""
    return Actor(kind="staff", id=staff.id, role=staff.role)


def parse_role(role: str) -> Role:
    """The role named ``role``; refuses a role the table does not declare."""
    try:
        return Role(role.strip())
    except ValueError:
        raise UnknownRole([f"{r.value}（{ROLE_LABELS[r]}）" for r in Role]) from None


# --- staff accounts ------------------------------------------------------------------------------


def get(*, session: Session, staff_id: str) -> StaffMember | None:
    """The staff member with ``staff_id``, or None."""
    return session.get(StaffMember, staff_id)


def get_or_raise(*, session: Session, staff_id: str) -> StaffMember:
    """The staff member with ``staff_id``; raises ``StaffNotFound``."""
    staff = get(session=session, staff_id=staff_id)
    if staff is None:
        raise StaffNotFound()
    return staff


def get_by_username(*, session: Session, username: str) -> StaffMember | None:
    """The staff member who logs in as ``username`` (case-insensitive), or None."""
    return session.scalar(select(StaffMember).where(StaffMember.username == username.strip().lower()))


def get_by_username_or_raise(*, session: Session, username: str) -> StaffMember:
    """The staff member who logs in as ``username``; raises ``StaffNotFound``."""
    staff = get_by_username(session=session, username=username)
    if staff is None:
        raise StaffNotFound()
    return staff


def get_all(*, session: Session) -> Sequence[StaffMember]:
    """Every staff account, active or not, by username."""
    return session.scalars(select(StaffMember).order_by(StaffMember.username)).all()


def create(*, session: Session, username: str, role: str, password: str, actor: Actor, now: datetime) -> StaffMember:
    """A new staff account; refuses a malformed or taken username, an unknown role, a weak password."""
    name = username.strip().lower()
    if not USERNAME.fullmatch(name):
        raise InvalidUsername()
    chosen = parse_role(role)
    problems = passwords.password_problems(password, username=name)
    if problems:
        raise WeakPassword(problems)
    if get_by_username(session=session, username=name) is not None:
        raise UsernameTaken()
    staff = StaffMember(
        username=name,
        password_hash=passwords.hash_password(password),
        role=chosen.value,
        created_at=now,
        password_changed_at=now,
        failed_logins=0,
    )
    session.add(staff)
    session.flush()
    audit.append(session, actor=actor, action="staff.created", refs={"staff_id": staff.id, "role": chosen.value})
    return staff


def disable(*, session: Session, staff: StaffMember, actor: Actor, now: datetime) -> StaffMember:
    """Disable a staff account and end its sessions at once."""
    if actor.kind == "staff" and actor.id == staff.id:
        raise CannotDisableSelf()
    if staff.disabled_at is None:
        staff.disabled_at = now
        session.execute(
            update(StaffSession)
            .where(StaffSession.staff_id == staff.id, StaffSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        session.flush()
        audit.append(session, actor=actor, action="staff.disabled", refs={"staff_id": staff.id})
    return staff


# --- login ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoggedIn:
    """A successful login: the staff member and the new session's token (shown once)."""

    staff: StaffMember
    token: str
    expires_at: datetime


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(*, session: Session, username: str, password: str, now: datetime) -> LoggedIn | StaffError:
    """Check a username and password and open a console session; counts failures and locks the
    account for a while after too many. A refusal is returned, not raised, so that the caller can
    commit the failure count before refusing."""
    staff = get_by_username(session=session, username=username)
    if staff is None:
        # Verify against a dummy hash anyway: an unknown name then costs as long as a wrong password.
        passwords.verify_password(passwords.dummy_hash(), password)
        return LoginFailed()
    if staff.locked_until is not None and staff.locked_until > now:
        passwords.verify_password(passwords.dummy_hash(), password)
        minutes = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
        return LoginLocked(minutes)
    matched = passwords.verify_password(staff.password_hash, password)
    if not matched or not staff.is_active:
        if matched:
            return LoginFailed()
        staff.failed_logins = (staff.failed_logins or 0) + 1
        if staff.failed_logins >= MAX_FAILED_LOGINS:
            staff.failed_logins = 0
            staff.locked_until = now + LOCKOUT
        session.flush()
        return LoginFailed()
    if passwords.needs_rehash(staff.password_hash):
        staff.password_hash = passwords.hash_password(password)
    staff.failed_logins = 0
    staff.locked_until = None
    staff.last_login_at = now
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = now + SESSION_LIFETIME
    session.add(
        StaffSession(
            staff_id=staff.id, token_hash=_hash_token(token), created_at=now, last_seen_at=now, expires_at=expires_at
        )
    )
    session.flush()
    return LoggedIn(staff, token, expires_at)


def staff_for_token(*, session: Session, token: str, now: datetime) -> StaffMember | None:
    """The active staff member whose live session ``token`` opens, or None (expired, idle, revoked,
    disabled, or a buyer's token). Refreshes the session's last-seen time."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = session.scalar(select(StaffSession).where(StaffSession.token_hash == _hash_token(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= now or now - row.last_seen_at >= IDLE_TIMEOUT:
        return None
    staff = session.get(StaffMember, row.staff_id)
    if staff is None or not staff.is_active:
        return None
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        row.last_seen_at = now
        session.flush()
    return staff


def log_out(*, session: Session, token: str, now: datetime) -> None:
    """End the session ``token`` opens (nothing happens for an unknown token)."""
    session.execute(
        update(StaffSession)
        .where(StaffSession.token_hash == _hash_token(token), StaffSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.flush()


# --- permissions and reveals ---------------------------------------------------------------------


def has_permission(*, staff: StaffMember, permission: Permission) -> bool:
    """Whether the staff member's role grants ``permission``."""
    return staff.is_active and role_allows(staff.role, permission)


def require_permission(*, staff: StaffMember, permission: Permission) -> None:
    """Refuse with ``PermissionDenied`` unless the staff member's role grants ``permission``."""
    if not has_permission(staff=staff, permission=permission):
        raise PermissionDenied(permission.label)


def reveal_value(
    *, session: Session, staff: StaffMember, value: Sealed, purpose: str, reason: str, now: datetime
) -> str:
    """The full value behind ``value``, for a staff member whose role allows reveals and who stated
    why. The reason is kept (its PI masked) and the reveal is written to the audit log (P47)."""
    require_permission(staff=staff, permission=Permission.PI_REVEAL)
    stated = " ".join(reason.split())
    if len(stated) < REASON_MIN:
        raise RevealReasonRequired(REASON_MIN)
    masked_reason, _ = mask_text(stated[:REASON_MAX])
    plaintext = reveal(session, value, purpose=purpose, actor=actor_of(staff))
    session.add(
        StaffReveal(
            staff_id=staff.id,
            subject_id=value.subject_id,
            category=value.category,
            purpose=purpose,
            reason=masked_reason,
            at=now,
        )
    )
    session.flush()
    return plaintext


def reveals_by(*, session: Session, staff_id: str) -> Sequence[StaffReveal]:
    """The reveals a staff member made, newest first."""
    return session.scalars(
        select(StaffReveal).where(StaffReveal.staff_id == staff_id).order_by(StaffReveal.id.desc())
    ).all()
