"""API shapes of the seller console: buyer PI as masks, the full details only from the reveal."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shouyue.commerce.seller_console.service import MERCHANT_PI_STATEMENT, RecipientDetails, SellerOrderView
from shouyue.commerce.shipping.schemas import TrackingRead


class SellerOrderLineRead(BaseModel):
    product_id: int
    title: str
    unit_price_fen: int
    quantity: int


class SellerOrderRead(BaseModel):
    """An order of the seller's shop; the recipient is masked."""

    id: int
    number: str
    state: str
    state_label: str
    amount_fen: int
    remark: str
    created_at: datetime
    recipient_name: str = Field(description="脱敏后的收货人姓名")
    recipient_phone: str = Field(description="脱敏后的收货人电话")
    recipient_address: str = Field(description="脱敏后的收货地址")
    lines: list[SellerOrderLineRead]
    can_reveal: bool = Field(description="是否可以查看完整收货信息（仅待发货订单）")
    shipment: TrackingRead | None

    @classmethod
    def of(cls, view: SellerOrderView) -> SellerOrderRead:
        order = view.order
        return cls(
            id=order.id,
            number=order.number,
            state=order.state,
            state_label=view.state_label,
            amount_fen=order.amount_fen,
            remark=order.remark,
            created_at=order.created_at,
            recipient_name=view.recipient_name,
            recipient_phone=view.recipient_phone,
            recipient_address=view.recipient_address,
            lines=[
                SellerOrderLineRead(
                    product_id=line.product_id,
                    title=line.title,
                    unit_price_fen=line.unit_price_fen,
                    quantity=line.quantity,
                )
                for line in view.lines
            ],
            can_reveal=view.can_reveal,
            shipment=TrackingRead.of(view.shipment) if view.shipment is not None else None,
        )


class SellerOrderPage(BaseModel):
    statement: str = Field(MERCHANT_PI_STATEMENT, description="平台向商家展示买家个人信息的说明")
    shop_id: int
    orders: list[SellerOrderRead]


class RecipientRead(BaseModel):
    """Full delivery details of an awaiting-shipment order (the opening is audited)."""

    order_id: int
    name: str
    phone: str
    address: str
    postcode: str

    @classmethod
    def of(cls, details: RecipientDetails) -> RecipientRead:
        return cls(
            order_id=details.order_id,
            name=details.name,
            phone=details.phone,
            address=details.address,
            postcode=details.postcode,
        )
