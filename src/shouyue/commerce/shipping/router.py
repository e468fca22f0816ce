"""Shipping and tracking API (P34, P41): the seller ships; buyer and seller follow the parcel."""

from __future__ import annotations

from fastapi import APIRouter, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep, SellerAccount
from shouyue.commerce.shipping import service
from shouyue.commerce.shipping.dependencies import CarrierDep, TrackerDep
from shouyue.commerce.shipping.schemas import ShipmentCreate, TrackingRead
from shouyue.commerce.shipping.transactions import unit_of_work
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["发货与物流"])


@router.post(
    "/seller/orders/{order_id}/shipment",
    response_model=TrackingRead,
    status_code=status.HTTP_201_CREATED,
    summary="发货：填写物流公司和快递单号",
    description="只能为本店待发货的订单发货；收货信息经披露网关提供给物流公司，物流查询服务只获得手机尾号后四位。",
)
def ship(
    order_id: int,
    shipment_in: ShipmentCreate,
    account: SellerAccount,
    session: SessionDep,
    datamap: DataMapDep,
    carrier_api: CarrierDep,
    tracker: TrackerDep,
    now: NowDep,
) -> TrackingRead:
    with unit_of_work(session):
        shipment = service.ship(
            session=session,
            datamap=datamap,
            carrier_api=carrier_api,
            tracker=tracker,
            seller_id=account.id,
            order_id=order_id,
            carrier=shipment_in.carrier,
            tracking_number=shipment_in.tracking_number,
            pickup=shipment_in.pickup,
            now=now,
        )
        tracking = service.Tracking(
            shipment=shipment, events=service.events_of(session=session, shipment_id=shipment.id)
        )
    return TrackingRead.of(tracking)


@router.get("/orders/{order_id}/tracking", response_model=TrackingRead, summary="查看物流信息（买家）")
def buyer_tracking(
    order_id: int, account: CurrentAccount, session: SessionDep, datamap: DataMapDep, tracker: TrackerDep, now: NowDep
) -> TrackingRead:
    with unit_of_work(session):
        tracking = service.tracking_for_buyer(
            session=session, datamap=datamap, tracker=tracker, buyer_id=account.id, order_id=order_id, now=now
        )
    return TrackingRead.of(tracking)


@router.get("/seller/orders/{order_id}/tracking", response_model=TrackingRead, summary="查看物流信息（卖家）")
def seller_tracking(
    order_id: int, account: SellerAccount, session: SessionDep, datamap: DataMapDep, tracker: TrackerDep, now: NowDep
) -> TrackingRead:
    with unit_of_work(session):
        tracking = service.tracking_for_seller(
            session=session, datamap=datamap, tracker=tracker, seller_id=account.id, order_id=order_id, now=now
        )
    return TrackingRead.of(tracking)
