"""Device permissions through the API, and the server refusing location data until both the
permission and the separate consent are given (P31, P35, P60, P82)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import get_now
from shouyue.privacy.audit.models import AuditEntry
from tests.commerce.privacy_center.builders import Me, rows_containing

NOTICE_SIX = ["location", "camera", "photos", "microphone", "contacts", "calendar"]
# Precise enough to find in any row it might have been written to.
LATITUDE, LONGITUDE = 31.2304167, 121.4737013


class Clock:
    """The request time, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(app: FastAPI) -> Iterator[Clock]:
    clock = Clock()
    app.dependency_overrides[get_now] = clock
    yield clock
    app.dependency_overrides.pop(get_now, None)


def _audit_entries(db_session: Session) -> int:
    return db_session.scalar(select(func.count()).select_from(AuditEntry)) or 0


@pytest.mark.promise("P31")
def test_permissions_are_listed_not_asked_with_the_functions_they_serve(me: Me) -> None:
    # when a new account lists its device permissions
    response = me.get("/me/permissions")
    # then the notice's six come first, none asked yet, each with what needs it, in Chinese
    assert response.status_code == 200
    body = response.json()
    assert [p["permission"] for p in body[:6]] == NOTICE_SIX
    assert all(p["state"] == "not_asked" and p["state_label"] == "未询问" and p["should_prompt"] for p in body)
    location = body[0]
    assert location["label"] == "位置信息" and "位置服务" in location["purposes"]


@pytest.mark.promise("P31")
def test_no_prompt_again_within_48_hours_of_a_refusal(me: Me, clock: Clock) -> None:
    # given the app asked for the camera and the subject refused
    assert me.post("/me/permissions/camera/prompts").status_code == 201
    refused = me.report("camera", "denied")
    assert refused.status_code == 200 and refused.json()["state_label"] == "已拒绝"
    # when the app asks whether it may prompt again, just before and just after 48 hours
    clock.now += timedelta(hours=47, minutes=59)
    before = me.get("/me/permissions/camera").json()
    clock.now += timedelta(minutes=2)
    after = me.get("/me/permissions/camera").json()
    # then it may not before, and may after
    assert before["should_prompt"] is False and before["next_prompt_at"] is not None
    assert after["should_prompt"] is True
    # and a granted permission is never prompted for
    me.report("camera", "granted")
    assert me.get("/me/permissions/camera").json()["should_prompt"] is False


@pytest.mark.promise("P31")
@pytest.mark.parametrize(
    ("path", "body", "status", "detail"),
    [
        ("/me/permissions/teleport", {"state": "granted"}, 404, "未找到该设备权限"),
        (
            "/me/permissions/camera",
            {"state": "maybe"},
            422,
            "权限状态只能是 granted（允许）、denied（拒绝）或 not_asked（未询问）",
        ),
        ("/me/permissions/camera", {"state": "granted", "extra": 1}, 422, None),
    ],
)
def test_bad_permission_reports_are_refused(
    me: Me, path: str, body: dict[str, object], status: int, detail: str | None
) -> None:
    response = me.put(path, json=body)
    assert response.status_code == status, response.text
    if detail is not None:
        assert response.json()["detail"] == detail
    assert me.get("/me/permissions/camera").json()["state"] == "not_asked"


@pytest.mark.promise("P31", "P35", "P82")
def test_location_is_refused_until_permission_and_separate_consent_and_nothing_is_stored(
    me: Me, db_session: Session
) -> None:
    audited = _audit_entries(db_session)
    # when location data is sent with neither the consent nor the permission
    no_consent = me.locate(LATITUDE, LONGITUDE)
    # then it is refused, in Chinese, for the missing consent
    assert no_consent.status_code == 403
    assert no_consent.json()["detail"] == "您尚未同意「位置服务」，此功能暂不可用"
    assert _audit_entries(db_session) == audited
    # when the separate consent is given but the permission was refused on the device
    assert me.grant("feature.location", confirm_separate=True).status_code == 200
    me.report("location", "denied")
    audited = _audit_entries(db_session)
    no_permission = me.locate(LATITUDE, LONGITUDE)
    # then it is refused for the permission
    assert no_permission.status_code == 403
    assert no_permission.json()["detail"] == "未授权「位置信息」权限，无法使用此功能"
    # and no refused request left anything behind: no audit entry, the coordinates nowhere
    assert _audit_entries(db_session) == audited
    assert rows_containing(db_session, "31.2304") == []
    assert rows_containing(db_session, "121.4737") == []
    # when the permission is granted too
    me.report("location", "granted")
    accepted = me.locate(LATITUDE, LONGITUDE)
    # then the feature works on the coarse area, and the precise position is still stored nowhere
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["area"] == "北纬31.2°、东经121.5°附近" and body["stored"] is False
    assert rows_containing(db_session, "31.2304") == [] and rows_containing(db_session, "121.4737") == []


@pytest.mark.promise("P60", "P31")
def test_withdrawing_consent_or_permission_stops_the_very_next_request(me: Me) -> None:
    # given location working
    me.grant("feature.location", confirm_separate=True)
    me.report("location", "granted")
    assert me.locate().status_code == 200
    # when the consent is withdrawn, the next request is refused
    assert me.withdraw("feature.location").status_code == 200
    assert me.locate().status_code == 403
    # when it is given again it works; when the permission is revoked on the device, refused again
    me.grant("feature.location", confirm_separate=True)
    assert me.locate().status_code == 200
    me.report("location", "denied")
    refused = me.locate()
    assert refused.status_code == 403 and refused.json()["detail"] == "未授权「位置信息」权限，无法使用此功能"


def test_location_input_is_validated(me: Me) -> None:
    response = me.post("/me/location", json={"latitude": 123, "longitude": 0})
    assert response.status_code == 422 and response.json()["detail"].startswith("请求参数不正确")
