"""The accounts API under ``/api/v1``: SMS codes, registration, login (phone, third party,
step-up), sessions, the account, its profile and its linked third-party accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Response, UploadFile, status
from fastapi.responses import FileResponse

from shouyue.commerce.accounts import oauth, profile, service, step_up
from shouyue.commerce.accounts.dependencies import (
    ApiClient,
    CurrentAccount,
    CurrentSessionDep,
    NowDep,
    RateLimitsDep,
    SmsDep,
    VaultDep,
)
from shouyue.commerce.accounts.exceptions import UnknownProvider
from shouyue.commerce.accounts.schemas import (
    AccountRead,
    LinkedAccountRead,
    LoginCreate,
    LoginOutcomeRead,
    LogoutAllRead,
    OAuthCompleteCreate,
    OAuthLinkCreate,
    OAuthLoginCreate,
    OutboxMessageRead,
    PhoneRequiredRead,
    ProfileUpdate,
    RegisterCreate,
    RiskDecisionRead,
    SessionRead,
    SmsCodeCreate,
    SmsCodeRead,
    StepUpCreate,
    StepUpRead,
    StepUpResendCreate,
)
from shouyue.commerce.accounts.sms_codes import CODE_TTL, IssuedCode
from shouyue.commerce.accounts.transactions import unit_of_work
from shouyue.commerce.risk import service as risk
from shouyue.privacy.consent import Channel
from shouyue.providers.oauth import PROVIDERS, OAuthProvider, get_oauth_provider
from shouyue.providers.sms import outbox_path, read_outbox
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["账户"])
dev_router = APIRouter(prefix="/dev", tags=["开发环境"])


def valid_provider(provider: str) -> OAuthProvider:
    """The third-party login named in the path; 404 for one the platform does not offer."""
    if provider not in PROVIDERS:
        raise UnknownProvider(f"no provider {provider!r}")
    return get_oauth_provider(provider)


ProviderDep = Annotated[OAuthProvider, Depends(valid_provider)]


def outcome_read(outcome: service.LoginOutcome) -> LoginOutcomeRead:
    """The API form of a login outcome (the token appears here once and never again)."""
    read = LoginOutcomeRead(status=outcome.status.value)
    if outcome.issued is not None:
        read.session = SessionRead(
            token=outcome.issued.token, expires_at=outcome.issued.row.expires_at, edition=outcome.issued.row.edition
        )
    if outcome.account is not None and outcome.issued is not None:
        read.account = AccountRead.of(outcome.account)
    if outcome.challenge_token is not None and outcome.challenge_expires_at is not None:
        read.step_up = StepUpRead(
            challenge=outcome.challenge_token,
            masked_phone=outcome.masked_phone,
            expires_at=outcome.challenge_expires_at,
        )
    if outcome.pending_ticket is not None:
        read.phone_required = PhoneRequiredRead(ticket=outcome.pending_ticket, nickname=outcome.pending_nickname)
    return read


def code_read(issued: IssuedCode) -> SmsCodeRead:
    return SmsCodeRead(
        masked_phone=issued.row.phone.mask, expires_in_seconds=int(CODE_TTL.total_seconds()), resend_after_seconds=60
    )


# --- codes, registration, login ----------------------------------------------------------------


@router.post(
    "/auth/sms-codes", status_code=status.HTTP_202_ACCEPTED, response_model=SmsCodeRead, summary="获取短信验证码"
)
def request_sms_code(
    code_in: SmsCodeCreate,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: ApiClient,
    now: NowDep,
) -> SmsCodeRead:
    """6位验证码，5分钟内有效，仅可使用一次；每个手机号每分钟1次、每天10次，并按IP限制频率。"""
    with unit_of_work(session):
        issued = service.request_code(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            phone=code_in.phone,
            accept_notice=code_in.accept_notice,
            client=client,
            now=now,
        )
    service.deliver(sms=sms, issued=issued)
    return code_read(issued)


@router.post(
    "/auth/register", status_code=status.HTTP_201_CREATED, response_model=LoginOutcomeRead, summary="手机号注册"
)
def register(
    register_in: RegisterCreate,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    client: ApiClient,
    now: NowDep,
) -> LoginOutcomeRead:
    """须明确同意《隐私声明》（accept_notice 为 true）才会创建账户；注册只接受声明本身，其他同意事项另行单独征求。"""
    with unit_of_work(session):
        outcome = service.register(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            phone=register_in.phone,
            code=register_in.code,
            accept_notice=register_in.accept_notice,
            notice_version=register_in.notice_version,
            client=client,
            now=now,
        )
    return outcome_read(outcome)


@router.post("/auth/login", response_model=LoginOutcomeRead, summary="手机号验证码登录")
def login(
    login_in: LoginCreate, session: SessionDep, vault: VaultDep, limits: RateLimitsDep, client: ApiClient, now: NowDep
) -> LoginOutcomeRead:
    """买家版与店长版使用同一账户登录（edition 参数或 X-Shouyue-Edition 请求头）。"""
    with unit_of_work(session):
        outcome = service.login(
            session=session,
            vault=vault,
            limits=limits,
            phone=login_in.phone,
            code=login_in.code,
            client=client,
            now=now,
        )
    return outcome_read(outcome)


@router.post("/auth/oauth/{provider}/login", response_model=LoginOutcomeRead, summary="第三方账户登录")
def oauth_login(
    login_in: OAuthLoginCreate,
    provider: ProviderDep,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: ApiClient,
    now: NowDep,
) -> LoginOutcomeRead:
    """仅获取头像、昵称、地区、性别；未绑定的第三方账户须先验证手机号。新设备且新地区登录需短信二次验证。"""
    with unit_of_work(session):
        outcome = oauth.login(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            provider=provider,
            code=login_in.code,
            client=client,
            now=now,
        )
    service.deliver(sms=sms, issued=outcome.outgoing)
    return outcome_read(outcome)


@router.post("/auth/oauth/complete", response_model=LoginOutcomeRead, summary="第三方登录：验证手机号")
def oauth_complete(
    complete_in: OAuthCompleteCreate,
    session: SessionDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    client: ApiClient,
    now: NowDep,
) -> LoginOutcomeRead:
    with unit_of_work(session):
        outcome = oauth.complete(
            session=session,
            vault=vault,
            limits=limits,
            ticket=complete_in.ticket,
            phone=complete_in.phone,
            code=complete_in.code,
            accept_notice=complete_in.accept_notice,
            notice_version=complete_in.notice_version,
            client=client,
            now=now,
        )
    return outcome_read(outcome)


@router.post("/auth/step-up", response_model=LoginOutcomeRead, summary="登录二次验证")
def verify_step_up(
    step_up_in: StepUpCreate,
    session: SessionDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    client: ApiClient,
    now: NowDep,
) -> LoginOutcomeRead:
    with unit_of_work(session):
        outcome = step_up.complete_step_up(
            session=session,
            vault=vault,
            limits=limits,
            challenge_token=step_up_in.challenge,
            code=step_up_in.code,
            client=client,
            now=now,
        )
    return outcome_read(outcome)


@router.post(
    "/auth/step-up/resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SmsCodeRead,
    summary="重新发送二次验证码",
)
def step_up_resend(
    resend_in: StepUpResendCreate,
    session: SessionDep,
    datamap: DataMapDep,
    vault: VaultDep,
    limits: RateLimitsDep,
    sms: SmsDep,
    client: ApiClient,
    now: NowDep,
) -> SmsCodeRead:
    with unit_of_work(session):
        issued = step_up.resend_step_up_code(
            session=session,
            vault=vault,
            datamap=datamap,
            limits=limits,
            challenge_token=resend_in.challenge,
            client=client,
            now=now,
        )
    service.deliver(sms=sms, issued=issued)
    return code_read(issued)


# --- sessions ----------------------------------------------------------------------------------


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, summary="退出登录")
def logout(current: CurrentSessionDep, session: SessionDep, now: NowDep) -> Response:
    with unit_of_work(session):
        service.logout(session=session, current=current[0], now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/auth/logout-all", response_model=LogoutAllRead, summary="退出所有设备")
def logout_all(account: CurrentAccount, session: SessionDep, now: NowDep) -> LogoutAllRead:
    with unit_of_work(session):
        revoked = service.logout_everywhere(session=session, account=account, now=now)
    return LogoutAllRead(revoked_sessions=revoked)


# --- the account -------------------------------------------------------------------------------


@router.get("/accounts/me", response_model=AccountRead, summary="当前账户")
def me(account: CurrentAccount) -> AccountRead:
    return AccountRead.of(account)


@router.patch("/accounts/me/profile", response_model=AccountRead, summary="修改个人资料（均为选填）")
def update_profile(
    profile_in: ProfileUpdate, account: CurrentAccount, session: SessionDep, datamap: DataMapDep, now: NowDep
) -> AccountRead:
    """只修改请求中出现的字段；字段为 null 即清空。首次填写须 agree_profile_edit 为 true。"""
    changes = profile_in.model_dump(exclude_unset=True, exclude={"agree_profile_edit"})
    with unit_of_work(session):
        profile.update(
            session=session,
            datamap=datamap,
            account=account,
            changes=changes,
            agree=profile_in.agree_profile_edit,
            channel=Channel.API,
            now=now,
        )
    return AccountRead.of(account)


@router.put("/accounts/me/avatar", response_model=AccountRead, summary="上传头像")
def upload_avatar(
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    now: NowDep,
    file: Annotated[UploadFile, File(description="JPEG、PNG或WebP，不超过1MB")],
    agree_profile_edit: Annotated[bool, Query()] = False,
) -> AccountRead:
    data = file.file.read(profile.MAX_AVATAR_BYTES + 1)
    upload_dir = get_settings().upload_dir
    with unit_of_work(session):
        change = profile.set_avatar(
            session=session,
            datamap=datamap,
            account=account,
            data=data,
            upload_dir=upload_dir,
            agree=agree_profile_edit,
            channel=Channel.API,
            now=now,
        )
    profile.remove_file(upload_dir=upload_dir, name=change.removed_file)
    return AccountRead.of(account)


@router.delete("/accounts/me/avatar", response_model=AccountRead, summary="清除头像")
def delete_avatar(account: CurrentAccount, session: SessionDep) -> AccountRead:
    with unit_of_work(session):
        change = profile.clear_avatar(session=session, account=account)
    profile.remove_file(upload_dir=get_settings().upload_dir, name=change.removed_file)
    return AccountRead.of(account)


@router.get("/accounts/me/avatar", response_class=FileResponse, summary="我的头像")
def read_avatar(account: CurrentAccount) -> FileResponse:
    path, media_type = profile.avatar_file(account=account, upload_dir=get_settings().upload_dir)
    return FileResponse(path, media_type=media_type)


@router.get("/accounts/me/oauth-links", response_model=list[LinkedAccountRead], summary="已绑定的第三方账户")
def list_links(account: CurrentAccount, session: SessionDep) -> list[LinkedAccountRead]:
    return [
        LinkedAccountRead.of(link, PROVIDERS[link.provider])
        for link in oauth.links_of(session=session, account_id=account.id)
    ]


@router.post(
    "/accounts/me/oauth-links/{provider}",
    status_code=status.HTTP_201_CREATED,
    response_model=LinkedAccountRead,
    summary="绑定第三方账户",
)
def add_link(
    link_in: OAuthLinkCreate,
    provider: ProviderDep,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    now: NowDep,
) -> LinkedAccountRead:
    with unit_of_work(session):
        link = oauth.link(session=session, vault=vault, account=account, provider=provider, code=link_in.code, now=now)
    return LinkedAccountRead.of(link, PROVIDERS[link.provider])


@router.delete(
    "/accounts/me/oauth-links/{provider}", status_code=status.HTTP_204_NO_CONTENT, summary="解除绑定第三方账户"
)
def remove_link(provider: ProviderDep, account: CurrentAccount, session: SessionDep) -> Response:
    with unit_of_work(session):
        oauth.unlink(session=session, account=account, provider=provider.name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/accounts/me/risk-decisions", response_model=list[RiskDecisionRead], summary="账户安全记录")
def list_risk_decisions(account: CurrentAccount, session: SessionDep) -> list[RiskDecisionRead]:
    """每次登录的风险判断及其理由，可供您查询并申请人工复核。"""
    return [RiskDecisionRead.of(d) for d in risk.decisions_for(session=session, account_id=account.id)]


# --- development only --------------------------------------------------------------------------


def development_only() -> None:
    """The sandbox tools do not exist in production."""
    if get_settings().is_production:
        raise HTTPException(status_code=404)


@dev_router.get(
    "/outbox",
    response_model=list[OutboxMessageRead],
    dependencies=[Depends(development_only)],
    summary="沙盒短信发件箱（仅开发环境）",
)
def dev_outbox(
    phone: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[OutboxMessageRead]:
    messages = read_outbox(outbox_path(), limit=limit, phone=phone)
    return [
        OutboxMessageRead(message_id=m.message_id, phone=m.phone, text=m.text, code=m.code, at=m.at) for m in messages
    ]
