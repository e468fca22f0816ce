"""The privacy center API under ``/api/v1``: the subject's consents, device permissions, the use
of precise location, the notice archive and the click to agree to a new version, and cookies."""

from __future__ import annotations

from fastapi import APIRouter, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep
from shouyue.commerce.privacy_center import cookies, service
from shouyue.commerce.privacy_center.schemas import (
    ConsentEventRead,
    ConsentGrant,
    ConsentGrantMany,
    ConsentRead,
    CookieRead,
    LocationCreate,
    NearbyRead,
    NoticeAcceptanceCreate,
    NoticeAcceptanceRead,
    NoticeStatusRead,
    NoticeVersionDetail,
    NoticeVersionRead,
    PermissionRead,
    PermissionReport,
)
from shouyue.privacy.consent import Channel
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["隐私设置"])
public_router = APIRouter(tags=["隐私政策"])


# --- consents ----------------------------------------------------------------------------------


@router.get("/me/consents", response_model=list[ConsentRead], summary="我的同意事项")
def list_consents(account: CurrentAccount, session: SessionDep, datamap: DataMapDep) -> list[ConsentRead]:
    """数据地图中每一项基于同意的处理目的及您的当前选择；未作选择的一律为未开启。"""
    views = service.list_consents(session=session, datamap=datamap, subject_id=account.id)
    return [ConsentRead.model_validate(v) for v in views]


@router.post("/me/consents", response_model=list[ConsentRead], summary="一次开启多项普通同意事项")
def grant_several(
    grant_in: ConsentGrantMany, account: CurrentAccount, session: SessionDep, datamap: DataMapDep
) -> list[ConsentRead]:
    """单独同意事项不能与其他事项一并同意：列表中含有单独同意事项时，整个请求被拒绝。"""
    views = service.grant_consents(
        session=session,
        datamap=datamap,
        subject_id=account.id,
        purposes=grant_in.purposes,
        notice_version=grant_in.notice_version,
        channel=Channel.API,
    )
    session.commit()
    return [ConsentRead.model_validate(v) for v in views]


@router.get("/me/consents/history", response_model=list[ConsentEventRead], summary="同意与撤回记录")
def consent_history(account: CurrentAccount, session: SessionDep, datamap: DataMapDep) -> list[ConsentEventRead]:
    events = service.consent_history(session=session, datamap=datamap, subject_id=account.id)
    return [ConsentEventRead.model_validate(e) for e in events]


@router.get("/me/consents/{purpose}", response_model=ConsentRead, summary="一项同意事项")
def get_consent(purpose: str, account: CurrentAccount, session: SessionDep, datamap: DataMapDep) -> ConsentRead:
    view = service.get_consent(session=session, datamap=datamap, subject_id=account.id, purpose=purpose)
    return ConsentRead.model_validate(view)


@router.put("/me/consents/{purpose}", response_model=ConsentRead, summary="开启（同意）一项")
def grant_consent(
    purpose: str, grant_in: ConsentGrant, account: CurrentAccount, session: SessionDep, datamap: DataMapDep
) -> ConsentRead:
    """单独同意事项须 confirm_separate 为 true，表示已在其单独的确认步骤中阅读并确认。"""
    view = service.grant_consent(
        session=session,
        datamap=datamap,
        subject_id=account.id,
        purpose=purpose,
        notice_version=grant_in.notice_version,
        confirm_separate=grant_in.confirm_separate,
        channel=Channel.API,
    )
    session.commit()
    return ConsentRead.model_validate(view)


@router.delete("/me/consents/{purpose}", response_model=ConsentRead, summary="关闭（撤回同意）一项")
def withdraw_consent(purpose: str, account: CurrentAccount, session: SessionDep, datamap: DataMapDep) -> ConsentRead:
    """撤回立即生效：下一个请求起不再基于该同意处理；不影响核心功能。"""
    view = service.withdraw_consent(
        session=session, datamap=datamap, subject_id=account.id, purpose=purpose, channel=Channel.API
    )
    session.commit()
    return ConsentRead.model_validate(view)


# --- device permissions ------------------------------------------------------------------------


@router.get("/me/permissions", response_model=list[PermissionRead], summary="设备权限状态")
def list_permissions(
    account: CurrentAccount, session: SessionDep, datamap: DataMapDep, now: NowDep
) -> list[PermissionRead]:
    views = service.list_permissions(session=session, datamap=datamap, subject_id=account.id, now=now)
    return [PermissionRead.model_validate(v) for v in views]


