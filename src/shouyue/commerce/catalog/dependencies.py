"""Dependencies of the catalogue's routes: the viewer of a public product (optional: anonymous
visitors see exactly the same product and price), and the shop of the seller calling."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from shouyue.commerce.accounts.dependencies import NowDep, SellerAccount, get_current_session
from shouyue.commerce.accounts.exceptions import AccountsError
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.catalog import service
from shouyue.commerce.shops.models import Shop
from shouyue.web.deps import SessionDep


def get_optional_viewer(
    session: SessionDep, now: NowDep, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> Account | None:
    """The signed-in account of an API request, or None. The viewer is used only to keep a
    consenting buyer's browsing history, never to change what is shown or its price (P83)."""
    if not authorization:
        return None
    try:
        return get_current_session(session=session, now=now, authorization=authorization)[1]
    except AccountsError:
        return None


OptionalViewer = Annotated[Account | None, Depends(get_optional_viewer)]


def get_seller_shop(session: SessionDep, account: SellerAccount) -> Shop:
    """The shop of the seller-edition account calling; 403 with a Chinese message if none."""
    return service.shop_of_owner(session=session, account_id=account.id)


SellerShop = Annotated[Shop, Depends(get_seller_shop)]
