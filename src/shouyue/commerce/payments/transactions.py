"""The unit of work of a payments request: commit on success; on a refusal, commit only what the
service recorded on purpose before refusing (a declined attempt, a wrong code try), else roll back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from shouyue.commerce.payments.exceptions import PaymentsError


@contextmanager
def unit_of_work(session: Session) -> Iterator[None]:
    try:
        yield
    except PaymentsError as exc:
        if exc.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    session.commit()