@router.get("/me/permissions/{permission}", response_model=PermissionRead, summary="一项设备权限及是否可以询问")
def get_permission(
    permission: str, account: CurrentAccount, session: SessionDep, datamap: DataMapDep, now: NowDep
) -> PermissionRead:
    """should_prompt：App 现在可否弹出系统权限询问（已允许时不问；拒绝后48小时内不再问）。"""
    view = service.get_permission(
        session=session, datamap=datamap, subject_id=account.id, permission=permission, now=now
    )
    return PermissionRead.model_validate(view)


@router.put("/me/permissions/{permission}", response_model=PermissionRead, summary="上报设备权限状态")
def report_permission(
    permission: str,
    report_in: PermissionReport,
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    now: NowDep,
) -> PermissionRead:
    view = service.report_permission(
        session=session, datamap=datamap, subject_id=account.id, permission=permission, state=report_in.state, now=now
    )
    session.commit()
    return PermissionRead.model_validate(view)


@router.post(
    "/me/permissions/{permission}/prompts",
    status_code=status.HTTP_201_CREATED,
    response_model=PermissionRead,
    summary="记录一次系统权限询问",
)
def record_prompt(
    permission: str, account: CurrentAccount, session: SessionDep, datamap: DataMapDep, now: NowDep
) -> PermissionRead:
    view = service.record_prompt(
        session=session, datamap=datamap, subject_id=account.id, permission=permission, now=now
    )
    session.commit()
    return PermissionRead.model_validate(view)


@router.post("/me/location", response_model=NearbyRead, summary="使用精确位置查找附近商品")
def use_location(
    location_in: LocationCreate, account: CurrentAccount, session: SessionDep, datamap: DataMapDep
) -> NearbyRead:
    """需要位置权限和「位置服务」的单独同意；未满足时拒绝且不保存任何位置信息。精确位置在任何情况下都不保存。"""
    view = service.use_location(
        session=session,
        datamap=datamap,
        subject_id=account.id,
        latitude=location_in.latitude,
        longitude=location_in.longitude,
    )
    return NearbyRead.model_validate(view)


# --- the notice: my acceptance -----------------------------------------------------------------


@router.get("/me/notice", response_model=NoticeStatusRead, summary="我同意的隐私政策版本")
def notice_status(account: CurrentAccount, session: SessionDep, datamap: DataMapDep) -> NoticeStatusRead:
    """隐私政策更新后，新增或变更的功能在您点击同意最新版本之前暂停处理。"""
    view = service.notice_status(session=session, datamap=datamap, subject_id=account.id)
    return NoticeStatusRead.model_validate(view)


@router.post(
    "/me/notice/acceptances",
    status_code=status.HTTP_201_CREATED,
    response_model=NoticeAcceptanceRead,
    summary="同意最新的隐私政策",
)
def accept_notice(
    accept_in: NoticeAcceptanceCreate, account: CurrentAccount, session: SessionDep
) -> NoticeAcceptanceRead:
    """只接受最新版本；只同意隐私政策本身，其他同意事项须另行单独作出。"""
    row = service.accept_notice(session=session, subject_id=account.id, version=accept_in.version, channel=Channel.API)
    session.commit()
    return NoticeAcceptanceRead.model_validate(row)


# --- public: the archive and cookies -----------------------------------------------------------


@public_router.get("/notice/versions", response_model=list[NoticeVersionRead], summary="隐私政策历史版本")
def list_versions(session: SessionDep) -> list[NoticeVersionRead]:
    return [NoticeVersionRead.model_validate(v) for v in service.list_versions(session=session)]


@public_router.get("/notice/versions/{version}", response_model=NoticeVersionDetail, summary="隐私政策某一版本")
def get_version(version: str, session: SessionDep) -> NoticeVersionDetail:
    """该版本的全文，以及与上一版本的差异。"""
    return NoticeVersionDetail.model_validate(service.get_version(session=session, version=version))


@public_router.get("/cookies", response_model=list[CookieRead], summary="本站使用的Cookie")
def list_cookies() -> list[CookieRead]:
    return [CookieRead.model_validate(c) for c in cookies.cookies()]
