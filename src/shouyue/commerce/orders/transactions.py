"""The unit of work of a commerce request (addresses, cart, orders): commit on success, roll back
on any refusal, so a refused request leaves nothing half-written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def unit_of_work(session: Session) -> Iterator[None]:
    """Commit what the block did, or roll all of it back if it raised."""
    try:
        yield
    except BaseException:
        session.rollback()
        raise
    session.commit()
