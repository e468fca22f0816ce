"""The privacy center's use cases. Pages and the API call these same functions; every decision
is the engine's (``shouyue.privacy.consent``, ``permissions``, ``notice.versions``). Services
flush; the route commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from shouyue.commerce.identity import service as identity
from shouyue.commerce.privacy_center.exceptions import NotSeparateConsent, SeparateConfirmationRequired
from shouyue.privacy import consent, permissions
from shouyue.privacy.consent import Channel, ConsentEvent, NoticeAcceptance
from shouyue.privacy.datamap import DataMap, LegalBasis, Purpose
from shouyue.privacy.notice import versions
from shouyue.privacy.notice.models import NoticeVersion
from shouyue.privacy.notice.words import BASIS, KIND
from shouyue.privacy.permissions import Permission, PermissionState

# --- consents (P35, P60, P82, P07, P23) --------------------------------------------------------

BASIS_NOTES: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: "基于您的同意处理：您可以随时开启或关闭，关闭不影响购物等核心功能。",
    LegalBasis.SEPARATE_CONSENT: (
        "涉及敏感个人信息或向他人提供个人信息，须经您就此事项单独同意；不会与其他事项一并征求，您可以随时撤回。"
    ),
    LegalBasis.CONTRACT: "为提供您要求的服务（履行合同）所必需，不需要另行同意。",
    LegalBasis.LEGAL_OBLIGATION: "为履行法定义务所必需，不需要另行同意。",
}


class ConsentState(StrEnum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    NOT_DECIDED = "not_decided"
    RENEWAL_REQUIRED = "renewal_required"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ConsentState.GRANTED: "已开启",
    ConsentState.WITHDRAWN: "已关闭",
    ConsentState.NOT_DECIDED: "未开启",
    ConsentState.RENEWAL_REQUIRED: "处理规则已变更，需重新同意",
}


@dataclass(frozen=True, slots=True)
class ConsentView:
    """One consent-based purpose as the subject sees it in the privacy settings."""

    purpose: str
    label: str
    description: str
    kind: str
    kind_label: str
    basis: str
    basis_label: str
    basis_note: str
    separate: bool
    permission: str | None
    permission_label: str | None
    categories: list[str]
    notice_clause: str
    state: ConsentState
    state_label: str
    granted: bool
    decided_at: datetime | None
    notice_version: str | None


@dataclass(frozen=True, slots=True)
class ConsentEventView:
    purpose: str
    label: str
    action: str
    action_label: str
    notice_version: str | None
    channel: str
    at: datetime


def consentable(datamap: DataMap) -> list[Purpose]:
    """Every purpose the subject decides on (consent or separate consent), in the data map's order."""
    return [p for p in datamap.purposes if p.basis in consent.CONSENT_BASES]


def _view(
    session: Session, datamap: DataMap, entry: Purpose, subject_id: str, scopes: dict[str, dict[str, str] | None]
) -> ConsentView:
    current = consent.state(session=session, subject_id=subject_id, purpose=entry.id)
    if current is None:
        state = ConsentState.NOT_DECIDED
    elif not current.granted:
        state = ConsentState.WITHDRAWN
    else:
        # A grant given on a notice that described the purpose differently no longer covers it.
        version = current.notice_version or ""
        if version not in scopes:
            scopes[version] = versions.purpose_scopes(session=session, version=version) if version else None
        given_on = (scopes[version] or {}).get(entry.id)
        live = versions.purpose_scope(datamap, entry.id)
        state = ConsentState.GRANTED if given_on == live else ConsentState.RENEWAL_REQUIRED
    permission = Permission(entry.permission) if entry.permission else None
    return ConsentView(
        purpose=entry.id,
        label=entry.label,
        description=entry.description,
        kind=entry.kind.value,
        kind_label=KIND[entry.kind.value],
        basis=entry.basis.value,
        basis_label=BASIS[entry.basis],
        basis_note=BASIS_NOTES[entry.basis],
        separate=entry.basis is LegalBasis.SEPARATE_CONSENT,
        permission=permission.value if permission else None,
        permission_label=permission.label if permission else None,
        categories=[datamap.category(c).label for c in entry.categories],
        notice_clause=entry.notice,
        state=state,
        state_label=state.label,
        granted=state is ConsentState.GRANTED,
        decided_at=current.updated_at if current else None,
        notice_version=current.notice_version if current else None,
    )


def list_consents(*, session: Session, datamap: DataMap, subject_id: str) -> list[ConsentView]:
    """Every consent-based purpose with the subject's current decision (nothing is on by default)."""
    scopes: dict[str, dict[str, str] | None] = {}
    return [_view(session, datamap, entry, subject_id, scopes) for entry in consentable(datamap)]


