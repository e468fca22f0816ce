"""Device permissions (P31) through the engine API: the server refuses data from a feature
whose permission is not granted, and apps do not ask again within 48 hours of a refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session

from shouyue.privacy import permissions
from shouyue.privacy.permissions import (
    Permission,
    PermissionNotGranted,
    PermissionState,
    UnknownPermission,
    UnknownPermissionState,
)

SUBJECT = "acct_3003"
T0 = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)


def _should_prompt(session: Session, now: datetime, permission: str = "location") -> bool:
    return permissions.should_prompt(session=session, subject_id=SUBJECT, permission=permission, now=now)


def _report(session: Session, state: str, at: datetime, permission: str = "location") -> None:
    permissions.report(session=session, subject_id=SUBJECT, permission=permission, state=state, at=at)


def test_a_permission_never_asked_may_be_asked_and_is_not_granted(db_session: Session) -> None:
    assert _should_prompt(db_session, T0)
    current = permissions.status(session=db_session, subject_id=SUBJECT, permission="camera")
    assert (current.state, current.decided_at) == (PermissionState.NOT_ASKED, None)
    with pytest.raises(PermissionNotGranted, match="未授权「相机」权限，无法使用此功能"):
        permissions.require_permission(session=db_session, subject_id=SUBJECT, permission="camera")


@pytest.mark.parametrize(("hours", "may_ask"), [(0, False), (47, False), (47.99, False), (48, True), (49, True)])
def test_no_new_prompt_within_48_hours_of_a_refusal(db_session: Session, hours: float, may_ask: bool) -> None:
    # given the subject refused the location permission at T0
    _report(db_session, "denied", T0)
    # when an app asks whether it may prompt again some hours later
    # then only from 48 hours on
    assert _should_prompt(db_session, T0 + timedelta(hours=hours)) is may_ask


def test_the_clock_may_be_given_in_any_time_zone(db_session: Session) -> None:
    _report(db_session, "denied", T0)
    beijing = timezone(timedelta(hours=8))
    assert not _should_prompt(db_session, (T0 + timedelta(hours=47)).astimezone(beijing))
    assert _should_prompt(db_session, (T0 + timedelta(hours=49)).astimezone(beijing))


def test_a_dismissed_prompt_also_waits_48_hours(db_session: Session) -> None:
    permissions.record_prompt(session=db_session, subject_id=SUBJECT, permission="photos", at=T0)
    assert not _should_prompt(db_session, T0 + timedelta(hours=47), "photos")
    assert _should_prompt(db_session, T0 + timedelta(hours=49), "photos")


def test_a_granted_permission_is_never_asked_again_and_lets_data_through(db_session: Session) -> None:
    permissions.record_prompt(session=db_session, subject_id=SUBJECT, permission="location", at=T0)
    _report(db_session, "granted", T0)
    assert not _should_prompt(db_session, T0 + timedelta(days=30))
    permissions.require_permission(session=db_session, subject_id=SUBJECT, permission="location")


def test_a_revoked_permission_refuses_data_at_once(db_session: Session) -> None:
    # given location granted, then switched off in the phone's settings (六3)
    _report(db_session, "granted", T0)
    _report(db_session, "denied", T0 + timedelta(minutes=5))
    # when the app still sends location data
    # then the server refuses it
    with pytest.raises(PermissionNotGranted, match="未授权「位置信息」权限，无法使用此功能"):
        permissions.require_permission(session=db_session, subject_id=SUBJECT, permission=Permission.LOCATION)
    current = permissions.status(session=db_session, subject_id=SUBJECT, permission="location")
    assert current.decided_at == T0 + timedelta(minutes=5)


def test_refusing_one_permission_leaves_the_others_alone(db_session: Session) -> None:
    _report(db_session, "granted", T0, "camera")
    _report(db_session, "denied", T0, "contacts")
    by_permission = {s.permission: s.state for s in permissions.statuses(session=db_session, subject_id=SUBJECT)}
    assert by_permission[Permission.CAMERA] is PermissionState.GRANTED
    assert by_permission[Permission.CONTACTS] is PermissionState.DENIED
    assert by_permission[Permission.CALENDAR] is PermissionState.NOT_ASKED
    permissions.require_permission(session=db_session, subject_id=SUBJECT, permission="camera")


def test_unknown_names_and_naive_times_are_clear_errors(db_session: Session) -> None:
    with pytest.raises(UnknownPermission, match=r"'gps'.*location, camera, photos, microphone, contacts, calendar"):
        _report(db_session, "granted", T0, "gps")
    with pytest.raises(UnknownPermission):
        permissions.require_permission(session=db_session, subject_id=SUBJECT, permission="gps")
    with pytest.raises(UnknownPermissionState):
        _report(db_session, "maybe", T0)
    with pytest.raises(ValueError, match="naive datetime"):
        _should_prompt(db_session, datetime(2026, 11, 28, 20, 0))


def test_every_permission_the_data_map_may_name_is_known() -> None:
    from typing import get_args

    from shouyue.privacy.datamap import schema

    names = getattr(schema, "PermissionName", None)
    assert names is not None, "the data map schema no longer exports PermissionName"
    assert set(get_args(names)) <= {p.value for p in Permission}
