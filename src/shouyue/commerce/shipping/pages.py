"""The buyer's parcel-tracking page (P34): the tracker's events, each naming its source."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import account_of, login_redirect, render
from shouyue.commerce.shipping import service
from shouyue.commerce.shipping.dependencies import TrackerDep
from shouyue.commerce.shipping.transactions import unit_of_work
from shouyue.privacy.datamap import DataMap
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/orders/{order_id}/tracking", name="shipping_tracking")
def tracking_page(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    tracker: TrackerDep,
    now: NowDep,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(f"/orders/{order_id}/tracking")
    with unit_of_work(session):
        tracking = service.tracking_for_buyer(
            session=session, datamap=datamap, tracker=tracker, buyer_id=account.id, order_id=order_id, now=now
        )
    return render(request, "shipping/tracking.html", {"tracking": tracking, "sources": sources_of(datamap)})


def sources_of(datamap: DataMap) -> dict[str, str]:
    return {r.id: r.name for r in datamap.recipients}
