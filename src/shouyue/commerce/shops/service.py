"""Opening a shop (P12) and what other domains ask of a shop (P13).

A shop opens only when the account has a real-name verification, a bank card on file, an avatar
and a valid, free shop name; the refusal lists everything still missing at once. Buying never
needs any of this: nothing here is called on a buyer's path.

For other domains: :func:`shop_of`, :func:`shipping_address_of`, :func:`require_feature`,
:func:`may_list_in` and :func:`ensure_may_list_in`. A shop extra counts only while it is present
*and* the owner still agrees to 店铺管理 (``seller.shop_management``): a withdrawn consent turns
the feature off at once, before any sweep deletes the data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account
from shouyue.commerce.identity import service as identity
from shouyue.commerce.shops import cards
from shouyue.commerce.shops.exceptions import (
    CardInUse,
    FeatureUnavailable,
    InvalidShopKind,
    InvalidShopName,
    OnboardingIncomplete,
    QualificationRequired,
    ShopAlreadyOpen,
    ShopNameTaken,
    ShopNotFound,
)
from shouyue.commerce.shops.models import (
    SHOP_NAME_LENGTH,
    DocumentKind,
    SellerBankCard,
    Shop,
    ShopDocument,
    ShopKind,
)
from shouyue.privacy import consent
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.vault import Sealed, Vault

CREATE_PURPOSE = "seller.shop_create"
MANAGEMENT_PURPOSE = "seller.shop_management"
SHOP_NAME_MIN = 2

# --- onboarding ----------------------------------------------------------------------------------


class Requirement(StrEnum):
    """What an account needs before it may open a shop (P12), in the order the checklist shows."""

    REAL_NAME = "real_name"
    BANK_CARD = "bank_card"
    BRANCH = "bank_branch"
    AVATAR = "avatar"
    SHOP_NAME = "shop_name"


REQUIREMENT_LABELS: dict[Requirement, str] = {
    Requirement.REAL_NAME: "实名认证（真实姓名和身份证号码）",
    Requirement.BANK_CARD: "银行卡",
    Requirement.BRANCH: "开户支行全称（企业店铺）",
    Requirement.AVATAR: "头像",
    Requirement.SHOP_NAME: "店铺名称",
}


@dataclass(frozen=True, slots=True)
class Onboarding:
    """Where an account stands on the way to a shop: each requirement done or not."""

    kind: ShopKind
    done: dict[Requirement, bool]
    bank_card: SellerBankCard | None
    shop: Shop | None

    @property
    def missing(self) -> list[Requirement]:
        return [r for r, ok in self.done.items() if not ok]

    @property
    def missing_labels(self) -> list[str]:
        return [REQUIREMENT_LABELS[r] for r in self.missing]

    @property
    def ready(self) -> bool:
        """Everything but the shop name (which the creation form itself carries) is in place."""
        return all(ok for r, ok in self.done.items() if r is not Requirement.SHOP_NAME)


def parse_kind(value: str | ShopKind) -> ShopKind:
    """A shop kind; raises ``InvalidShopKind``."""
    try:
        return ShopKind(value)
    except ValueError:
        raise InvalidShopKind() from None


def clean_shop_name(value: str | None) -> str | None:
    """The shop name trimmed (inner runs of spaces collapsed, full-width folded); None when empty.
    Raises ``InvalidShopName`` for a name of the wrong length or with control characters."""
    if value is None:
        return None
    name = " ".join(unicodedata.normalize("NFKC", value).split())
    if not name:
        return None
    if not SHOP_NAME_MIN <= len(name) <= SHOP_NAME_LENGTH or not name.isprintable():
        raise InvalidShopName()
    return name


def shop_of(*, session: Session, owner_id: str) -> Shop | None:
    """The shop ``owner_id`` opened, or None."""
    return session.scalar(select(Shop).where(Shop.owner_id == owner_id))


def get_own_or_raise(*, session: Session, owner_id: str) -> Shop:
    """The caller's own shop; raises ``ShopNotFound`` (another account's shop is never reachable)."""
    shop = shop_of(session=session, owner_id=owner_id)
    if shop is None:
        raise ShopNotFound()
    return shop


def bank_card_of(*, session: Session, account_id: str) -> SellerBankCard | None:
    """The bank card the account gave for opening a shop, or None."""
    return session.get(SellerBankCard, account_id)


def onboarding(
    *, session: Session, account: Account, kind: ShopKind = ShopKind.PERSONAL, name: str | None = None
) -> Onboarding:
    """Each requirement of opening a ``kind`` shop, done or not (``name`` is the one proposed)."""
    card = bank_card_of(session=session, account_id=account.id)
    done = {
        Requirement.REAL_NAME: identity.get_real_name(session=session, account_id=account.id) is not None,
        Requirement.BANK_CARD: card is not None,
        Requirement.AVATAR: account.avatar is not None,
        Requirement.SHOP_NAME: bool(name),
    }
    if kind is ShopKind.ENTERPRISE:
        done[Requirement.BRANCH] = card is not None and card.branch_name is not None
    ordered = {r: done[r] for r in Requirement if r in done}
    return Onboarding(kind=kind, done=ordered, bank_card=card, shop=shop_of(session=session, owner_id=account.id))


def set_bank_card(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    account: Account,
    card_number: str,
    bank_name: str,
    branch_name: str | None,
    now: datetime,
) -> SellerBankCard:
    """Put the account's card for opening a shop on file (or replace it): Luhn-checked, sealed
    under the account's key, one card per seller across the platform."""
    consent.require(session=session, subject_id=account.id, purpose=CREATE_PURPOSE, datamap=datamap)
    details = cards.parse_card(
        card_number=card_number, bank_name=bank_name, branch_name=branch_name, kind=ShopKind.PERSONAL
    )
    index = vault.blind_index(details.number, category="finance.bank_card")
    holder = session.scalar(select(SellerBankCard.account_id).where(SellerBankCard.card_number_index == index))
    if holder is not None and holder != account.id:
        raise CardInUse()
    sealed = vault.seal(details.number, category="finance.bank_card", subject_id=account.id, lookup=True)
    card = bank_card_of(session=session, account_id=account.id)
    if card is None:
        card = SellerBankCard(account_id=account.id)
        session.add(card)
    card.card_number = sealed
    card.bank_name = details.bank_name
    card.branch_name = details.branch_name
    card.updated_at = now
    try:
        session.flush()
    except IntegrityError:  # another account put the same card on file at the same moment
        raise CardInUse() from None
    return card


