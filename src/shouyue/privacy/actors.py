"""Who does something to PI: the subject, a staff member, a merchant (a seller handling the
subject's order, P05), the system, or a recipient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ActorKind = Literal["subject", "staff", "merchant", "system", "recipient"]


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

    @property
    def sees_others_pi(self) -> bool:
        """Staff and merchants see other people's PI: each such reveal is audited."""
        return self.kind in ("staff", "merchant")
