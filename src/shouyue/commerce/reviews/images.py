"""Review photos: checked by their magic bytes, stored under the upload directory with random
names, and served only once they belong to a published review (or to their own uploader)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.reviews.exceptions import ImageNotFound, ImagesUnavailable, InvalidImage, TooManyImages
from shouyue.commerce.reviews.models import ReviewImage

MAX_IMAGES = 6
MAX_IMAGE_BYTES = 2 * 1024 * 1024
SUBDIR = "reviews"
_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def image_kind(data: bytes) -> str | None:
    """``png`` or ``jpg`` by the file's magic bytes (whatever its name or declared type), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def directory(upload_dir: Path) -> Path:
    return upload_dir / SUBDIR


def check(data: bytes) -> str:
    """The photo's kind (``png`` or ``jpg``); ``InvalidImage`` for anything else or anything too big."""
    kind = image_kind(data)
    if kind is None or len(data) > MAX_IMAGE_BYTES:
        raise InvalidImage(MAX_IMAGE_BYTES // (1024 * 1024))
    return kind


def store(*, session: Session, owner_id: str, data: bytes, upload_dir: Path, now: datetime) -> ReviewImage:
    """Write one uploaded photo under a random name and record it, not yet attached to a review.

    The file exists before the transaction commits: a caller that rolls back calls
    :func:`remove_files` with the names it stored."""
    kind = check(data)
    name = f"{secrets.token_hex(16)}.{kind}"
    folder = directory(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    image = ReviewImage(
        owner_id=owner_id, file_name=name, media_type=_TYPES[kind], size_bytes=len(data), uploaded_at=now
    )
    session.add(image)
    session.flush()
    return image


def claim(*, session: Session, owner_id: str, image_ids: list[int]) -> list[ReviewImage]:
    """The owner's unattached uploads with these ids, in the given order; refuses any other."""
    wanted = list(dict.fromkeys(image_ids))
    if len(wanted) > MAX_IMAGES:
        raise TooManyImages(MAX_IMAGES)
    if not wanted:
        return []
    found = {
        row.id: row
        for row in session.scalars(
            select(ReviewImage)
            .where(ReviewImage.id.in_(wanted), ReviewImage.owner_id == owner_id, ReviewImage.review_id.is_(None))
            .with_for_update()
        )
    }
    if len(found) != len(wanted):
        raise ImagesUnavailable()
    return [found[i] for i in wanted]


def file_of(*, image: ReviewImage, upload_dir: Path) -> tuple[Path, str]:
    path = directory(upload_dir) / Path(image.file_name).name
    if not path.is_file():
        raise ImageNotFound()
    return path, image.media_type


def remove_files(*, upload_dir: Path, names: list[str]) -> None:
    """Delete photo files no longer referenced (after the deleting change committed, or after a
    rollback of the upload that wrote them)."""
    for name in names:
        (directory(upload_dir) / Path(name).name).unlink(missing_ok=True)


UNUSED_UPLOAD_DAYS = 7  # retention rule media.uploads: an upload no review uses goes after 7 days


def purge_unused(*, session: Session, upload_dir: Path, now: datetime, batch: int = 200) -> list[str]:
    """Delete up to ``batch`` uploads older than the media.uploads retention that no review uses;
    returns their file names, to remove after the commit. Run again until it returns nothing."""
    cutoff = now - timedelta(days=UNUSED_UPLOAD_DAYS)
    stale = list(
        session.scalars(
            select(ReviewImage)
            .where(ReviewImage.review_id.is_(None), ReviewImage.uploaded_at < cutoff)
            .order_by(ReviewImage.id)
            .limit(batch)
        )
    )
    for image in stale:
        session.delete(image)
    session.flush()
    return [image.file_name for image in stale]
