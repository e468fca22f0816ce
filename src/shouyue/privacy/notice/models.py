"""The archive of published notice versions (P71-P74). Rows are written once and never changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.storage import PrivacyBase

VERSION_MAX = 40


class NoticeVersion(PrivacyBase):
    """One published notice: its canonical text, what it was rendered from, and how it differs
    from its predecessor.

    Fingerprints map each data-map entry id to the SHA-256 of that entry's canonical JSON, so
    a later version can say which purposes, categories and recipients changed without
    re-reading old data maps. ``purpose_scopes`` fingerprints a purpose together with what it
    brings along (its categories, retention rule and recipients): a change to any of them is
    a change of that purpose for P72.
    """

    __tablename__ = "notice_version"

    # Publication order; assigned as max + 1, so two concurrent publications collide on it.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[str] = mapped_column(String(VERSION_MAX), unique=True)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime())
    published_by: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    datamap_version: Mapped[str] = mapped_column(String(80))
    datamap_digest: Mapped[str] = mapped_column(String(64))
    datamap: Mapped[str] = mapped_column(Text)
    purposes: Mapped[dict[str, str]] = mapped_column(JSON)
    categories: Mapped[dict[str, str]] = mapped_column(JSON)
    recipients: Mapped[dict[str, str]] = mapped_column(JSON)
    retention: Mapped[dict[str, str]] = mapped_column(JSON)
    controller: Mapped[str] = mapped_column(String(64))
    purpose_scopes: Mapped[dict[str, str]] = mapped_column(JSON)
    material: Mapped[bool] = mapped_column(Boolean)
    material_reasons: Mapped[list[str]] = mapped_column(JSON)
    diff: Mapped[str] = mapped_column(Text)