def get_consent(*, session: Session, datamap: DataMap, subject_id: str, purpose: str) -> ConsentView:
    """One purpose's decision; ``UnknownPurpose`` or ``ConsentNotApplicable`` for any other id."""
    entry = datamap.purpose(purpose)
    if entry.basis not in consent.CONSENT_BASES:
        raise consent.ConsentNotApplicable(entry.id, entry.label)
    return _view(session, datamap, entry, subject_id, {})


def separate_consent(*, session: Session, datamap: DataMap, subject_id: str, purpose: str) -> ConsentView:
    """A separate-consent purpose for its own confirmation step (P82)."""
    view = get_consent(session=session, datamap=datamap, subject_id=subject_id, purpose=purpose)
    if not view.separate:
        raise NotSeparateConsent()
    return view


def grant_consent(
    *,
    session: Session,
    datamap: DataMap,
    subject_id: str,
    purpose: str,
    notice_version: str,
    confirm_separate: bool,
    channel: Channel,
) -> ConsentView:
    """Turn one purpose on. A separate-consent purpose needs its own confirmation (P82)."""
    entry = datamap.purpose(purpose)
    if entry.basis is LegalBasis.SEPARATE_CONSENT and not confirm_separate:
        raise SeparateConfirmationRequired(entry.label)
    _refuse_for_children(session=session, subject_id=subject_id, purposes=[purpose])
    consent.grant(
        session=session,
        subject_id=subject_id,
        purpose=purpose,
        notice_version=notice_version,
        channel=channel,
        datamap=datamap,
        evidence=f"privacy-center:{'separate-confirm' if confirm_separate else 'toggle'}",
    )
    return get_consent(session=session, datamap=datamap, subject_id=subject_id, purpose=purpose)


def grant_consents(
    *,
    session: Session,
    datamap: DataMap,
    subject_id: str,
    purposes: Sequence[str],
    notice_version: str,
    channel: Channel,
) -> list[ConsentView]:
    """Turn several ordinary-consent purposes on in one act; a separate-consent purpose in the
    list refuses the whole act (P82)."""
    _refuse_for_children(session=session, subject_id=subject_id, purposes=purposes)
    consent.grant_many(
        session=session,
        subject_id=subject_id,
        purposes=purposes,
        notice_version=notice_version,
        channel=channel,
        datamap=datamap,
        evidence="privacy-center:several",
    )
    return [get_consent(session=session, datamap=datamap, subject_id=subject_id, purpose=p) for p in purposes]


def _refuse_for_children(*, session: Session, subject_id: str, purposes: Sequence[str]) -> None:
    """No marketing or personalisation consent for a child under 14, guardian or not (P66)."""
    identity.ensure_may_consent(
        session=session, account_id=subject_id, purposes=purposes, today=identity.china_today(datetime.now(UTC))
    )


def withdraw_consent(
    *, session: Session, datamap: DataMap, subject_id: str, purpose: str, channel: Channel
) -> ConsentView:
    """Turn one purpose off; the next request is processed without it (P60)."""
    consent.withdraw(
        session=session,
        subject_id=subject_id,
        purpose=purpose,
        channel=channel,
        datamap=datamap,
        evidence="privacy-center:withdraw",
    )
    return get_consent(session=session, datamap=datamap, subject_id=subject_id, purpose=purpose)


def refuse_all(*, session: Session, datamap: DataMap, subject_id: str, channel: Channel) -> list[ConsentView]:
    """Record a refusal of every optional purpose not already off; core functions are untouched (P07)."""
    for view in list_consents(session=session, datamap=datamap, subject_id=subject_id):
        if view.state is not ConsentState.WITHDRAWN:
            consent.withdraw(
                session=session,
                subject_id=subject_id,
                purpose=view.purpose,
                channel=channel,
                datamap=datamap,
                evidence="privacy-center:refuse-all",
            )
    return list_consents(session=session, datamap=datamap, subject_id=subject_id)


_ACTION_LABELS = {"granted": "同意", "withdrawn": "撤回"}


def consent_history(*, session: Session, datamap: DataMap, subject_id: str) -> list[ConsentEventView]:
    """Every grant and withdrawal of the subject, newest first."""
    labels = {p.id: p.label for p in datamap.purposes}
    events: list[ConsentEvent] = consent.history(session=session, subject_id=subject_id)
    return [
        ConsentEventView(
            purpose=e.purpose,
            label=labels.get(e.purpose, e.purpose),
            action=e.action,
            action_label=_ACTION_LABELS.get(e.action, e.action),
            notice_version=e.notice_version,
            channel=e.channel,
            at=e.at,
        )
        for e in reversed(events)
    ]


