"""The one way PI leaves the platform (architecture rule 2; P38, P39, P41, P42, P70).

``disclose`` checks the recipient and purpose against the data map, refuses transfers abroad,
strips every field the recipient is not declared for, applies the declared reduction, logs one
row per subject and an audit entry, and returns the :class:`Disclosure` that a provider accepts.
Providers take a ``Disclosure``, never raw values, so they cannot be handed more than this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway.exceptions import (
    AggregateOnly,
    CrossBorderRefused,
    NothingDeclared,
    PurposeNotDeclaredForRecipient,
)
from shouyue.privacy.gateway.models import DisclosureRecord
from shouyue.privacy.gateway.reductions import KeyedHasher, reduce_value

HOME_REGION = "CN"
DISCLOSED_ACTION = "pi.disclosed"


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What one recipient receives about one subject, already stripped and reduced."""

    id: int
    recipient: str
    purpose: str
    subject_id: str
    fields: Mapping[str, str] = field(repr=False)  # category -> value as sent; repr hides the values

    def __getitem__(self, category: str) -> str:
        return self.fields[category]


def disclose(
    *,
    session: Session,
    datamap: DataMap,
    recipient: str,
    purpose: str,
    subject_id: str,
    fields: Mapping[str, str],
    actor: Actor,
    keyed_hash: KeyedHasher | None = None,
    now: datetime | None = None,
) -> Disclosure:
    """Hand ``fields`` (category -> plaintext) about ``subject_id`` to ``recipient`` for ``purpose``,
    keeping only what the data map declares; logged and audited; the caller commits."""
    target = datamap.recipient(recipient)
    datamap.purpose(purpose)
    for category in fields:
        datamap.category(category)
    if purpose not in target.purposes:
        raise PurposeNotDeclaredForRecipient(target.name, datamap.purpose(purpose).label)
    if target.aggregate_only:
        raise AggregateOnly(target.name)
    if target.region != HOME_REGION:
        # No separate-consent-and-assessment path exists yet, so every transfer abroad is refused.
        raise CrossBorderRefused(target.name, target.region)
    sent: dict[str, str] = {}
    applied: dict[str, str] = {}
    for category, value in fields.items():
        reduction = target.fields.get(category)
        if reduction is None:
            continue
        rule = datamap.category(category).mask.value
        sent[category] = reduce_value(reduction, value, category=category, mask_rule=rule, keyed_hash=keyed_hash)
        applied[category] = reduction.value
    if not sent:
        raise NothingDeclared(target.name)
    stripped = sorted(set(fields) - set(sent))
    record = DisclosureRecord(
        at=now or datetime.now(UTC),
        subject_id=subject_id,
        recipient=recipient,
        purpose=purpose,
        region=target.region,
        sent=applied,
        stripped=stripped,
        actor_kind=actor.kind,
        actor_id=actor.id,
    )
    session.add(record)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action=DISCLOSED_ACTION,
        subject_id=subject_id,
        purpose=purpose,
        categories=sorted(sent),
        refs={"recipient": recipient, "disclosure": record.id},
    )
    return Disclosure(
        id=record.id, recipient=recipient, purpose=purpose, subject_id=subject_id, fields=MappingProxyType(sent)
    )


def shared_with(*, session: Session, subject_id: str) -> list[DisclosureRecord]:
    """Every disclosure about ``subject_id``, oldest first (the per-subject "shared with" list)."""
    rows = session.scalars(
        select(DisclosureRecord).where(DisclosureRecord.subject_id == subject_id).order_by(DisclosureRecord.id)
    )
    return list(rows)
