"""Health checks."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import NoticeDocument
from shouyue.web.system.schemas import HealthRead

logger = logging.getLogger("shouyue.web")


def database_reachable(*, session: Session) -> bool:
    """Whether the database answers ``SELECT 1``."""
    try:
        session.execute(text("SELECT 1")).scalar_one()
    except SQLAlchemyError as exc:
        logger.warning("health: database unreachable (%s)", type(exc).__name__)
        return False
    return True


def get_health(*, session: Session, datamap: DataMap, notice: NoticeDocument) -> HealthRead:
    """The state of the process: database, data map and notice versions."""
    database_ok = database_reachable(session=session)
    return HealthRead(
        status="ok" if database_ok else "degraded",
        database="ok" if database_ok else "unavailable",
        datamap_version=datamap.version,
        notice_version=notice.fingerprint[:16],
        published_notice_version=_published_version(session) if database_ok else None,
    )


def _published_version(session: Session) -> str | None:
    from shouyue.privacy.notice import versions

    latest = versions.latest(session=session)
    return None if latest is None else latest.version
