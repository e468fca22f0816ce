"""Sessions and editions: bearer tokens stored hashed, expiry, logout everywhere (item 8);
one account for the buyer and seller editions (P03), seller-side data only once used (P04)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import get_now
from shouyue.commerce.accounts.models import Account, AccountSession
from shouyue.engine import get_datamap
from shouyue.privacy.audit.models import AuditEntry
from shouyue.privacy.consent import ConsentEvent
from tests.commerce.accounts.builders import API, AccountsApi, bearer


def test_session_tokens_are_stored_only_as_digests(api: AccountsApi, db_session: Session) -> None:
    # given a fresh login
    _, body = api.register()
    token = api.token(body)
    # when the raw session table is read
    rows = db_session.execute(
        text("SELECT token_hash FROM account_session WHERE account_id = :a"), {"a": body["account"]["id"]}
    ).all()
    # then it holds the SHA-256 of the token, never the token
    assert [r.token_hash for r in rows] == [hashlib.sha256(token.encode()).hexdigest()]


def test_no_token_a_forged_token_and_a_wrong_scheme_are_refused(api: AccountsApi) -> None:
    missing = api.client.get(f"{API}/accounts/me")
    forged = api.client.get(f"{API}/accounts/me", headers=bearer("forged-token-value"))
    basic = api.client.get(f"{API}/accounts/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert (missing.status_code, missing.json()["detail"]) == (401, "请先登录")
    assert (forged.status_code, forged.json()["detail"]) == (401, "登录已失效，请重新登录")
    assert basic.status_code == 401


def test_a_session_expires_after_thirty_days(api: AccountsApi) -> None:
    _, body = api.register()
    token = api.token(body)
    assert api.me(token).status_code == 200
    api.app.dependency_overrides[get_now] = lambda: datetime.now(UTC) + timedelta(days=31)
    expired = api.me(token)
    assert (expired.status_code, expired.json()["detail"]) == (401, "登录已失效，请重新登录")


def test_logout_ends_that_session_only(api: AccountsApi) -> None:
    phone, body = api.register()
    first = api.token(body)
    api.relax_limits()
    second = api.token(api.login(phone).json())
    assert api.client.post(f"{API}/auth/logout", headers=bearer(first)).status_code == 204
    assert api.me(first).status_code == 401
    assert api.me(second).status_code == 200


def test_logout_everywhere_revokes_every_session(api: AccountsApi, db_session: Session) -> None:
    # given two sessions of one account
    phone, body = api.register()
    api.relax_limits()
    tokens = [api.token(body), api.token(api.login(phone).json())]
    # when one of them logs out everywhere
    response = api.client.post(f"{API}/auth/logout-all", headers=bearer(tokens[1]))
    # then both are revoked
    assert response.status_code == 200 and response.json()["revoked_sessions"] == 2
    assert [api.me(t).status_code for t in tokens] == [401, 401]
    live = db_session.scalars(
        select(AccountSession).where(
            AccountSession.account_id == body["account"]["id"], AccountSession.revoked_at.is_(None)
        )
    ).all()
    assert live == []


@pytest.mark.promise("P03")
def test_one_account_logs_in_to_both_editions(api: AccountsApi) -> None:
    # given a buyer who registered in the buyer app
    phone, body = api.register()
    api.relax_limits()
    # when the same phone logs in to the seller edition (query parameter) and again by header
    seller = api.login(phone, edition="seller")
    by_header = api.login(phone, headers={"X-Shouyue-Edition": "seller"})
    # then it is the same account, with a seller-edition session
    assert seller.status_code == 200, seller.text
    assert seller.json()["account"]["id"] == body["account"]["id"]
    assert by_header.json()["account"]["id"] == body["account"]["id"]
    assert seller.json()["session"]["edition"] == "seller"
    assert seller.json()["account"]["editions"] == ["buyer", "seller"]
    assert body["session"]["edition"] == "buyer"
    # and the buyer session still works
    assert api.me(api.token(body)).status_code == 200


@pytest.mark.promise("P04")
def test_a_buyer_who_never_opens_the_seller_edition_has_no_seller_side_data(
    api: AccountsApi, db_session: Session
) -> None:
    # given a buyer who registered and logged in several times, always in the buyer edition
    phone, body = api.register()
    api.relax_limits()
    for _ in range(2):
        assert api.login(phone).status_code == 200
    account_id = body["account"]["id"]
    seller_purposes = {p.id for p in get_datamap().purposes if p.edition == "seller"}
    # then the account has no seller marker, no seller-side consents and no seller-side audit entries
    account = db_session.get(Account, account_id)
    assert account is not None and account.seller_enabled_at is None
    assert api.me(api.token(body)).json()["editions"] == ["buyer"]
    events = db_session.scalars(select(ConsentEvent.purpose).where(ConsentEvent.subject_id == account_id)).all()
    assert not set(events) & seller_purposes
    audited = db_session.scalars(select(AuditEntry).where(AuditEntry.subject_id == account_id)).all()
    assert not {e.purpose for e in audited} & seller_purposes
    assert "account.seller_edition_opened" not in {e.action for e in audited}
    # when they open the seller edition, it is recorded from then on
    assert api.login(phone, edition="seller").status_code == 200
    db_session.expire_all()
    account = db_session.get(Account, account_id)
    assert account is not None and account.seller_enabled_at is not None
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == account_id)).all()
    assert actions.count("account.seller_edition_opened") == 1


def test_an_unknown_edition_is_refused(api: AccountsApi) -> None:
    phone, _ = api.register()
    api.relax_limits()
    response = api.login(phone, edition="staff")
    assert response.status_code == 422
