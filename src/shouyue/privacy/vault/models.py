"""The key store's tables and the plain values it hands out.

The tables live in the key store's own database (see :mod:`shouyue.privacy.vault.keystore` for
why they are not part of the business migrations): the ids of the master keys it has known, and
each data key wrapped under the active master key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import DateTime, Index, LargeBinary, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Scope = Literal["everyday", "held"]
SCOPES: tuple[Scope, ...] = ("everyday", "held")
INDEX_SCOPE = "index"


class KeyStoreBase(DeclarativeBase):
    """The key store's own tables; never mixed with the business metadata."""

    metadata = MetaData()


class MasterKeyRecord(KeyStoreBase):
    """A master key the store has known: its id only, never the key. One row is active."""

    __tablename__ = "master_key"

    kid: Mapped[str] = mapped_column(String(32), primary_key=True)
    development: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DataKeyRecord(KeyStoreBase):
    """A subject's everyday or held data key, or the index key (no subject), wrapped."""

    __tablename__ = "data_key"
    __table_args__ = (Index("ix_data_key_subject_scope", "subject_id", "scope"),)

    kid: Mapped[str] = mapped_column(String(32), primary_key=True)
    subject_id: Mapped[str | None] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(8))
    wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)
    master_kid: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    destroyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class DataKey:
    """A data key as the vault sees it; ``secret`` is None once destroyed."""

    kid: str
    subject_id: str | None
    scope: str
    secret: bytes | None
    destroyed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class KeyStoreStatus:
    """Counts for ``shouyue keys status``; no key material."""

    location: str
    master_kid: str
    development: bool
    retired_masters: int
    subjects: int
    everyday: int
    held: int
    destroyed: int
    index_key: bool
