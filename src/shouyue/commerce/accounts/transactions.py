"""The unit of work of an accounts request: commit on success; on a refusal, commit only what
the service deliberately recorded before refusing (a wrong code counts a try), else roll back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from shouyue.commerce.accounts.exceptions import AccountsError


@contextmanager
def unit_of_work(session: Session) -> Iterator[None]:
    try:
        yield
    except AccountsError as exc:
        if exc.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    session.commit()
