"""Notice versions: publication, material changes, the archive and its diffs (P71, P73, P74),
through the engine API and through ``shouyue notice``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from shouyue.privacy import audit
from shouyue.privacy.notice import versions
from shouyue.privacy.notice.models import NoticeVersion
from shouyue.privacy.notice.versions import (
    InvalidNoticeVersion,
    NoticeUnchanged,
    NoticeVersionExists,
    UnknownNoticeVersion,
)
from tests.privacy.consent.builders import STAFF, T0, add_purpose, both, make_datamap, prose, publish, purpose_entry

LATER = T0 + timedelta(days=30)


def _publish_edit(session: Session, edit: Callable[[dict[str, Any]], None], version: str = "v2") -> NoticeVersion:
    publish(session, make_datamap(), "v1")
    return publish(session, make_datamap(edit), version, now=LATER)


def test_the_first_version_is_material_and_archived_with_its_fingerprints(db_session: Session) -> None:
    # given an empty archive
    datamap = make_datamap()
    # when the first version is published
    row = publish(db_session, datamap, "v1")
    # then it is material, keeps the canonical text and a fingerprint per entry, and is audited
    assert (row.seq, row.material, row.material_reasons) == (1, True, ["首次发布"])
    assert row.text == versions.render_text(datamap=datamap, prose=prose(), version="v1")
    assert row.text.startswith("守约平台隐私声明\n")
    assert "版本：v1" in row.text
    assert set(row.purposes) == {p.id for p in datamap.purposes}
    assert set(row.recipients) == {"sdk.kuaidi100"}
    assert all(len(digest) == 64 for digest in row.categories.values())
    assert row.datamap_digest == versions.fingerprints(datamap).datamap
    assert row.diff.startswith("--- （无）\n+++ v1\n")
    assert row.published_at == T0 and row.published_by == STAFF.id
    assert versions.latest(session=db_session) is row


def test_publication_is_audited(db_session: Session) -> None:
    row = publish(db_session, make_datamap(), "v1")
    [entry] = [e for e in _all_audit(db_session) if e.action == "notice.published"]
    assert (entry.actor_kind, entry.actor_id, entry.subject_id) == ("staff", STAFF.id, None)
    assert entry.refs == {"version": "v1", "seq": 1, "material": "yes", "datamap_digest": row.datamap_digest}


def _all_audit(session: Session) -> list[audit.AuditEntry]:
    return list(session.scalars(select(audit.AuditEntry).order_by(audit.AuditEntry.seq)))


def test_a_version_string_is_published_once(db_session: Session) -> None:
    publish(db_session, make_datamap(), "v1")
    with pytest.raises(NoticeVersionExists, match="隐私政策版本「v1」已发布，不能重复发布"):
        publish(db_session, make_datamap(add_purpose), "v1", now=LATER)


def test_an_unchanged_notice_is_not_published_again(db_session: Session) -> None:
    # given v1, and a data map whose only changes are its own version and how a value is masked
    publish(db_session, make_datamap(), "v1")

    def cosmetic(raw: dict[str, Any]) -> None:
        raw["version"] = "2026-12-28"
        raw["categories"][0]["mask"] = "last4"

    # when it is published as v2
    # then it is refused: nobody would be told anything new
    with pytest.raises(NoticeUnchanged):
        publish(db_session, make_datamap(cosmetic), "v2", now=LATER)


@pytest.mark.parametrize("version", ["", "v 2", "版本二", "-v2", "v" * 41])
def test_version_strings_are_ids(db_session: Session, version: str) -> None:
    with pytest.raises(InvalidNoticeVersion):
        publish(db_session, make_datamap(), version)


def _drop_push(raw: dict[str, Any]) -> None:
    raw["purposes"] = [p for p in raw["purposes"] if p["id"] != "marketing.push"]


def _share_name(raw: dict[str, Any]) -> None:
    raw["recipients"][0]["fields"]["recipient.name"] = "mask"


def _relabel_phone(raw: dict[str, Any]) -> None:
    raw["categories"][0]["label"] = "手机号码（含国际号码）"


def _new_email(raw: dict[str, Any]) -> None:
    raw["controller"]["email"] = "dpo@shouyue.example"


def _longer_records(raw: dict[str, Any]) -> None:
    raw["retention"][1]["days"] = 1825


def _widen_personalisation(raw: dict[str, Any]) -> None:
    purpose_entry(raw, "recommendation.personalised")["categories"] = ["behaviour.browsing", "contact.phone"]


@pytest.mark.parametrize(
    ("edit", "reasons"),
    [
        (add_purpose, ["新增处理目的：短信营销"]),
        (_drop_push, ["删除处理目的：推送通知与商业广告"]),
        (_widen_personalisation, ["变更处理目的：个性化推荐"]),
        (_share_name, ["变更共享对象：快递100"]),
        (_relabel_phone, ["变更个人信息类型：手机号码（含国际号码）"]),
        (_longer_records, ["变更保存期限：交易记录"]),
        (_new_email, ["变更个人信息处理者信息或联系方式"]),
    ],
)
def test_changes_to_what_subjects_agreed_to_are_material(
    db_session: Session, edit: Callable[[dict[str, Any]], None], reasons: list[str]
) -> None:
    # given v1, when v2 changes purposes, categories, recipients, retention or the controller (P73)
    row = _publish_edit(db_session, edit)
    # then v2 is material and says why, in Chinese
    assert row.material is True
    assert row.material_reasons == reasons


def test_a_wording_change_is_published_but_not_material(db_session: Session) -> None:
    # given v1, when only the notice's fixed wording changes
    publish(db_session, make_datamap(), "v1")
    reworded = prose().model_copy(update={"title": "{product}个人信息保护政策"})
    row = versions.publish(
        session=db_session, datamap=make_datamap(), prose=reworded, version="v2", actor=STAFF, now=LATER
    )
    # then it is a new, non-material version whose diff shows the new wording
    assert (row.material, row.material_reasons) == (False, [])
    assert "\n-守约平台隐私声明\n" in row.diff
    assert "\n+守约平台个人信息保护政策\n" in row.diff


def test_every_version_stays_readable_with_a_diff_to_its_predecessor(db_session: Session) -> None:
    # given three versions (P74)
    publish(db_session, make_datamap(), "v1")
    publish(db_session, make_datamap(add_purpose), "v2", now=LATER)
    publish(db_session, make_datamap(both(add_purpose, _drop_push)), "v3", now=LATER + timedelta(1))
    # when the archive is read
    archive = versions.all_versions(session=db_session)
    # then all are there in order, each diffed against the one before
    assert [(r.seq, r.version) for r in archive] == [(1, "v1"), (2, "v2"), (3, "v3")]
    assert archive[1].diff.startswith("--- v1\n+++ v2\n")
    assert "+" in archive[1].diff and "短信营销" in archive[1].diff
    assert archive[2].diff.startswith("--- v2\n+++ v3\n")
    assert versions.get_or_raise(session=db_session, version="v1").text == archive[0].text
    assert versions.get(session=db_session, version="v9") is None
    with pytest.raises(UnknownNoticeVersion):
        versions.get_or_raise(session=db_session, version="v9")


def test_changed_purposes_names_the_new_and_changed_ones(db_session: Session) -> None:
    publish(db_session, make_datamap(), "v1")
    publish(db_session, make_datamap(both(add_purpose, _share_name)), "v2", now=LATER)
    # the new SMS purpose, and order fulfilment because its recipient now receives more
    assert versions.changed_purposes(session=db_session, since_version="v1") == {"marketing.sms", "order.fulfilment"}
    assert versions.changed_purposes(session=db_session, since_version="v2") == set()
    with pytest.raises(UnknownNoticeVersion):
        versions.changed_purposes(session=db_session, since_version="v0")


# --- through the CLI -------------------------------------------------------------------------


@pytest.fixture
def cli_env(fresh_database: Callable[[], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated database of its own and a copy of the live data map, for ``shouyue notice``."""
    from shouyue import db, engine, settings
    from shouyue.migrate import upgrade

    url = fresh_database()
    upgrade(url)
    datamap_path = tmp_path / "datamap.yaml"
    datamap_path.write_text(engine.DEFAULT_DATAMAP.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("SHOUYUE_DATABASE_URL", url)
    monkeypatch.setenv("SHOUYUE_DATAMAP_PATH", str(datamap_path))

    def forget() -> None:
        if db.get_sessionmaker.cache_info().currsize:
            db.get_engine().dispose()
        db.get_sessionmaker.cache_clear()
        db.get_engine.cache_clear()
        settings.get_settings.cache_clear()
        engine.get_datamap.cache_clear()

    forget()
    yield datamap_path
    forget()
    monkeypatch.undo()


def _add_sms_purpose(datamap_path: Path) -> str:
    """Declare a new consent purpose in the data map file; returns its label."""
    raw = yaml.safe_load(datamap_path.read_text(encoding="utf-8"))
    category = next(c["id"] for c in raw["categories"] if not c["sensitive"] and c["protection"] == "sealed")
    raw["version"] = "2026-12-28"
    raw["purposes"].append(
        {
            "id": "marketing.weekly_digest",
            "label": "每周好物推荐短信",
            "description": "每周发送一条好物推荐短信；可回复短信退订",
            "kind": "additional",
            "basis": "consent",
            "categories": [category],
            "retention": raw["purposes"][0]["retention"],
        }
    )
    datamap_path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return "每周好物推荐短信"


def _run(*args: str) -> Any:
    from shouyue import engine, settings
    from shouyue.cli import app

    # Each run reads the data map file afresh, as a new process would.
    settings.get_settings.cache_clear()
    engine.get_datamap.cache_clear()
    return CliRunner().invoke(app, list(args))


@pytest.mark.promise("P71", "P73", "P74")
def test_cli_publishes_marks_material_changes_and_lists_the_archive(cli_env: Path) -> None:
    # given the live data map, published once
    first = _run("notice", "publish")
    assert first.exit_code == 0, first.output
    assert "published notice version 2026-11-28" in first.output
    assert "material: yes" in first.output and "首次发布" in first.output

    # when a new purpose is declared and the notice is published again
    label = _add_sms_purpose(cli_env)
    second = _run("notice", "publish")

    # then the new version is material and names the new purpose
    assert second.exit_code == 0, second.output
    assert "published notice version 2026-12-28" in second.output
    assert "material: yes" in second.output
    assert f"新增处理目的：{label}" in second.output

    # and the archive lists both, each readable with its diff
    listing = _run("notice", "list")
    assert listing.exit_code == 0, listing.output
    assert listing.output.index("2026-11-28") < listing.output.index("2026-12-28")
    assert f"新增处理目的：{label}" in listing.output
    old_text = _run("notice", "show", "2026-11-28")
    assert old_text.exit_code == 0 and "版本：2026-11-28" in old_text.output and label not in old_text.output
    diff = _run("notice", "show", "2026-12-28", "--diff")
    assert diff.exit_code == 0 and diff.output.startswith("--- 2026-11-28\n+++ 2026-12-28\n")
    assert any(line.startswith("+") and label in line for line in diff.output.splitlines())


@pytest.mark.promise("P74")
def test_cli_refuses_a_version_that_exists(cli_env: Path) -> None:
    assert _run("notice", "publish", "--version", "2026-11-28").exit_code == 0
    _add_sms_purpose(cli_env)
    again = _run("notice", "publish", "--version", "2026-11-28")
    assert again.exit_code != 0
    assert "隐私政策版本「2026-11-28」已发布，不能重复发布" in again.output
    listing = _run("notice", "list")
    assert listing.output.count("published") == 1


def test_cli_runs_the_published_hooks_after_the_commit(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shouyue.commands import notice

    seen: list[str] = []
    monkeypatch.setattr(notice, "on_published", [seen.append])
    assert _run("notice", "publish", "--version", "v1").exit_code == 0
    assert seen == ["v1"]
