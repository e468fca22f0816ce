"""Product photos: PNG or JPEG recognised by their magic bytes (never by the name or the declared
type), at most 2 MB, stored under the upload directory with a random name, first one the cover."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.exceptions import ImageNotFound, InvalidImage, TooManyImages
from shouyue.commerce.catalog.models import Product, ProductImage

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGES = 9
IMAGE_DIR = "products"
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg"}
_FILE_NAME = re.compile(r"[0-9a-f]{32}\.(png|jpg)")


def image_url(file_name: str) -> str:
    """The address a page or the API uses for a product photo."""
    return f"/images/products/{file_name}"


def image_kind(data: bytes) -> str | None:
    """``png`` or ``jpg`` by the file's magic bytes, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def add_image(*, session: Session, product: Product, data: bytes, upload_dir: Path, now: datetime) -> ProductImage:
    """Store a photo of ``product`` (the caller commits; on failure it calls :func:`discard`)."""
    kind = image_kind(data)
    if kind is None or len(data) > MAX_IMAGE_BYTES:
        raise InvalidImage()
    count, last = session.execute(
        select(func.count(ProductImage.id), func.max(ProductImage.position)).where(
            ProductImage.product_id == product.id
        )
    ).one()
    if count >= MAX_IMAGES:
        raise TooManyImages(MAX_IMAGES)
    name = f"{secrets.token_hex(16)}.{kind}"
    folder = upload_dir / IMAGE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    image = ProductImage(product_id=product.id, file_name=name, position=(last or 0) + 1, created_at=now)
    session.add(image)
    try:
        session.flush()
    except BaseException:
        discard(upload_dir=upload_dir, file_name=name)
        raise
    return image


def images_of(*, session: Session, product_id: int) -> list[ProductImage]:
    """The product's photos, cover first."""
    return list(
        session.scalars(
            select(ProductImage)
            .where(ProductImage.product_id == product_id)
            .order_by(ProductImage.position, ProductImage.id)
        )
    )


def remove_image(*, session: Session, product: Product, image_id: int) -> str:
    """Delete one photo of ``product``; returns the file name to remove after the commit."""
    image = session.scalar(
        select(ProductImage).where(ProductImage.id == image_id, ProductImage.product_id == product.id)
    )
    if image is None:
        raise ImageNotFound()
    session.delete(image)
    session.flush()
    return image.file_name


def image_file(*, upload_dir: Path, file_name: str) -> tuple[Path, str]:
    """The stored file behind an image address and its media type (only names we generated)."""
    if not _FILE_NAME.fullmatch(file_name):
        raise ImageNotFound()
    path = upload_dir / IMAGE_DIR / file_name
    if not path.is_file():
        raise ImageNotFound()
    return path, MEDIA_TYPES[file_name.rsplit(".", 1)[1]]


def discard(*, upload_dir: Path, file_name: str) -> None:
    """Remove a stored photo file (after its row is gone, or when its row was never kept)."""
    if _FILE_NAME.fullmatch(file_name):
        (upload_dir / IMAGE_DIR / file_name).unlink(missing_ok=True)
