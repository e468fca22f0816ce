"""API shapes of seller onboarding, shop extras and the withdrawal card. Responses carry masks
only: a card number, phone or address never comes back in full."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.shops import service
from shouyue.commerce.shops.models import DocumentKind, SellerBankCard, ShopDocument, ShopKind, WithdrawalCard

KindField = Literal["personal", "enterprise"]


class BankCardCreate(BaseModel):
    """The card an account puts on file to open a shop."""

    model_config = ConfigDict(extra="forbid")

    card_number: str = Field(min_length=1, max_length=40, description="银行卡号（13到19位数字，须通过Luhn校验）")
    bank_name: str = Field(min_length=1, max_length=60, description="开户银行，如“中国工商银行”")
    branch_name: str | None = Field(None, max_length=120, description="开户支行全称（开设企业店铺时必填）")


class BankCardRead(BaseModel):
    card_number: str = Field(description="脱敏后的银行卡号，如 ****1234")
    bank_name: str
    branch_name: str | None
    updated_at: datetime

    @classmethod
    def of(cls, card: SellerBankCard) -> BankCardRead:
        return cls(
            card_number=card.card_number.mask,
            bank_name=card.bank_name,
            branch_name=card.branch_name,
            updated_at=card.updated_at,
        )


class RequirementRead(BaseModel):
    id: str
    label: str
    done: bool
    page: str = Field(description="完成此项的页面")


REQUIREMENT_PAGES = {
    service.Requirement.REAL_NAME: "/identity/real-name",
    service.Requirement.BANK_CARD: "/seller/onboarding#bank-card",
    service.Requirement.BRANCH: "/seller/onboarding#bank-card",
    service.Requirement.AVATAR: "/accounts/profile",
    service.Requirement.SHOP_NAME: "/seller/onboarding#shop",
}


class OnboardingRead(BaseModel):
    """What is done and what is missing before a shop of ``kind`` can open (P12)."""

    kind: KindField
    requirements: list[RequirementRead]
    missing: list[str] = Field(description="尚缺事项（中文）；店铺名称在开店时一并提交")
    ready: bool = Field(description="除店铺名称外的事项均已完成，可以提交开店")
    bank_card: BankCardRead | None
    shop_id: int | None

    @classmethod
    def of(cls, status: service.Onboarding) -> OnboardingRead:
        return cls(
            kind=status.kind.value,
            requirements=[
                RequirementRead(id=r.value, label=service.REQUIREMENT_LABELS[r], done=ok, page=REQUIREMENT_PAGES[r])
                for r, ok in status.done.items()
            ],
            missing=status.missing_labels,
            ready=status.ready,
            bank_card=None if status.bank_card is None else BankCardRead.of(status.bank_card),
            shop_id=None if status.shop is None else status.shop.id,
        )


class ShopCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=60, description="店铺名称（2到30个字符，不能与其他店铺重名）")
    kind: KindField = Field("personal", description="personal（个人店铺）或 enterprise（企业店铺）")


class DocumentRead(BaseModel):
    media_type: str
    size_bytes: int
    uploaded_at: datetime

    @classmethod
    def of(cls, row: ShopDocument | None) -> DocumentRead | None:
        if row is None:
            return None
        return cls(media_type=row.media_type, size_bytes=row.size_bytes, uploaded_at=row.uploaded_at)


class ExtrasRead(BaseModel):
    """The optional extras as their owner sees them: masks, and whether each file is on file."""

    phone: str | None
    business_address: str | None
    shipping_address: str | None
    licence: DocumentRead | None
    qualification: DocumentRead | None
    consented: bool = Field(description="是否已同意「店铺管理」")


class FeatureRead(BaseModel):
    id: str
    label: str
    enabled: bool
    missing: list[str] = Field(description="开启此功能还需提供的信息")


class CategoryRead(BaseModel):
    slug: str
    label: str
    allowed: bool


class ShopRead(BaseModel):
    id: int
    name: str
    kind: KindField
    created_at: datetime
    extras: ExtrasRead
    features: list[FeatureRead]
    regulated_categories: list[CategoryRead] = Field(description="需要资质的类目及本店能否发布")

    @classmethod
    def of(cls, view: service.ShopOverview) -> ShopRead:
        shop = view.shop
        return cls(
            id=shop.id,
            name=shop.name,
            kind=ShopKind(shop.kind).value,
            created_at=shop.created_at,
            extras=ExtrasRead(
                phone=None if shop.phone is None else shop.phone.mask,
                business_address=None if shop.business_address is None else shop.business_address.mask,
                shipping_address=None if shop.shipping_address is None else shop.shipping_address.mask,
                licence=DocumentRead.of(view.documents.get(DocumentKind.LICENCE)),
                qualification=DocumentRead.of(view.documents.get(DocumentKind.QUALIFICATION)),
                consented=view.consented,
            ),
            features=[
                FeatureRead(id=f.value, label=service.FEATURES[f][0], enabled=not missing, missing=missing)
                for f, missing in view.features.items()
            ],
            regulated_categories=[
                CategoryRead(slug=slug, label=label, allowed=view.categories[slug])
                for slug, label in service.REGULATED_CATEGORIES.items()
            ],
        )


class ExtrasUpdate(BaseModel):
    """Only the fields present change; null or an empty string clears one. Giving a value the
    first time needs ``agree_shop_management``: true (consent to 店铺管理, never assumed)."""

    model_config = ConfigDict(extra="forbid")

    phone: str | None = Field(None, max_length=40, description="店铺联系电话（手机或带区号的固定电话）")
    business_address: str | None = Field(None, max_length=200, description="经营场所地址")
    shipping_address: str | None = Field(None, max_length=200, description="发货地址（打印发货面单需要）")
    agree_shop_management: bool = Field(False, description="同意「店铺管理」处理所填信息（首次填写时需要）")


class WithdrawalCardUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    card_number: str = Field(min_length=1, max_length=40, description="本人银行卡号")
    bank_name: str = Field(min_length=1, max_length=60, description="开户银行")
    branch_name: str | None = Field(None, max_length=120, description="开户支行全称（企业店铺必填）")


class WithdrawalCardRead(BaseModel):
    bound: bool
    card_number: str | None = Field(description="脱敏后的银行卡号，如 ****1234")
    bank_name: str | None
    branch_name: str | None
    bound_at: datetime | None

    @classmethod
    def of(cls, card: WithdrawalCard | None) -> WithdrawalCardRead:
        if card is None:
            return cls(bound=False, card_number=None, bank_name=None, branch_name=None, bound_at=None)
        return cls(
            bound=True,
            card_number=card.card_number.mask,
            bank_name=card.bank_name,
            branch_name=card.branch_name,
            bound_at=card.bound_at,
        )
