"""FastAPI dependencies of the shipping domain: the carrier and the tracker (tests override)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shouyue.providers.logistics import Carrier, Tracker, get_carrier, get_tracker


def get_carrier_api() -> Carrier:
    return get_carrier()


def get_tracker_api() -> Tracker:
    return get_tracker()


CarrierDep = Annotated[Carrier, Depends(get_carrier_api)]
TrackerDep = Annotated[Tracker, Depends(get_tracker_api)]
