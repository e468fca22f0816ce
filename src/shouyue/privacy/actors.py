"""Who does something to PI: the subject, a staff member, the system, or a recipient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ActorKind = Literal["subject", "staff", "system", "recipient"]


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor named in audit entries; ``role`` is set for staff (e.g. ``customer_service``)."""

    kind: ActorKind
    id: str
    role: str | None = None

    @classmethod
    def system(cls, name: str = "shouyue") -> Actor:
        return cls(kind="system", id=name)

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"
