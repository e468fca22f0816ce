"""The optional profile (P10): never required, editable and clearable; consent asked on its own."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from shouyue.privacy import consent
from shouyue.settings import get_settings
from tests.commerce.accounts.builders import API, AccountsApi, bearer

# A 1x1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _auth(api: AccountsApi) -> tuple[dict[str, str], str]:
    _, body = api.register()
    return bearer(api.token(body)), body["account"]["id"]


@pytest.mark.promise("P10")
def test_a_new_account_works_with_an_empty_profile(api: AccountsApi) -> None:
    auth, _ = _auth(api)
    me = api.client.get(f"{API}/accounts/me", headers=auth)
    assert me.status_code == 200
    assert me.json()["profile"] == {
        "nickname": None,
        "gender": None,
        "birthday": None,
        "signature": None,
        "has_avatar": False,
    }
    assert api.client.get(f"{API}/accounts/me/risk-decisions", headers=auth).status_code == 200


@pytest.mark.promise("P10", "P82")
def test_profile_fields_need_their_own_consent_then_are_editable_and_clearable(
    api: AccountsApi, db_session: Session
) -> None:
    auth, account_id = _auth(api)
    # when a nickname is set without the separate agreement, it is refused
    refused = api.client.patch(f"{API}/accounts/me/profile", json={"nickname": "小鱼"}, headers=auth)
    assert refused.status_code == 403
    assert "完善个人资料" in refused.json()["detail"]
    # when the person agrees on the same form, every field can be set
    saved = api.client.patch(
        f"{API}/accounts/me/profile",
        json={
            "nickname": "小鱼",
            "gender": "female",
            "birthday": "1990-05-01",
            "signature": "买好物",
            "agree_profile_edit": True,
        },
        headers=auth,
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["profile"]["nickname"] == "小鱼"
    status = consent.state(session=db_session, subject_id=account_id, purpose="profile.edit")
    assert status is not None and status.granted
    # and each can be cleared again
    cleared = api.client.patch(
        f"{API}/accounts/me/profile",
        json={"nickname": None, "gender": None, "birthday": None, "signature": None},
        headers=auth,
    )
    assert cleared.json()["profile"] == {
        "nickname": None,
        "gender": None,
        "birthday": None,
        "signature": None,
        "has_avatar": False,
    }


def test_clearing_needs_no_consent_and_bad_values_are_refused(api: AccountsApi) -> None:
    auth, _ = _auth(api)
    assert api.client.patch(f"{API}/accounts/me/profile", json={"nickname": None}, headers=auth).status_code == 200
    future = api.client.patch(
        f"{API}/accounts/me/profile", json={"birthday": "2999-01-01", "agree_profile_edit": True}, headers=auth
    )
    assert future.status_code == 422
    assert future.json()["detail"].startswith("个人资料填写有误")


@pytest.mark.promise("P10")
def test_an_avatar_is_uploaded_under_a_random_name_and_can_be_cleared(api: AccountsApi) -> None:
    auth, _ = _auth(api)
    uploads = Path(get_settings().upload_dir)
    # when a small PNG is uploaded with the agreement
    response = api.client.put(
        f"{API}/accounts/me/avatar",
        params={"agree_profile_edit": "true"},
        files={"file": ("me.png", PNG, "image/png")},
        headers=auth,
    )
    # then it is stored under a random name (not the uploaded one) and served back
    assert response.status_code == 200, response.text
    assert response.json()["profile"]["has_avatar"] is True
    stored = list(uploads.iterdir())
    assert len(stored) == 1 and stored[0].name != "me.png" and stored[0].suffix == ".png"
    image = api.client.get(f"{API}/accounts/me/avatar", headers=auth)
    assert image.status_code == 200 and image.content == PNG
    # and clearing it removes the file
    assert api.client.delete(f"{API}/accounts/me/avatar", headers=auth).json()["profile"]["has_avatar"] is False
    assert list(uploads.iterdir()) == []
    missing = api.client.get(f"{API}/accounts/me/avatar", headers=auth)
    assert (missing.status_code, missing.json()["detail"]) == (404, "您尚未设置头像")


def test_an_avatar_that_is_not_a_small_image_is_refused(api: AccountsApi) -> None:
    auth, _ = _auth(api)
    for content in (b"GIF89a not allowed", PNG + b"\0" * (1024 * 1024)):
        response = api.client.put(
            f"{API}/accounts/me/avatar",
            params={"agree_profile_edit": "true"},
            files={"file": ("x.png", content, "image/png")},
            headers=auth,
        )
        assert (response.status_code, response.json()["detail"]) == (422, "头像须为不超过1MB的JPEG、PNG或WebP图片")


@pytest.mark.promise("P65")
def test_a_declared_birthday_under_14_makes_the_account_a_childs(api: AccountsApi) -> None:
    from datetime import date

    auth, _ = _auth(api)
    # when the profile declares a birthday ten years ago
    today = date.today()
    ten = today.replace(year=today.year - 10, day=min(today.day, 28))
    saved = api.client.patch(
        f"{API}/accounts/me/profile",
        json={"birthday": ten.isoformat(), "agree_profile_edit": True},
        headers=auth,
    )
    assert saved.status_code == 200, saved.text
    # then the account is a child's: it cannot transact until a guardian consents
    status = api.client.get(f"{API}/identity", headers=auth).json()
    assert status["may_personalise"] is False
    assert api.client.get(f"{API}/identity/transact-check", headers=auth).status_code == 403
