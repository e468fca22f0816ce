"""Work that runs outside a request: announcing a published notice version to every account.

``shouyue notice publish`` calls :func:`announce_notice_version` after the publication has
committed (``shouyue.commands.notice.on_published``). Each batch commits on its own, so a large
platform is notified without one huge transaction, and a retried run resumes without duplicates.
"""

from __future__ import annotations

from datetime import UTC, datetime

from shouyue.commerce.notifications import service
from shouyue.db import session_scope
from shouyue.privacy.notice import versions


def announce_notice_version(version: str) -> None:
    """The ``on_published`` hook of ``shouyue notice publish``."""
    announce(version)


def announce(version: str, *, batch_size: int = service.BATCH_SIZE) -> int:
    """Send every active account the in-app message for ``version``; returns how many were written."""
    with session_scope() as session:
        draft = service.notice_draft(versions.get_or_raise(session=session, version=version))
    now = datetime.now(UTC)
    after: str | None = None
    written = 0
    while True:
        with session_scope() as session:
            batch = service.address_batch(session=session, draft=draft, now=now, after=after, limit=batch_size)
        written += batch.written
        if batch.last_id is None:
            return written
        after = batch.last_id
