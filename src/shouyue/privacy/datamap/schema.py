"""The shape of ``datamap.yaml``: categories, purposes, recipients and retention rules.

Pydantic validates each entry; :func:`DataMap.model_post_init` checks the references
between entries, so a typo in an id stops start-up with a message naming the entry.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shouyue.privacy.errors import UnknownCategory, UnknownPurpose, UnknownRecipient

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalBasis(StrEnum):
    CONTRACT = "contract"
    CONSENT = "consent"
    SEPARATE_CONSENT = "separate_consent"
    LEGAL_OBLIGATION = "legal_obligation"


class PurposeKind(StrEnum):
    CORE = "core"
    ADDITIONAL = "additional"


class ExpiryAction(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"


class Protection(StrEnum):
    """How a category must be stored at rest."""

    PLAIN = "plain"  # ordinary column, access-controlled
    SEALED = "sealed"  # AES-256-GCM under the subject's data key (vault)
    KEYED_HASH = "keyed_hash"  # de-identified: HMAC under a separately kept key
    TRANSIENT = "transient"  # never stored in a business table (e.g. an SMS code's plaintext)


class MaskRule(StrEnum):
    """Display masks; see :mod:`shouyue.privacy.masking`."""

    PHONE = "phone"
    ID_NUMBER = "id_number"
    BANK_CARD = "bank_card"
    NAME = "name"
    ADDRESS = "address"
    EMAIL = "email"
    POSTCODE = "postcode"
    LAST4 = "last4"
    IP = "ip"
    REDACT = "redact"
    NONE = "none"


class Category(Strict):
    """A kind of personal information the platform may hold."""

    id: Id
    label: str = Field(min_length=1, description="Chinese label shown to subjects")
    sensitive: bool
    protection: Protection
    mask: MaskRule
    group: str = Field(min_length=1, description="heading under which the notice lists it")
    notice: str = Field(default="", description="the notice clause that names it, e.g. 二(一)1")

    @model_validator(mode="after")
    def _sensitive_is_protected(self) -> Category:
        if self.sensitive and self.protection is Protection.PLAIN:
            raise ValueError(f"category {self.id!r} is sensitive and may not be stored plain")
        return self


class Retention(Strict):
    """How long a store of PI stays, counted from an event, and what happens then."""

    id: Id
    label: str = Field(min_length=1)
    days: int | None = Field(ge=1, description="None: kept while the account exists")
    starts: Literal[
        "collection", "transaction_completed", "account_closed", "last_activity", "withdrawal", "event"
    ]
    action: ExpiryAction
    legal_hold: bool = Field(description="kept under the held key (legal retention) when the account closes")
    basis: str = Field(default="", description="law or reason for the period")

    @property
    def period(self) -> timedelta | None:
        return None if self.days is None else timedelta(days=self.days)


class Purpose(Strict):
    """A declared processing activity: one function of the notice."""

    id: Id
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    kind: PurposeKind
    basis: LegalBasis
    categories: tuple[Id, ...] = Field(min_length=1)
    retention: Id
    notice: str = Field(default="", description="notice clause, e.g. 二(一)2")
    edition: Literal["buyer", "seller", "both", "staff"] = "both"
    permission: str | None = Field(default=None, description="device permission it needs, if any")


class Reduction(StrEnum):
    """What the gateway does to a field before a recipient receives it."""

    FULL = "full"
    LAST4 = "last4"
    MASK = "mask"
    REGION_ONLY = "region_only"
    KEYED_HASH = "keyed_hash"


class Recipient(Strict):
    """A third party that may receive PI: an SDK of the notice's table or a named partner."""

    id: Id
    kind: Literal["sdk", "partner", "affiliate", "promotion"]
    name: str = Field(min_length=1)
    scenario: str = Field(min_length=1)
    pi_types: str = Field(min_length=1, description="the notice's wording, verbatim")
    company: str = Field(min_length=1)
    policy_url: str = Field(default="", description="privacy-policy address, verbatim from the notice")
    region: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 country where it processes")
    purposes: tuple[Id, ...] = Field(min_length=1)
    fields: dict[Id, Reduction] = Field(description="category -> reduction applied before sending")
    aggregate_only: bool = False
    order: int = Field(default=0, description="row in the notice's table (SDKs), 0 for partners")


