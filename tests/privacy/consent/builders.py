"""Small builders for consent, permission and notice-version tests: the data map of
``datamap.yaml`` (one purpose of each kind), the real notice prose, and shortcuts to publish
and accept."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

import shouyue
from shouyue.privacy import consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import Prose, load_prose, versions
from shouyue.privacy.notice.models import NoticeVersion

PROSE_PATH = Path(shouyue.__file__).resolve().parent / "notice" / "templates" / "notice.zh-CN.yaml"
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
STAFF = Actor(kind="staff", id="staff_7", role="privacy_officer")

DATAMAP_PATH = Path(__file__).resolve().parent / "datamap.yaml"
_BASE: dict[str, Any] = yaml.safe_load(DATAMAP_PATH.read_text(encoding="utf-8"))


def make_datamap(edit: Callable[[dict[str, Any]], None] | None = None) -> DataMap:
    """The test data map, optionally edited (the edit receives a deep copy of the raw mapping)."""
    raw = copy.deepcopy(_BASE)
    if edit is not None:
        edit(raw)
    return DataMap.model_validate(raw)


def both(*edits: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """One edit that applies ``edits`` in turn."""

    def edit(raw: dict[str, Any]) -> None:
        for one in edits:
            one(raw)

    return edit


def purpose_entry(raw: dict[str, Any], purpose_id: str) -> dict[str, Any]:
    """The raw entry of a purpose, for edits."""
    return next(p for p in raw["purposes"] if p["id"] == purpose_id)


def add_purpose(raw: dict[str, Any], purpose_id: str = "marketing.sms", label: str = "短信营销") -> None:
    """Declare a new consent-based purpose."""
    raw["purposes"].append(
        {
            "id": purpose_id,
            "label": label,
            "description": "发送促销短信；可回复短信退订",
            "kind": "additional",
            "basis": "consent",
            "categories": ["contact.phone"],
            "retention": "account.lifetime",
        }
    )


@lru_cache(maxsize=1)
def prose() -> Prose:
    """The notice's real prose."""
    return load_prose(PROSE_PATH)


def publish(session: Session, datamap: DataMap, version: str, *, now: datetime = T0) -> NoticeVersion:
    """Publish ``datamap`` as ``version``."""
    return versions.publish(session=session, datamap=datamap, prose=prose(), version=version, actor=STAFF, now=now)


def accept(session: Session, subject_id: str, version: str) -> None:
    """The subject accepts ``version`` on the web."""
    consent.accept_notice(
        session=session, subject_id=subject_id, version=version, channel="web", evidence="click:agree"
    )
