"""The optional profile (P10): avatar, nickname, gender, birthday, signature.

None of them is needed by any buyer function; each can be set and cleared. Filling one in is
processing under ``profile.edit`` (an additional purpose on consent): the first time, the
person ticks the consent on the form (never pre-ticked, never bundled with the notice, P82).
Clearing a field never needs consent.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import (
    AvatarNotSet,
    InvalidAvatar,
    InvalidProfile,
    NoticeVersionOutdated,
    ProfileConsentRequired,
)
from shouyue.commerce.accounts.models import Account, Gender
from shouyue.privacy import consent
from shouyue.privacy.consent import Channel
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import versions

PROFILE_PURPOSE = "profile.edit"
PROFILE_FIELDS = ("nickname", "gender", "birthday", "signature")
MAX_NICKNAME = 32
MAX_SIGNATURE = 80
MAX_AVATAR_BYTES = 1024 * 1024
_IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """The updated account and an avatar file that is no longer used (delete it after commit)."""

    account: Account
    removed_file: str | None = None


def has_consent(*, session: Session, account_id: str) -> bool:
    """Whether the person currently agrees to ``profile.edit``."""
    current = consent.state(session=session, subject_id=account_id, purpose=PROFILE_PURPOSE)
    return current is not None and current.granted


def _ensure_consent(
    *, session: Session, datamap: DataMap, account: Account, agree: bool, channel: Channel, now: datetime
) -> None:
    try:
        consent.require(session=session, subject_id=account.id, purpose=PROFILE_PURPOSE, datamap=datamap)
        return
    except consent.ConsentRequired:
        if not agree:
            raise ProfileConsentRequired("profile.edit not granted") from None
    except consent.NoticeAcceptanceRequired:
        raise NoticeVersionOutdated("profile.edit needs the notice in force accepted") from None
    latest = versions.latest_version(session=session)
    if latest is None:
        raise NoticeVersionOutdated("no notice published")
    consent.grant(
        session=session,
        subject_id=account.id,
        purpose=PROFILE_PURPOSE,
        notice_version=latest,
        channel=channel,
        datamap=datamap,
        evidence="profile-form",
        at=now,
    )


def update(
    *,
    session: Session,
    datamap: DataMap,
    account: Account,
    changes: Mapping[str, str | date | None],
    agree: bool,
    channel: Channel,
    now: datetime,
) -> Account:
    """Set or clear profile fields (a None value clears). Setting needs ``profile.edit``."""
    cleaned = {name: _clean(name, value, today=now.date()) for name, value in changes.items()}
    if any(value is not None for value in cleaned.values()):
        _ensure_consent(session=session, datamap=datamap, account=account, agree=agree, channel=channel, now=now)
    for name, value in cleaned.items():
        setattr(account, name, value)
    session.flush()
    birthday = cleaned.get("birthday")
    if isinstance(birthday, date):
        _note_declared_age(session=session, datamap=datamap, account=account, birthday=birthday, now=now)
    return account


def _note_declared_age(*, session: Session, datamap: DataMap, account: Account, birthday: date, now: datetime) -> None:
    """A declared birthday sets the account's age as an ID number would (P65: under 14 needs a
    guardian; P66: no marketing or personalisation)."""
    # Imported here: the identity domain builds on accounts, not the other way round.
    from shouyue.commerce.identity import service as identity
    from shouyue.commerce.identity.models import AgeSource
    from shouyue.engine import get_vault

    identity.record_birth_date(
        session=session,
        vault=get_vault(),
        datamap=datamap,
        account_id=account.id,
        birth_date=birthday,
        source=AgeSource.DECLARED,
        now=now,
        today=identity.china_today(now),
    )


def _clean(name: str, value: str | date | None, *, today: date) -> str | date | None:
    if name not in PROFILE_FIELDS:
        raise InvalidProfile(f"unknown profile field {name!r}")
    if value is None:
        return None
    if name == "birthday":
        if isinstance(value, str):  # a form's YYYY-MM-DD
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidProfile("birthday is not a date") from None
        if not isinstance(value, date) or value > today or value.year < 1900:
            raise InvalidProfile("birthday out of range")
        return value
    if not isinstance(value, str):
        raise InvalidProfile(f"{name} must be text")
    text = " ".join(value.split())
    if name == "gender":
        if text and text not in {g.value for g in Gender}:
            raise InvalidProfile("unknown gender")
    elif len(text) > (MAX_NICKNAME if name == "nickname" else MAX_SIGNATURE) or not text.isprintable():
        raise InvalidProfile(f"{name} too long or not printable")
    return text or None


def image_kind(data: bytes) -> str | None:
    """The file extension of a JPEG, PNG or WebP image by its magic bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def set_avatar(
    *,
    session: Session,
    datamap: DataMap,
    account: Account,
    data: bytes,
    upload_dir: Path,
    agree: bool,
    channel: Channel,
    now: datetime,
) -> ProfileChange:
    """Store an uploaded avatar under a random name and use it; returns the replaced file's name."""
    kind = image_kind(data)
    if kind is None or not data or len(data) > MAX_AVATAR_BYTES:
        raise InvalidAvatar("not a small JPEG, PNG or WebP image")
    _ensure_consent(session=session, datamap=datamap, account=account, agree=agree, channel=channel, now=now)
    name = f"{secrets.token_hex(16)}.{kind}"
    upload_dir.mkdir(parents=True, exist_ok=True)
    (upload_dir / name).write_bytes(data)
    removed, account.avatar = account.avatar, name
    session.flush()
    return ProfileChange(account=account, removed_file=removed)


def clear_avatar(*, session: Session, account: Account) -> ProfileChange:
    """Stop using the avatar; returns the file to delete."""
    removed, account.avatar = account.avatar, None
    session.flush()
    return ProfileChange(account=account, removed_file=removed)


def avatar_file(*, account: Account, upload_dir: Path) -> tuple[Path, str]:
    """The account's avatar file and its media type."""
    if account.avatar is None:
        raise AvatarNotSet("no avatar")
    path = upload_dir / Path(account.avatar).name
    if not path.is_file():
        raise AvatarNotSet("avatar file missing")
    return path, _IMAGE_TYPES.get(path.suffix.lstrip("."), "application/octet-stream")


def remove_file(*, upload_dir: Path, name: str | None) -> None:
    """Delete an avatar file no longer used (after the change committed)."""
    if name:
        (upload_dir / Path(name).name).unlink(missing_ok=True)
