"""Plumbing shared by the address, cart, checkout and order pages: running one service call as a
unit of work and getting the refusal back to show on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from shouyue.commerce.errors import CommerceError
from shouyue.commerce.identity.exceptions import IdentityError
from shouyue.commerce.orders.transactions import unit_of_work

T = TypeVar("T")
Refusal = CommerceError | IdentityError


def attempt(session: Session, action: Callable[[], T]) -> T | Refusal:
    """Run ``action`` as one unit of work; a refusal comes back (rolled back) to be shown."""
    try:
        with unit_of_work(session):
            return action()
    except (CommerceError, IdentityError) as exc:
        return exc


def status_of(refusal: Refusal) -> int:
    return int(refusal.status_code)


def form_bool(value: str | None) -> bool:
    """A checkbox: present (any of the usual values) means ticked."""
    return (value or "").lower() in {"1", "true", "on", "yes"}
