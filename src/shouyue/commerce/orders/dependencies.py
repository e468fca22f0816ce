"""Dependencies of the orders routes and pages: the customs-clearance service."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shouyue.providers.customs import CustomsDeclarer, get_customs_declarer


def get_customs() -> CustomsDeclarer:
    """The configured clearance service (tests override this to record what it was handed)."""
    return get_customs_declarer()


CustomsDep = Annotated[CustomsDeclarer, Depends(get_customs)]
