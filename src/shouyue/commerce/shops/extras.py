"""Giving, changing and clearing the optional shop-management extras (P13): phone, business and
shipping address (sealed, shown masked) and the licence and qualification files (sealed whole).

Giving any extra is processing for 店铺管理 (``seller.shop_management``), an additional purpose:
the first time, the seller ticks its own consent on the form (never pre-ticked, never bundled).
Clearing never needs consent. Not giving an extra turns off only the features that need it
(``service.FEATURES``).
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime

import phonenumbers
from phonenumbers import NumberParseException
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.shops.exceptions import (
    DocumentNotFound,
    InvalidAddress,
    InvalidDocument,
    InvalidShopPhone,
    ShopManagementConsentRequired,
)
from shouyue.commerce.shops.models import DocumentKind, Shop, ShopDocument
from shouyue.commerce.shops.service import EXTRA_LABELS, MANAGEMENT_PURPOSE, Extra
from shouyue.privacy import consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import Channel
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import versions
from shouyue.privacy.vault import Vault, reveal

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
ADDRESS_MIN = 5
ADDRESS_MAX = 120
TEXT_EXTRAS = (Extra.PHONE, Extra.BUSINESS_ADDRESS, Extra.SHIPPING_ADDRESS)
_CATEGORY = {
    Extra.PHONE: "shop.phone",
    Extra.BUSINESS_ADDRESS: "shop.business_address",
    Extra.SHIPPING_ADDRESS: "shop.shipping_address",
}
MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "pdf": "application/pdf"}
_PHONE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
)
_PHONE_CHARS = re.compile(r"[0-9+\-\s()]+")


def _ensure_consent(*, session: Session, datamap: DataMap, shop: Shop, agree: bool, channel: Channel) -> None:
    """Pass if the owner agrees to 店铺管理; record the agreement if they tick it now; else refuse."""
    try:
        consent.require(session=session, subject_id=shop.owner_id, purpose=MANAGEMENT_PURPOSE, datamap=datamap)
        return
    except consent.ConsentRequired:
        if not agree:
            raise ShopManagementConsentRequired() from None
    latest = versions.latest_version(session=session)
    if latest is None:
        raise versions.NoticeNotPublished()
    consent.grant(
        session=session,
        subject_id=shop.owner_id,
        purpose=MANAGEMENT_PURPOSE,
        notice_version=latest,
        channel=channel,
        datamap=datamap,
        evidence="shop-management-form",
    )


def parse_shop_phone(value: str) -> str:
    """A mainland mobile or fixed-line number with its area code, as national digits."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text or len(text) > 20 or not _PHONE_CHARS.fullmatch(text):
        raise InvalidShopPhone()
    try:
        number = phonenumbers.parse(text, "CN")
    except NumberParseException:
        raise InvalidShopPhone() from None
    kind = phonenumbers.number_type(number)
    if number.country_code != 86 or not phonenumbers.is_valid_number(number) or kind not in _PHONE_TYPES:
        raise InvalidShopPhone()
    national = str(number.national_number)
    # A fixed line keeps its trunk 0 (Beijing's area code 10 would otherwise read like a mobile).
    return national if kind == phonenumbers.PhoneNumberType.MOBILE else "0" + national


def parse_address(value: str, *, extra: Extra) -> str:
    """An address in one line: 5 to 120 printable characters, spaces tidied."""
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not ADDRESS_MIN <= len(text) <= ADDRESS_MAX or not text.isprintable():
        raise InvalidAddress(EXTRA_LABELS[extra])
    return text


def _clean(extra: Extra, value: str) -> str:
    return parse_shop_phone(value) if extra is Extra.PHONE else parse_address(value, extra=extra)


def update_text_extras(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    shop: Shop,
    changes: Mapping[str, str | None],
    agree: bool,
    channel: Channel,
) -> Shop:
    """Set (sealed) or clear (None or empty) the shop's phone and addresses; setting needs 店铺管理."""
    cleaned: dict[Extra, str | None] = {}
    for name, value in changes.items():
        extra = Extra(name)
        if extra not in TEXT_EXTRAS:
            raise ValueError(f"{name} is not a text extra")
        cleaned[extra] = _clean(extra, value) if value and value.strip() else None
    if any(value is not None for value in cleaned.values()):
        _ensure_consent(session=session, datamap=datamap, shop=shop, agree=agree, channel=channel)
    for extra, value in cleaned.items():
        sealed = None if value is None else vault.seal(value, category=_CATEGORY[extra], subject_id=shop.owner_id)
        setattr(shop, extra.value, sealed)
    session.flush()
    return shop


def document_kind(data: bytes) -> str | None:
    """``png``, ``jpeg`` or ``pdf`` by the file's magic bytes, else None (the name and the declared
    type are not trusted)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


def set_document(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    shop: Shop,
    kind: DocumentKind,
    data: bytes,
    agree: bool,
    channel: Channel,
    now: datetime,
) -> ShopDocument:
    """Store (or replace) the shop's licence or qualification file, sealed whole."""
    file_type = document_kind(data)
    if file_type is None or len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidDocument()
    _ensure_consent(session=session, datamap=datamap, shop=shop, agree=agree, channel=channel)
    category = f"shop.{kind.value}"
    sealed = vault.seal(base64.b64encode(data).decode("ascii"), category=category, subject_id=shop.owner_id)
    row = _document(session=session, shop=shop, kind=kind)
    if row is None:
        row = ShopDocument(shop_id=shop.id, owner_id=shop.owner_id, kind=kind.value)
        session.add(row)
    setattr(row, kind.value, sealed)
    row.media_type = MEDIA_TYPES[file_type]
    row.size_bytes = len(data)
    row.uploaded_at = now
    session.flush()
    return row


def _document(*, session: Session, shop: Shop, kind: DocumentKind) -> ShopDocument | None:
    return session.scalar(select(ShopDocument).where(ShopDocument.shop_id == shop.id, ShopDocument.kind == kind.value))


def remove_document(*, session: Session, shop: Shop, kind: DocumentKind) -> None:
    """Delete the shop's licence or qualification file."""
    row = _document(session=session, shop=shop, kind=kind)
    if row is None:
        raise DocumentNotFound(EXTRA_LABELS[Extra(kind.value)])
    session.delete(row)
    session.flush()


def read_document(*, session: Session, shop: Shop, kind: DocumentKind) -> tuple[bytes, str]:
    """The owner's own file and its media type (opened for the owner, under 店铺管理)."""
    row = _document(session=session, shop=shop, kind=kind)
    sealed = None if row is None else getattr(row, kind.value)
    if row is None or sealed is None:
        raise DocumentNotFound(EXTRA_LABELS[Extra(kind.value)])
    text = reveal(session, sealed, purpose=MANAGEMENT_PURPOSE, actor=Actor(kind="subject", id=shop.owner_id))
    return base64.b64decode(text), row.media_type
