"""The shape of ``datamap.yaml``: categories, purposes, recipients and retention rules.

Pydantic validates each entry on its own; :meth:`DataMap.reference_problems` checks the
references between entries (unknown ids, duplicates, what a recipient may receive). The
loader runs those checks itself so that each message can name the entry and its YAML line;
validating a :class:`DataMap` directly (``DataMap.model_validate``) runs them too.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator

from shouyue.privacy.errors import UnknownCategory, UnknownPurpose, UnknownRecipient

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)]

# Validation context key: the loader sets it to check references itself (with line numbers).
DEFER_REFERENCES = "datamap_defer_references"

# The device permissions a purpose may need (the notice's 二(三) lists the first six).
PermissionName = Literal[
    "location",
    "camera",
    "photos",
    "microphone",
    "contacts",
    "calendar",
    "notifications",
    "phone_state",
    "app_list",
    "bluetooth",
    "clipboard",
]

RecipientKind = Literal["sdk", "partner", "affiliate", "promotion", "authority"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalBasis(StrEnum):
    CONTRACT = "contract"
    CONSENT = "consent"
    SEPARATE_CONSENT = "separate_consent"
    LEGAL_OBLIGATION = "legal_obligation"


CONSENT_BASES = frozenset({LegalBasis.CONSENT, LegalBasis.SEPARATE_CONSENT})


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
    SLOW_HASH = "slow_hash"  # one-way password hash (scrypt/argon2): verifiable, never revealed or sent
    TRANSIENT = "transient"  # never stored in a business table (e.g. an SMS code's plaintext)


# What a sensitive category may be: encrypted at rest, or never stored at all.
SENSITIVE_PROTECTIONS = frozenset({Protection.SEALED, Protection.TRANSIENT})


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
        if self.sensitive and self.protection not in SENSITIVE_PROTECTIONS:
            raise ValueError(
                f"category {self.id!r} is sensitive and may not be stored {self.protection.value}: "
                "it must be sealed (or transient, never stored)"
            )
        return self


class Retention(Strict):
    """How long a store of PI stays, counted from an event, and what happens then.

    ``days: null`` without ``minutes`` means *until the starting event* (for
    ``account_closed``: while the account exists). ``minutes`` gives a sub-day period
    instead (``0``: discarded as soon as it has been processed); ``days`` must then be null.
    """

    id: Id
    label: str = Field(min_length=1)
    days: int | None = Field(ge=1, description="None: kept until the starting event (see minutes)")
    minutes: int | None = Field(default=None, ge=0, le=1439, description="sub-day period instead of days")
    starts: Literal["collection", "transaction_completed", "account_closed", "last_activity", "withdrawal", "event"]
    action: ExpiryAction
    legal_hold: bool = Field(description="kept under the held key (legal retention) when the account closes")
    basis: str = Field(default="", description="law or reason for the period")

    @model_validator(mode="after")
    def _one_period(self) -> Retention:
        if self.minutes is not None and self.days is not None:
            raise ValueError(f"retention rule {self.id!r} gives both days and minutes; give one")
        return self

    @property
    def period(self) -> timedelta | None:
        """The length of the period; None when the store lasts until the starting event."""
        if self.minutes is not None:
            return timedelta(minutes=self.minutes)
        return None if self.days is None else timedelta(days=self.days)

    @property
    def until_event(self) -> bool:
        """True when no length is set: kept until ``starts`` happens (e.g. while the account exists)."""
        return self.days is None and self.minutes is None


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
    permission: PermissionName | None = Field(default=None, description="device permission it needs, if any")

    @model_validator(mode="after")
    def _core_needs_no_consent(self) -> Purpose:
        # P07: refusing an additional purpose never blocks a core one, so a core function may
        # not depend on a consent the subject is free to refuse, nor on a device permission.
        if self.kind is PurposeKind.CORE and self.basis in CONSENT_BASES:
            raise ValueError(
                f"purpose {self.id!r} is core but rests on {self.basis.value}: "
                "a purpose the subject may refuse must be additional"
            )
        if self.kind is PurposeKind.CORE and self.permission is not None:
            raise ValueError(
                f"purpose {self.id!r} is core but needs the {self.permission} permission: "
                "a purpose behind a device permission must be additional"
            )
        return self


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
    kind: RecipientKind
    name: str = Field(min_length=1)
    scenario: str = Field(min_length=1)
    pi_types: str = Field(min_length=1, description="the notice's wording, verbatim")
    company: str = Field(min_length=1)
    policy_url: str = Field(default="", description="privacy-policy address, verbatim from the notice")
    region: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 country where it processes")
    purposes: tuple[Id, ...] = Field(min_length=1)
    fields: dict[Id, Reduction] = Field(description="category -> reduction applied before sending")
    aggregate_only: bool = False
    order: int = Field(default=0, ge=0, description="row in the notice's table (SDKs), 0 for partners")

    @model_validator(mode="after")
    def _kind_fits(self) -> Recipient:
        if self.kind == "sdk" and (self.order < 1 or not self.policy_url):
            raise ValueError(
                f"recipient {self.id!r} is an SDK: it needs its row number in the notice's table "
                "(order >= 1) and its privacy-policy address"
            )
        if self.kind != "sdk" and self.order != 0:
            raise ValueError(f"recipient {self.id!r} is not an SDK: its order must be 0")
        if (self.kind == "promotion") != self.aggregate_only:
            raise ValueError(
                f"recipient {self.id!r}: promotion clients, and only they, are aggregate_only "
                "(they receive statistics, never rows of PI)"
            )
        return self


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


class Problem(NamedTuple):
    """One broken reference: where it is (a path into the YAML document) and what is wrong.

    ``first`` points at the earlier entry a duplicate repeats."""

    loc: tuple[str | int, ...]
    message: str
    first: tuple[str | int, ...] | None = None

    def text(self) -> str:
        """The message on its own, pointing at ``first`` by its index in the document."""
        if self.first is None:
            return self.message
        section, index = self.first[0], self.first[1]
        return f"{self.message} (first as {section}[{index}])"


class DataMap(Strict):
    """The whole declaration. Lookups are precomputed once after validation."""

    version: str = Field(min_length=1)
    controller: Controller
    categories: tuple[Category, ...]
    retention: tuple[Retention, ...]
    purposes: tuple[Purpose, ...]
    recipients: tuple[Recipient, ...]

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> DataMap:
        context: Any = info.context
        if isinstance(context, dict) and context.get(DEFER_REFERENCES):
            return self
        problems = self.reference_problems()
        if problems:
            raise ValueError("; ".join(p.text() for p in problems))
        return self

    def reference_problems(self) -> list[Problem]:
        """Every reference between entries that does not hold, each with its path in the document."""
        problems = self._duplicates()
        categories = {c.id: c for c in self.categories}
        retention = {r.id for r in self.retention}
        purposes = {p.id: p for p in self.purposes}
        for i, p in enumerate(self.purposes):
            problems += [
                Problem(("purposes", i, "categories", j), f"purpose {p.id!r} uses unknown category {c!r}")
                for j, c in enumerate(p.categories)
                if c not in categories
            ]
            if p.basis is LegalBasis.CONSENT:
                # PIPL art. 29: consent to process sensitive PI must be separate (P82).
                problems += [
                    Problem(
                        ("purposes", i, "categories", j),
                        f"purpose {p.id!r} uses sensitive category {c!r} on plain consent: it needs separate_consent",
                    )
                    for j, c in enumerate(p.categories)
                    if c in categories and categories[c].sensitive
                ]
            if p.retention not in retention:
                problems.append(
                    Problem(
                        ("purposes", i, "retention"), f"purpose {p.id!r} names unknown retention rule {p.retention!r}"
                    )
                )
        for i, r in enumerate(self.recipients):
            problems += [
                Problem(("recipients", i, "purposes", j), f"recipient {r.id!r} names unknown purpose {p!r}")
                for j, p in enumerate(r.purposes)
                if p not in purposes
            ]
            # With a purpose unknown, "no purpose uses this field" would only repeat that problem.
            purposes_known = all(pid in purposes for pid in r.purposes)
            used = {c for pid in r.purposes if pid in purposes for c in purposes[pid].categories}
            for c, reduction in r.fields.items():
                loc = ("recipients", i, "fields", c)
                if c not in categories:
                    problems.append(Problem(loc, f"recipient {r.id!r} receives unknown category {c!r}"))
                    continue
                if c not in used and purposes_known and not r.aggregate_only:
                    problems.append(
                        Problem(loc, f"recipient {r.id!r} receives category {c!r} that none of its purposes uses")
                    )
                problem = _reduction_problem(categories[c], reduction)
                if problem:
                    problems.append(Problem(loc, f"recipient {r.id!r} receives {c!r} {reduction.value}: {problem}"))
        problems += self._sdk_rows()
        return problems

    def _duplicates(self) -> list[Problem]:
        problems: list[Problem] = []
        sections: tuple[tuple[str, str, tuple[str, ...]], ...] = (
            ("categories", "category", tuple(c.id for c in self.categories)),
            ("retention", "retention rule", tuple(r.id for r in self.retention)),
            ("purposes", "purpose", tuple(p.id for p in self.purposes)),
            ("recipients", "recipient", tuple(r.id for r in self.recipients)),
        )
        for section, kind, ids in sections:
            first: dict[str, int] = {}
            for i, ident in enumerate(ids):
                if ident in first:
                    problems.append(
                        Problem((section, i, "id"), f"{kind} {ident!r} is declared twice", (section, first[ident]))
                    )
                first.setdefault(ident, i)
        return problems

    def _sdk_rows(self) -> list[Problem]:
        rows: dict[int, str] = {}
        problems: list[Problem] = []
        for i, r in enumerate(self.recipients):
            if r.kind != "sdk":
                continue
            if r.order in rows:
                problems.append(
                    Problem(
                        ("recipients", i, "order"),
                        f"recipient {r.id!r} takes row {r.order} of the SDK table, already {rows[r.order]!r}'s",
                    )
                )
            rows.setdefault(r.order, r.id)
        missing = sorted(set(range(1, len(rows) + 1)) - set(rows))
        if missing:
            problems.append(Problem(("recipients",), f"the SDK table skips row(s) {missing}: number them 1..n"))
        return problems

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


def _reduction_problem(category: Category, reduction: Reduction) -> str:
    """Why ``reduction`` cannot be applied to what is stored for ``category`` ('' when it can)."""
    if category.protection is Protection.SLOW_HASH:
        return "a password hash never leaves the platform"
    if category.protection is Protection.KEYED_HASH and reduction is not Reduction.KEYED_HASH:
        return "it is stored only as a keyed hash, so it can only be sent as keyed_hash"
    return ""
