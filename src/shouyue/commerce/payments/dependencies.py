"""FastAPI dependencies of the payments domain: the payment institutions (tests override)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shouyue.providers.payment import PaymentProvider, get_payment_provider


def get_payments() -> PaymentProvider:
    return get_payment_provider()


PaymentsDep = Annotated[PaymentProvider, Depends(get_payments)]