def create_shop(
    *, session: Session, datamap: DataMap, account: Account, name: str | None, kind: str | ShopKind, now: datetime
) -> Shop:
    """Open the account's shop, or refuse listing every requirement still missing (P12)."""
    shop_kind = parse_kind(kind)
    if shop_of(session=session, owner_id=account.id) is not None:
        raise ShopAlreadyOpen()
    identity.ensure_can_transact(session=session, account_id=account.id, today=identity.china_today(now))
    consent.require(session=session, subject_id=account.id, purpose=CREATE_PURPOSE, datamap=datamap)
    cleaned = clean_shop_name(name)
    status = onboarding(session=session, account=account, kind=shop_kind, name=cleaned)
    if status.missing or cleaned is None:
        raise OnboardingIncomplete(status.missing_labels)
    if _name_taken(session, cleaned):
        raise ShopNameTaken()
    shop = Shop(owner_id=account.id, name=cleaned, kind=shop_kind.value, description="", created_at=now)
    session.add(shop)
    try:
        session.flush()
    except IntegrityError:  # the same name or a second shop, committed by a racing request
        raise ShopNameTaken() from None
    return shop


def _name_taken(session: Session, name: str) -> bool:
    return session.scalar(select(func.count()).select_from(Shop).where(Shop.name == name)) != 0


# --- shop extras and the features they enable (P13) -----------------------------------------------


class Feature(StrEnum):
    """A shop feature that needs one or more optional extras."""

    CONTACT_PHONE = "contact_phone"
    BUSINESS_ADDRESS = "business_address"
    SHIP = "ship"
    REGULATED_LISTING = "regulated_listing"


class Extra(StrEnum):
    """An optional shop-management extra (seller.shop_management)."""

    PHONE = "phone"
    BUSINESS_ADDRESS = "business_address"
    SHIPPING_ADDRESS = "shipping_address"
    LICENCE = "licence"
    QUALIFICATION = "qualification"


EXTRA_LABELS: dict[Extra, str] = {
    Extra.PHONE: "店铺联系电话",
    Extra.BUSINESS_ADDRESS: "经营场所地址",
    Extra.SHIPPING_ADDRESS: "发货地址",
    Extra.LICENCE: "营业执照",
    Extra.QUALIFICATION: "特殊行业经营资质",
}

FEATURES: dict[Feature, tuple[str, tuple[Extra, ...]]] = {
    Feature.CONTACT_PHONE: ("向买家展示店铺联系电话", (Extra.PHONE,)),
    Feature.BUSINESS_ADDRESS: ("在店铺页展示经营场所", (Extra.BUSINESS_ADDRESS,)),
    Feature.SHIP: ("上门取件（向物流公司提供发货地址）", (Extra.SHIPPING_ADDRESS,)),
    Feature.REGULATED_LISTING: ("发布特殊类目商品", (Extra.LICENCE, Extra.QUALIFICATION)),
}

