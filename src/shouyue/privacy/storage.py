"""The engine's own declarative base. The application migrates it beside its own tables,
so the engine needs nothing from the application's ``db`` module."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class PrivacyBase(DeclarativeBase):
    """Base of the engine's tables (audit log, and later consent, disclosures, requests)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
