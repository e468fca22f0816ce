"""Development-only pages: the sandbox SMS outbox and the sandbox third party's consent screen.
Both answer 404 when ``SHOUYUE_ENV=production``."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from shouyue.commerce.accounts.forms import PageProvider, render, safe_next
from shouyue.commerce.accounts.router import development_only
from shouyue.providers.oauth import PROVIDERS
from shouyue.providers.oauth.sandbox import CODE_PREFIX
from shouyue.providers.sms import outbox_path, read_outbox

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


# --- development sandboxes ---------------------------------------------------------------------


@router.get("/dev/outbox", name="dev_outbox", dependencies=[Depends(development_only)])
def outbox_page(request: Request, phone: Annotated[str | None, Query(max_length=32)] = None) -> Response:
    messages = read_outbox(outbox_path(), limit=50, phone=phone or None)
    return render(request, "accounts/outbox.html", {"messages": messages, "phone": phone or ""})


@router.get("/dev/oauth/{provider}/authorize", name="dev_oauth_authorize", dependencies=[Depends(development_only)])
def sandbox_authorize_page(
    request: Request,
    provider: PageProvider,
    state: Annotated[str, Query(max_length=128)] = "",
    redirect_uri: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The sandbox third party's consent screen: 'allow' returns to the callback with a code."""
    context = {
        "provider_name": PROVIDERS[provider.name],
        "callback": safe_next(redirect_uri),
        "state": state,
        "code": f"{CODE_PREFIX}{secrets.token_hex(8)}",
    }
    return render(request, "accounts/oauth_authorize.html", context)