# --- device permissions (P31) ------------------------------------------------------------------

# The notice's 二(三) lists these six; the others are implied by its SDK table.
NOTICE_PERMISSIONS = (
    Permission.LOCATION,
    Permission.CAMERA,
    Permission.PHOTOS,
    Permission.MICROPHONE,
    Permission.CONTACTS,
    Permission.CALENDAR,
)

_PERMISSION_STATE_LABELS = {
    PermissionState.GRANTED: "已允许",
    PermissionState.DENIED: "已拒绝",
    PermissionState.NOT_ASKED: "未询问",
}


@dataclass(frozen=True, slots=True)
class PermissionView:
    permission: str
    label: str
    state: str
    state_label: str
    decided_at: datetime | None
    last_prompted_at: datetime | None
    should_prompt: bool
    next_prompt_at: datetime | None
    purposes: list[str]


def _permission_view(
    session: Session, datamap: DataMap, subject_id: str, permission: Permission | str, now: datetime
) -> PermissionView:
    current = permissions.status(session=session, subject_id=subject_id, permission=permission)
    ask = permissions.should_prompt(session=session, subject_id=subject_id, permission=current.permission, now=now)
    next_at: datetime | None = None
    if not ask and current.state is not PermissionState.GRANTED:
        refusals = [current.last_prompted_at]
        if current.state is PermissionState.DENIED:
            refusals.append(current.decided_at)
        last = max((t for t in refusals if t is not None), default=None)
        next_at = last + permissions.QUIET_AFTER_REFUSAL if last is not None else None
    return PermissionView(
        permission=current.permission.value,
        label=current.permission.label,
        state=current.state.value,
        state_label=_PERMISSION_STATE_LABELS[current.state],
        decided_at=current.decided_at,
        last_prompted_at=current.last_prompted_at,
        should_prompt=ask,
        next_prompt_at=next_at,
        purposes=[p.label for p in datamap.purposes if p.permission == current.permission.value],
    )


def list_permissions(
    *, session: Session, datamap: DataMap, subject_id: str, now: datetime, only_notice: bool = False
) -> list[PermissionView]:
    """Every device permission's state (or only the notice's six), in the notice's order."""
    chosen = NOTICE_PERMISSIONS if only_notice else tuple(Permission)
    return [_permission_view(session, datamap, subject_id, p, now) for p in chosen]


def get_permission(
    *, session: Session, datamap: DataMap, subject_id: str, permission: str, now: datetime
) -> PermissionView:
    """One permission's state; ``UnknownPermission`` for a name the engine does not know."""
    return _permission_view(session, datamap, subject_id, permissions.permission_of(permission), now)


def report_permission(
    *, session: Session, datamap: DataMap, subject_id: str, permission: str, state: str, now: datetime
) -> PermissionView:
    """Record the state an app (or the subject, on the web) reports for a device permission."""
    permissions.report(session=session, subject_id=subject_id, permission=permission, state=state, at=now)
    return get_permission(session=session, datamap=datamap, subject_id=subject_id, permission=permission, now=now)


def record_prompt(
    *, session: Session, datamap: DataMap, subject_id: str, permission: str, now: datetime
) -> PermissionView:
    """Record that an app showed the system prompt now (a dismissed prompt counts as a refusal)."""
    permissions.record_prompt(session=session, subject_id=subject_id, permission=permission, at=now)
    return get_permission(session=session, datamap=datamap, subject_id=subject_id, permission=permission, now=now)


# --- precise location for nearby items (P31, P35, P60) -----------------------------------------

LOCATION_PURPOSE = "feature.location"
# One decimal of a degree: about 11 km, enough for "nearby" and far from a whereabouts.
_COARSE_DIGITS = 1
_COARSE_KM = 11


@dataclass(frozen=True, slots=True)
class NearbyView:
    area: str
    latitude: float
    longitude: float
    precision_km: int
    stored: bool
    message: str


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{positive if value >= 0 else negative}{abs(value):.{_COARSE_DIGITS}f}°"