class Controller(Strict):
    """Who runs the platform and how to reach its PI protection officer."""

    name: str
    product: str
    address: str
    phone: str
    phone_hours: str
    email: str
    officer: str
    response_days: int = Field(ge=1, le=15)


class DataMap(Strict):
    """The whole declaration. Lookups are precomputed once after validation."""

    version: str = Field(min_length=1)
    controller: Controller
    categories: tuple[Category, ...]
    retention: tuple[Retention, ...]
    purposes: tuple[Purpose, ...]
    recipients: tuple[Recipient, ...]

    @model_validator(mode="after")
    def _references_resolve(self) -> DataMap:
        problems: list[str] = []
        for kind, entries in (
            ("category", self.categories),
            ("retention rule", self.retention),
            ("purpose", self.purposes),
            ("recipient", self.recipients),
        ):
            seen: set[str] = set()
            for entry in entries:
                if entry.id in seen:
                    problems.append(f"duplicate {kind} id {entry.id!r}")
                seen.add(entry.id)
        categories = {c.id for c in self.categories}
        retention = {r.id for r in self.retention}
        purposes = {p.id for p in self.purposes}
        for p in self.purposes:
            problems += [
                f"purpose {p.id!r} uses unknown category {c!r}" for c in p.categories if c not in categories
            ]
            if p.retention not in retention:
                problems.append(f"purpose {p.id!r} names unknown retention rule {p.retention!r}")
        for r in self.recipients:
            problems += [
                f"recipient {r.id!r} names unknown purpose {p!r}" for p in r.purposes if p not in purposes
            ]
            problems += [
                f"recipient {r.id!r} receives unknown category {c!r}" for c in r.fields if c not in categories
            ]
            used = {c for pid in r.purposes for p in self.purposes if p.id == pid for c in p.categories}
            problems += [
                f"recipient {r.id!r} receives category {c!r} that none of its purposes uses"
                for c in r.fields
                if c in categories and c not in used and not r.aggregate_only
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Lookups. cached_property writes the instance dict directly, so it works on a frozen model.
    @cached_property
    def _categories(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def _purposes(self) -> dict[str, Purpose]:
        return {p.id: p for p in self.purposes}

    @cached_property
    def _recipients(self) -> dict[str, Recipient]:
        return {r.id: r for r in self.recipients}

    @cached_property
    def _retention(self) -> dict[str, Retention]:
        return {r.id: r for r in self.retention}

    @cached_property
    def _uses(self) -> frozenset[tuple[str, str]]:
        return frozenset((p.id, c) for p in self.purposes for c in p.categories)

    def category(self, category_id: str) -> Category:
        """The category, or :class:`UnknownCategory`."""
        try:
            return self._categories[category_id]
        except KeyError:
            raise UnknownCategory(category_id) from None

    def purpose(self, purpose_id: str) -> Purpose:
        """The purpose, or :class:`UnknownPurpose`."""
        try:
            return self._purposes[purpose_id]
        except KeyError:
            raise UnknownPurpose(purpose_id) from None

    def recipient(self, recipient_id: str) -> Recipient:
        """The recipient, or :class:`UnknownRecipient`."""
        try:
            return self._recipients[recipient_id]
        except KeyError:
            raise UnknownRecipient(recipient_id) from None

    def retention_rule(self, retention_id: str) -> Retention:
        """The retention rule (ids are checked at load time)."""
        return self._retention[retention_id]

    def may_use(self, purpose_id: str, category_id: str) -> bool:
        """Whether the purpose is declared to use the category (both ids must exist)."""
        self.category(category_id)
        self.purpose(purpose_id)
        return (purpose_id, category_id) in self._uses

    def sdks(self) -> list[Recipient]:
        """The notice's third-party SDK table, in the notice's order."""
        return sorted((r for r in self.recipients if r.kind == "sdk"), key=lambda r: r.order)
