"""Dependencies shared by routes: ``SessionDep``, ``DataMapDep``, ``NoticeDep``.

Tests override :func:`get_session` and :func:`get_live_datamap` through
``app.dependency_overrides``; nothing else reaches the database or the data map directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from shouyue.db import get_sessionmaker
from shouyue.engine import get_datamap
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import NoticeDocument
from shouyue.web.public.service import notice_document


def get_session() -> Iterator[Session]:
    """One session per request. The route owns the transaction: it commits what it means to keep;
    closing the session rolls back anything left uncommitted (also after an error)."""
    session = get_sessionmaker()()
    try:
        yield session
    finally:
        session.close()


def get_live_datamap() -> DataMap:
    """The data map this process enforces."""
    return get_datamap()


SessionDep = Annotated[Session, Depends(get_session)]
DataMapDep = Annotated[DataMap, Depends(get_live_datamap)]


def get_notice(datamap: DataMapDep) -> NoticeDocument:
    """The notice rendered from the request's data map (the page and the API share it)."""
    return notice_document(datamap=datamap)


NoticeDep = Annotated[NoticeDocument, Depends(get_notice)]
