"""Publishing the privacy notice: render it from the data map, compare it with the version
before, mark it material when what subjects agreed to has changed, and archive it (P71-P74).

Publishing only records the version. Telling every subject about it (P71) is the
application's job once the transaction has committed: it has the accounts and the channels.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.errors import PrivacyError
from shouyue.privacy.notice.models import VERSION_MAX, NoticeVersion
from shouyue.privacy.notice.prose import Prose
from shouyue.privacy.notice.render import render_notice
from shouyue.privacy.permissions.rows import as_utc

# Same shape as the audit log's ids, since the version is written there as a reference.
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")

# Fingerprints cover what subjects are told and agree to. How a value is stored or masked,
# which heading lists it and which clause cites it can change without asking anyone again.
_NOT_AGREED: Mapping[str, frozenset[str]] = {
    "categories": frozenset({"protection", "mask", "group", "notice"}),
    "purposes": frozenset({"notice"}),
    "recipients": frozenset({"order"}),
    "retention": frozenset(),
}

_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


class NoticeVersionError(PrivacyError):
    """Base of the errors about published notice versions."""


class InvalidNoticeVersion(NoticeVersionError, ValueError):
    def __init__(self, version: str) -> None:
        super().__init__(f"隐私政策版本号「{version}」无效：只能使用字母、数字和 _.:-，且不超过 {VERSION_MAX} 个字符")
        self.version = version


class NoticeVersionExists(NoticeVersionError):
    def __init__(self, version: str) -> None:
        super().__init__(f"隐私政策版本「{version}」已发布，不能重复发布")
        self.version = version


class NoticeUnchanged(NoticeVersionError):
    def __init__(self, version: str, latest: str) -> None:
        super().__init__(f"与已发布的版本「{latest}」相比没有任何变化，无需发布新版本「{version}」")
        self.version = version
        self.latest = latest


class UnknownNoticeVersion(NoticeVersionError):
    def __init__(self, version: str) -> None:
        super().__init__(f"隐私政策版本「{version}」不存在")
        self.version = version


class NoticeNotPublished(NoticeVersionError):
    def __init__(self) -> None:
        super().__init__("隐私政策尚未发布，暂不能处理个人信息")


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """SHA-256 fingerprints of a data map: the whole of it, and each entry by id."""

    datamap: str
    purposes: dict[str, str]
    categories: dict[str, str]
    recipients: dict[str, str]
    retention: dict[str, str]
    controller: str
    purpose_scopes: dict[str, str]


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: the form every fingerprint hashes."""
    return _dumps(value)


def _sha256(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def _agreed(kind: str, entry: BaseModel) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude=set(_NOT_AGREED[kind]))


def purpose_scope(datamap: DataMap, purpose_id: str) -> str:
    """Fingerprint of a purpose with everything it brings along: its own entry, the categories
    it uses, its retention rule and the recipients serving it (raises ``UnknownPurpose``)."""
    purpose = datamap.purpose(purpose_id)
    return _sha256(
        {
            "purpose": _agreed("purposes", purpose),
            "categories": [_agreed("categories", datamap.category(c)) for c in sorted(purpose.categories)],
            "retention": _agreed("retention", datamap.retention_rule(purpose.retention)),
            "recipients": [
                _agreed("recipients", r)
                for r in sorted(datamap.recipients, key=lambda r: r.id)
                if purpose_id in r.purposes
            ],
        }
    )


def fingerprints(datamap: DataMap) -> Fingerprints:
    """Every fingerprint a published version keeps."""
    return Fingerprints(
        datamap=_sha256(datamap.model_dump(mode="json")),
        purposes={p.id: _sha256(_agreed("purposes", p)) for p in datamap.purposes},
        categories={c.id: _sha256(_agreed("categories", c)) for c in datamap.categories},
        recipients={r.id: _sha256(_agreed("recipients", r)) for r in datamap.recipients},
        retention={r.id: _sha256(_agreed("retention", r)) for r in datamap.retention},
        controller=_sha256(datamap.controller.model_dump(mode="json")),
        purpose_scopes={p.id: purpose_scope(datamap, p.id) for p in datamap.purposes},
    )


def render_text(*, datamap: DataMap, prose: Prose, version: str) -> str:
    """The canonical text of the notice as it would be published under ``version``."""
    # The rendered header prints the data map's version; a published notice prints its own.
    return render_notice(datamap.model_copy(update={"version": version}), prose).as_text()


