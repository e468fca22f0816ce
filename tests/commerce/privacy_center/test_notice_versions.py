"""The notice archive and the click to agree to a new version (P72, P73, P74): every version
readable with its diff; after a material change, the changed purpose stays blocked for an
account until it agrees, and works after.

These tests publish versions, so they run on a database of their own (``own_api``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.commerce.accounts.builders import API, AccountsApi
from tests.commerce.privacy_center.builders import Me, edited_datamap, publish, purpose_entry, register, serve_datamap

NEW_DESCRIPTION = "开启位置权限后，根据您所在位置提供<b>附近</b>的商品、门店和服务信息；精确位置不保存"


@dataclass(frozen=True)
class Update:
    base: str
    version: str
    description: str


def publish_location_change(api: AccountsApi, notice_db: sessionmaker[Session]) -> Update:
    """Publish, and serve, a version in which 位置服务 does something new (a material change)."""
    tag = uuid.uuid4().hex[:8]
    description = f"{NEW_DESCRIPTION}（{tag}）"

    def edit(raw: dict[str, Any]) -> None:
        purpose_entry(raw, "feature.location")["description"] = description

    datamap = edited_datamap(edit)
    with notice_db() as db:
        version = publish(db, datamap, f"update-{tag}")
    serve_datamap(api.app, datamap)
    return Update(base=api.notice_version, version=version, description=description)


def _ready_for_location(me: Me) -> None:
    assert me.grant("feature.location", confirm_separate=True).status_code == 200
    assert me.report("location", "granted").status_code == 200
    assert me.grant("marketing.push").status_code == 200
    assert me.locate().status_code == 200


@pytest.mark.promise("P72", "P73")
def test_a_changed_purpose_is_blocked_until_the_account_agrees(
    own_api: AccountsApi, notice_db: sessionmaker[Session]
) -> None:
    # given location working under the version in force
    me = register(own_api)
    _ready_for_location(me)
    assert me.get("/me/notice").json()["needs_acceptance"] is False
    # when a version that changes 位置服务 is published and served
    update = publish_location_change(own_api, notice_db)
    # then the account is told what changed, prominently, and the changed purpose is blocked
    status = me.get("/me/notice").json()
    assert status["needs_acceptance"] is True and status["material"] is True
    assert (status["latest_version"], status["accepted_version"]) == (update.version, update.base)
    assert status["reasons"] == ["变更处理目的：位置服务"]
    assert status["changed_purposes"] == [{"purpose": "feature.location", "label": "位置服务"}]
    blocked = me.locate()
    assert blocked.status_code == 409
    assert blocked.json()["detail"] == "隐私政策已更新，请阅读并同意后继续使用此功能"
    # and a consent for a purpose that did not change is still in force
    assert me.consents()["marketing.push"]["state"] == "granted"
    # when the account clicks to agree to the newest version
    agreed = me.post("/me/notice/acceptances", json={"version": update.version})
    assert agreed.status_code == 201, agreed.text
    assert (agreed.json()["version"], agreed.json()["channel"]) == (update.version, "api")
    assert me.get("/me/notice").json()["needs_acceptance"] is False
    # then the changed purpose asks for its consent again, since it now means something else
    renewal = me.locate()
    assert renewal.status_code == 403
    assert renewal.json()["detail"] == "「位置服务」的处理规则已变更，请重新同意后使用此功能"
    assert me.consents()["feature.location"]["state"] == "renewal_required"
    # and once renewed on the new version, it works
    assert me.grant("feature.location", version=update.version, confirm_separate=True).status_code == 200
    assert me.locate().status_code == 200


@pytest.mark.promise("P72")
def test_agreeing_to_an_old_or_unknown_version_is_refused(
    own_api: AccountsApi, notice_db: sessionmaker[Session]
) -> None:
    # given an account that accepted a version that has since been replaced
    me = register(own_api)
    update = publish_location_change(own_api, notice_db)
    # when it answers the old version, or one that never existed
    old = me.post("/me/notice/acceptances", json={"version": update.base})
    unknown = me.post("/me/notice/acceptances", json={"version": "1999-01-01"})
    # then both are refused in Chinese and the newest version is still pending
    assert old.status_code == 409 and old.json()["detail"] == "隐私政策已更新，请阅读并同意后继续使用此功能"
    assert unknown.status_code == 404 and unknown.json()["detail"] == "隐私政策版本「1999-01-01」不存在"
    assert me.get("/me/notice").json()["needs_acceptance"] is True
    # and a consent given on the replaced version is refused too
    stale = me.grant("marketing.push", version=update.base)
    assert stale.status_code == 409 and stale.json()["detail"] == "隐私政策已更新，请阅读并同意后继续使用此功能"


@pytest.mark.promise("P74", "P73")
def test_every_version_is_archived_with_its_diff(own_api: AccountsApi, notice_db: sessionmaker[Session]) -> None:
    # given a new version after the one in force
    update = publish_location_change(own_api, notice_db)
    client = own_api.client
    # when anyone lists the archive
    listed = client.get(f"{API}/notice/versions")
    # then every version is there, newest first, the new one material with its reason
    assert listed.status_code == 200
    body = listed.json()
    assert [v["version"] for v in body[:2]] == [update.version, update.base]
    assert body[0]["is_latest"] is True and not any(v["is_latest"] for v in body[1:])
    assert body[0]["material"] is True and body[0]["material_reasons"] == ["变更处理目的：位置服务"]
    # and each version's text and its diff to the one before can be read
    detail = client.get(f"{API}/notice/versions/{update.version}").json()
    assert detail["previous_version"] == update.base
    assert update.description in detail["text"]
    added = [line["text"] for line in detail["diff_lines"] if line["kind"] == "added"]
    assert any(update.description in line for line in added)
    base = client.get(f"{API}/notice/versions/{update.base}").json()
    assert update.description not in base["text"]
    # and an unknown version is a 404 in Chinese
    missing = client.get(f"{API}/notice/versions/nope")
    assert missing.status_code == 404 and missing.json()["detail"] == "隐私政策版本「nope」不存在"


@pytest.mark.promise("P74")
def test_the_archive_pages_show_text_and_an_escaped_diff(
    own_api: AccountsApi, notice_db: sessionmaker[Session]
) -> None:
    # given a new version whose text carries markup from the data map
    update = publish_location_change(own_api, notice_db)
    client = own_api.client
    # when the archive and the new version's page are read
    index = client.get("/privacy/versions")
    page = client.get(f"/privacy/versions/{update.version}")
    # then the index lists both versions with whether they were material
    assert index.status_code == 200
    for version in (update.version, update.base):
        assert f'href="/privacy/versions/{version}"' in index.text
    assert "变更处理目的：位置服务" in index.text
    # and the version page shows the diff, the markup escaped, never interpreted
    assert page.status_code == 200
    assert f"与上一版本（{update.base}）的差异" in page.text
    assert "<ins>+" in page.text and "<del>-" in page.text
    assert "&lt;b&gt;附近&lt;/b&gt;" in page.text and "<b>附近</b>" not in page.text
    # and public archive pages set no cookie
    assert "set-cookie" not in index.headers and "set-cookie" not in page.headers
    # and an unknown version is a Chinese 404 page
    missing = client.get("/privacy/versions/nope")
    assert missing.status_code == 404 and "隐私政策版本「nope」不存在" in missing.text