def use_location(
    *, session: Session, datamap: DataMap, subject_id: str, latitude: float, longitude: float
) -> NearbyView:
    """Use a precise location to find what is nearby, only when the engine allows ``feature.location``
    now: notice accepted, separate consent given, location permission granted. The precise value
    is never stored, whether refused or used (the data map's ``transient`` rule)."""
    consent.require(session=session, subject_id=subject_id, purpose=LOCATION_PURPOSE, datamap=datamap)
    lat, lng = round(latitude, _COARSE_DIGITS), round(longitude, _COARSE_DIGITS)
    return NearbyView(
        area=f"{_degrees(lat, '北纬', '南纬')}、{_degrees(lng, '东经', '西经')}附近",
        latitude=lat,
        longitude=lng,
        precision_km=_COARSE_KM,
        stored=False,
        message="已根据您所在的大致区域为您查找附近的商品和服务；您的精确位置不会被保存。",
    )


# --- notice versions and the click to agree (P71-P74) ------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionSummary:
    version: str
    published_at: datetime
    material: bool
    material_reasons: list[str]
    is_latest: bool


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line of a unified diff: ``kind`` is added, removed, context or header."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class VersionDetail:
    version: str
    published_at: datetime
    material: bool
    material_reasons: list[str]
    is_latest: bool
    previous_version: str | None
    text: str
    diff: str
    diff_lines: list[DiffLine]


@dataclass(frozen=True, slots=True)
class PurposeBrief:
    purpose: str
    label: str


@dataclass(frozen=True, slots=True)
class NoticeStatus:
    accepted_version: str | None
    latest_version: str | None
    latest_published_at: datetime | None
    needs_acceptance: bool
    material: bool
    reasons: list[str]
    changed_purposes: list[PurposeBrief]


def _summary(row: NoticeVersion, latest_seq: int) -> VersionSummary:
    return VersionSummary(
        version=row.version,
        published_at=row.published_at,
        material=row.material,
        material_reasons=list(row.material_reasons),
        is_latest=row.seq == latest_seq,
    )


def list_versions(*, session: Session) -> list[VersionSummary]:
    """Every published version, newest first (P74)."""
    rows = versions.all_versions(session=session)
    latest_seq = rows[-1].seq if rows else 0
    return [_summary(row, latest_seq) for row in reversed(rows)]


def _diff_lines(diff: str) -> list[DiffLine]:
    lines = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---", "@@")):
            kind = "header"
        elif line.startswith("+"):
            kind = "added"
        elif line.startswith("-"):
            kind = "removed"
        else:
            kind = "context"
        lines.append(DiffLine(kind=kind, text=line))
    return lines


def get_version(*, session: Session, version: str) -> VersionDetail:
    """An archived version's text and its diff to its predecessor (P74); ``UnknownNoticeVersion`` otherwise."""
    rows = versions.all_versions(session=session)
    found = next((i for i, row in enumerate(rows) if row.version == version), None)
    if found is None:
        raise versions.UnknownNoticeVersion(version)
    row = rows[found]
    return VersionDetail(
        version=row.version,
        published_at=row.published_at,
        material=row.material,
        material_reasons=list(row.material_reasons),
        is_latest=found == len(rows) - 1,
        previous_version=rows[found - 1].version if found > 0 else None,
        text=row.text,
        diff=row.diff,
        diff_lines=_diff_lines(row.diff),
    )


def notice_status(*, session: Session, datamap: DataMap, subject_id: str) -> NoticeStatus:
    """Whether the subject has accepted the newest notice, and if not, what changed since (P71-P73)."""
    rows = versions.all_versions(session=session)
    latest = rows[-1] if rows else None
    accepted = consent.accepted_version(session=session, subject_id=subject_id)
    accepted_seq = next((row.seq for row in rows if row.version == accepted), 0)
    newer = [row for row in rows if row.seq > accepted_seq]
    reasons = list(dict.fromkeys(r for row in newer if row.seq > 1 for r in row.material_reasons))
    changed: list[PurposeBrief] = []
    if accepted is not None and latest is not None and accepted != latest.version:
        ids = versions.changed_purposes(session=session, since_version=accepted)
        changed = [PurposeBrief(purpose=p.id, label=p.label) for p in datamap.purposes if p.id in ids]
    return NoticeStatus(
        accepted_version=accepted,
        latest_version=latest.version if latest else None,
        latest_published_at=latest.published_at if latest else None,
        needs_acceptance=latest is not None and accepted != latest.version,
        material=any(row.material for row in newer),
        reasons=reasons,
        changed_purposes=changed,
    )


def accept_notice(*, session: Session, subject_id: str, version: str, channel: Channel) -> NoticeAcceptance:
    """The subject's click to agree to the newest version (P72); an older version is refused."""
    return consent.accept_notice(
        session=session, subject_id=subject_id, version=version, channel=channel, evidence="privacy-center:agree"
    )
