"""API shapes of shipping and tracking: carrier, tracking number and events, never the recipient."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.shipping.models import TrackingEvent
from shouyue.commerce.shipping.service import Tracking
from shouyue.providers.logistics import CARRIERS


class ShipmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    carrier: str = Field(
        max_length=16, description="物流公司：" + "、".join(f"{k}（{v}）" for k, v in CARRIERS.items())
    )
    tracking_number: str = Field(max_length=40, description="快递单号，8到20位字母或数字")
    pickup: bool = Field(
        False, description="上门取件：需先在店铺管理中提供发货地址，发货地址经披露网关提供给物流公司；否则自行送至网点"
    )


class TrackingEventRead(BaseModel):
    at: datetime
    status: str
    description: str
    source_recipient: str = Field(description="该物流信息的来源（数据地图中的接收方）")

    @classmethod
    def of(cls, event: TrackingEvent) -> TrackingEventRead:
        return cls(
            at=event.at, status=event.status, description=event.description, source_recipient=event.source_recipient
        )


class TrackingRead(BaseModel):
    order_id: int
    carrier: str
    carrier_name: str
    tracking_number: str
    shipped_at: datetime
    events: list[TrackingEventRead]

    @classmethod
    def of(cls, tracking: Tracking) -> TrackingRead:
        shipment = tracking.shipment
        return cls(
            order_id=shipment.order_id,
            carrier=shipment.carrier,
            carrier_name=tracking.carrier_name,
            tracking_number=shipment.tracking_number,
            shipped_at=shipment.shipped_at,
            events=[TrackingEventRead.of(e) for e in tracking.events],
        )