def publish(
    *, session: Session, datamap: DataMap, prose: Prose, version: str, actor: Actor, now: datetime
) -> NoticeVersion:
    """Render, compare with the latest version, archive and audit a new notice version."""
    if len(version) > VERSION_MAX or not _VERSION.fullmatch(version):
        raise InvalidNoticeVersion(version)
    if get(session=session, version=version) is not None:
        raise NoticeVersionExists(version)
    previous = latest(session=session)
    prints = fingerprints(datamap)
    if previous is not None:
        # Rendered under the previous label, an unchanged notice reproduces the archived text exactly.
        as_previous = render_text(datamap=datamap, prose=prose, version=previous.version)
        if _same_notice(previous, prints, as_previous):
            raise NoticeUnchanged(version, previous.version)
    text = render_text(datamap=datamap, prose=prose, version=version)
    reasons = material_reasons(previous, prints, datamap)
    seq = (session.scalar(select(func.max(NoticeVersion.seq))) or 0) + 1
    row = NoticeVersion(
        seq=seq,
        version=version,
        published_at=as_utc(now),
        published_by=actor.id,
        text=text,
        datamap_version=datamap.version,
        datamap_digest=prints.datamap,
        datamap=canonical_json(datamap.model_dump(mode="json")),
        purposes=prints.purposes,
        categories=prints.categories,
        recipients=prints.recipients,
        retention=prints.retention,
        controller=prints.controller,
        purpose_scopes=prints.purpose_scopes,
        material=bool(reasons),
        material_reasons=reasons,
        diff=_diff(previous, version, text),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="notice.published",
        refs={
            "version": version,
            "seq": seq,
            "material": "yes" if row.material else "no",
            "datamap_digest": prints.datamap,
        },
    )
    return row


def _same_notice(previous: NoticeVersion, prints: Fingerprints, text_as_previous: str) -> bool:
    return (
        text_as_previous == previous.text
        and prints.purposes == previous.purposes
        and prints.categories == previous.categories
        and prints.recipients == previous.recipients
        and prints.retention == previous.retention
        and prints.controller == previous.controller
    )


def material_reasons(previous: NoticeVersion | None, prints: Fingerprints, datamap: DataMap) -> list[str]:
    """Why a version is material (P73), in Chinese; empty when it is not."""
    if previous is None:
        return ["首次发布"]
    old: dict[str, Any] = json.loads(previous.datamap)
    reasons: list[str] = []
    for kind, noun, new_prints, old_prints, label_key in (
        ("purposes", "处理目的", prints.purposes, previous.purposes, "label"),
        ("categories", "个人信息类型", prints.categories, previous.categories, "label"),
        ("recipients", "共享对象", prints.recipients, previous.recipients, "name"),
        ("retention", "保存期限", prints.retention, previous.retention, "label"),
    ):
        new_labels = {entry.id: getattr(entry, label_key) for entry in getattr(datamap, kind)}
        old_labels = {entry["id"]: entry[label_key] for entry in old.get(kind, [])}
        reasons += [f"新增{noun}：{new_labels[i]}" for i in new_prints if i not in old_prints]
        reasons += [f"删除{noun}：{old_labels.get(i, i)}" for i in old_prints if i not in new_prints]
        reasons += [
            f"变更{noun}：{new_labels[i]}" for i in new_prints if i in old_prints and old_prints[i] != new_prints[i]
        ]
    if prints.controller != previous.controller:
        reasons.append("变更个人信息处理者信息或联系方式")
    return reasons


def _diff(previous: NoticeVersion | None, version: str, text: str) -> str:
    before = previous.text if previous is not None else ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        text.splitlines(keepends=True),
        fromfile=previous.version if previous is not None else "（无）",
        tofile=version,
    )
    return "".join(lines)


def get(*, session: Session, version: str) -> NoticeVersion | None:
    """The published version, or None."""
    return session.scalar(select(NoticeVersion).where(NoticeVersion.version == version))


def get_or_raise(*, session: Session, version: str) -> NoticeVersion:
    """The published version, or :class:`UnknownNoticeVersion`."""
    row = get(session=session, version=version)
    if row is None:
        raise UnknownNoticeVersion(version)
    return row


def latest(*, session: Session) -> NoticeVersion | None:
    """The newest published version, or None before the first publication."""
    return session.scalar(select(NoticeVersion).order_by(NoticeVersion.seq.desc()).limit(1))


def latest_or_raise(*, session: Session) -> NoticeVersion:
    """The newest published version, or :class:`NoticeNotPublished`."""
    row = latest(session=session)
    if row is None:
        raise NoticeNotPublished()
    return row


def latest_version(*, session: Session) -> str | None:
    """The newest version string only (cheap: no text is loaded)."""
    return session.scalar(select(NoticeVersion.version).order_by(NoticeVersion.seq.desc()).limit(1))


def all_versions(*, session: Session) -> list[NoticeVersion]:
    """The archive, oldest first (P74)."""
    return list(session.scalars(select(NoticeVersion).order_by(NoticeVersion.seq)))


def purpose_scopes(*, session: Session, version: str) -> dict[str, str] | None:
    """The purpose-scope fingerprints of one version (cheap: no text is loaded), or None."""
    return session.scalar(select(NoticeVersion.purpose_scopes).where(NoticeVersion.version == version))


def changed_purposes(*, session: Session, since_version: str) -> set[str]:
    """Purposes of the latest version that are new or changed since ``since_version`` (P72)."""
    since = purpose_scopes(session=session, version=since_version)
    if since is None:
        raise UnknownNoticeVersion(since_version)
    now = latest_or_raise(session=session).purpose_scopes
    return {purpose for purpose, scope in now.items() if since.get(purpose) != scope}
