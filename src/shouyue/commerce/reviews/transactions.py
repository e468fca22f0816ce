"""The unit of work of a review request: commit on success, roll back on any refusal, and remove
the photo files a rolled-back request had already written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from shouyue.commerce.reviews.images import remove_files


@contextmanager
def unit_of_work(
    session: Session, *, upload_dir: Path | None = None, written: list[str] | None = None
) -> Iterator[None]:
    """``written`` collects the names of files stored during the block; they go on a rollback."""
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        if upload_dir is not None and written:
            remove_files(upload_dir=upload_dir, names=written)
        raise