# Category slugs whose goods need a business licence and an industry qualification on file.
REGULATED_CATEGORIES: dict[str, str] = {"food": "食品", "medicine": "药品"}


def manages_with_consent(*, session: Session, owner_id: str) -> bool:
    """Whether the owner currently agrees to 店铺管理 (the extras may be used)."""
    current = consent.state(session=session, subject_id=owner_id, purpose=MANAGEMENT_PURPOSE)
    return current is not None and current.granted


def documents_of(*, session: Session, shop: Shop) -> dict[DocumentKind, ShopDocument]:
    """The shop's uploaded documents by kind (their files not loaded)."""
    rows = session.scalars(select(ShopDocument).where(ShopDocument.shop_id == shop.id))
    return {DocumentKind(row.kind): row for row in rows}


def _given(shop: Shop, documents: Iterable[DocumentKind]) -> set[Extra]:
    texts = ((Extra.PHONE, shop.phone), (Extra.BUSINESS_ADDRESS, shop.business_address))
    texts += ((Extra.SHIPPING_ADDRESS, shop.shipping_address),)
    return {extra for extra, value in texts if value is not None} | {Extra(kind.value) for kind in documents}


def extras_given(*, session: Session, shop: Shop) -> set[Extra]:
    """The extras present on the shop (whether or not they may be used now)."""
    return _given(shop, documents_of(session=session, shop=shop))


def usable_extras(*, session: Session, shop: Shop) -> set[Extra]:
    """The extras that are present and may be used now (the owner's consent stands)."""
    if not manages_with_consent(session=session, owner_id=shop.owner_id):
        return set()
    return extras_given(session=session, shop=shop)


def _lacking(usable: set[Extra], feature: Feature) -> list[str]:
    return [EXTRA_LABELS[extra] for extra in FEATURES[feature][1] if extra not in usable]


def missing_for(*, session: Session, shop: Shop, feature: Feature | str) -> list[str]:
    """The labels of the extras ``feature`` still lacks (empty when it is available)."""
    return _lacking(usable_extras(session=session, shop=shop), Feature(feature))


def require_feature(*, session: Session, shop: Shop, feature: Feature | str) -> None:
    """Refuse with ``FeatureUnavailable`` (409, naming the missing extra) a feature whose extra
    the seller did not give; every other feature is unaffected (P13)."""
    missing = missing_for(session=session, shop=shop, feature=feature)
    if missing:
        raise FeatureUnavailable(FEATURES[Feature(feature)][0], missing)


def shipping_address_of(*, session: Session, shop: Shop) -> Sealed | None:
    """The shop's sealed ship-from address if the seller gave it and still agrees to its use,
    else None (the shipping domain then shows ``require_feature(..., Feature.SHIP)``'s message)."""
    if shop.shipping_address is None or not manages_with_consent(session=session, owner_id=shop.owner_id):
        return None
    return shop.shipping_address


def may_list_in(*, session: Session, shop: Shop, category_slug: str) -> bool:
    """Whether the shop may list goods in the category: always for ordinary categories; for a
    regulated one (``REGULATED_CATEGORIES``) only with a licence and a qualification on file."""
    if category_slug not in REGULATED_CATEGORIES:
        return True
    return not missing_for(session=session, shop=shop, feature=Feature.REGULATED_LISTING)


def ensure_may_list_in(*, session: Session, shop: Shop, category_slug: str) -> None:
    """``may_list_in`` that raises ``QualificationRequired`` naming the category and what is missing."""
    if category_slug not in REGULATED_CATEGORIES:
        return
    missing = missing_for(session=session, shop=shop, feature=Feature.REGULATED_LISTING)
    if missing:
        raise QualificationRequired(REGULATED_CATEGORIES[category_slug], missing)


@dataclass(frozen=True, slots=True)
class ShopOverview:
    """A shop as its owner manages it: documents on file, consent, and each feature's gaps."""

    shop: Shop
    documents: dict[DocumentKind, ShopDocument]
    consented: bool
    features: dict[Feature, list[str]]
    categories: dict[str, bool]


def overview(*, session: Session, shop: Shop) -> ShopOverview:
    """Everything the shop-management page and API show, in three queries."""
    documents = documents_of(session=session, shop=shop)
    consented = manages_with_consent(session=session, owner_id=shop.owner_id)
    usable = _given(shop, documents) if consented else set()
    features = {feature: _lacking(usable, feature) for feature in Feature}
    regulated_ok = not features[Feature.REGULATED_LISTING]
    return ShopOverview(
        shop=shop,
        documents=documents,
        consented=consented,
        features=features,
        categories={slug: regulated_ok for slug in REGULATED_CATEGORIES},
    )
