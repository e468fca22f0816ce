"""API shapes of the address book. Responses carry masks only; the owner's edit form reads the
plaintext through ``GET /addresses/{id}?reveal=true``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.addresses.recipients import Recipient, parse_recipient
from shouyue.commerce.addresses.service import MaskedAddress


class RecipientFields(BaseModel):
    """The five recipient fields. All are required; missing ones are named together in one
    Chinese refusal (so the schema leaves them optional and ``parse`` checks them)."""

    model_config = ConfigDict(extra="forbid")

    recipient_name: str | None = Field(None, max_length=64, description="收货人姓名")
    phone: str | None = Field(None, max_length=32, description="联系电话：手机号码或带区号的固定电话")
    region: str | None = Field(None, max_length=64, description="所在地区（省、市、区县），如 广东省深圳市南山区")
    detail: str | None = Field(None, max_length=200, description="详细地址（街道、门牌号）")
    postcode: str | None = Field(None, max_length=12, description="6位邮政编码")

    def parse(self) -> Recipient:
        return parse_recipient(
            name=self.recipient_name, phone=self.phone, region=self.region, detail=self.detail, postcode=self.postcode
        )


class AddressCreate(RecipientFields):
    is_default: bool = Field(False, description="设为默认地址")


class AddressUpdate(RecipientFields):
    pass


class AddressRead(BaseModel):
    """An address as lists show it: masked."""

    id: int
    recipient_name: str = Field(description="脱敏后的收货人姓名")
    phone: str = Field(description="脱敏后的联系电话")
    address: str = Field(description="脱敏后的地址（只显示到区县）")
    postcode: str = Field(description="脱敏后的邮政编码")
    is_default: bool

    @classmethod
    def of(cls, view: MaskedAddress) -> AddressRead:
        return cls(
            id=view.id,
            recipient_name=view.recipient_name,
            phone=view.phone,
            address=view.address,
            postcode=view.postcode,
            is_default=view.is_default,
        )


class AddressFullRead(BaseModel):
    """The owner's own address in full, for editing it."""

    id: int
    recipient_name: str
    phone: str
    region: str
    detail: str
    postcode: str
    is_default: bool
