"""Real-name verification and guardian consent API (P11, P65, P66), and the staff's masked view
of an account's identity with the audited reveal (P47)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, SmsDep, VaultDep
from shouyue.commerce.identity import guardian, service
from shouyue.commerce.identity.schemas import (
    GuardianCodeCreate,
    GuardianCodeRead,
    GuardianConfirm,
    IdentityStatusRead,
    MinorStatusRead,
    RealNameCreate,
    RealNameRead,
    StaffIdentityRead,
    StaffRevealCreate,
    StaffRevealRead,
)
from shouyue.commerce.identity.transactions import deliver, unit_of_work
from shouyue.commerce.staff.dependencies import MaskedViewer, NowDep, Revealer
from shouyue.privacy.consent import Channel
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(prefix="/identity", tags=["实名认证与未成年人保护"])
staff_router = APIRouter(prefix="/staff/identity", tags=["员工工作台"])

NO_STORE = {"Cache-Control": "no-store"}


@router.get("", response_model=IdentityStatusRead, summary="实名认证与未成年人保护状态")
def get_status(account: CurrentAccount, session: SessionDep, now: NowDep) -> IdentityStatusRead:
    today = service.china_today(now)
    return IdentityStatusRead(
        real_name=RealNameRead.of(service.get_real_name(session=session, account_id=account.id)),
        minor=MinorStatusRead.of(service.minor_status(session=session, account_id=account.id, today=today)),
        may_personalise=service.may_personalise(session=session, account_id=account.id, today=today),
        may_market=service.may_market(session=session, account_id=account.id, today=today),
    )


@router.get("/real-name", response_model=RealNameRead, summary="查看实名认证信息（脱敏）")
def get_real_name(account: CurrentAccount, session: SessionDep) -> RealNameRead:
    return RealNameRead.of(service.get_real_name(session=session, account_id=account.id))


@router.post("/real-name", response_model=RealNameRead, status_code=status.HTTP_201_CREATED, summary="提交实名认证")
def verify_real_name(
    real_name_in: RealNameCreate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
) -> RealNameRead:
    real_name_in.refuse_photos()
    with unit_of_work(session):
        verified = service.verify_real_name(
            session=session,
            vault=vault,
            datamap=datamap,
            account=account,
            real_name=real_name_in.real_name,
            id_number=real_name_in.id_number,
            now=now,
            today=service.china_today(now),
        )
    return RealNameRead.of(verified.verification)


@router.get(
    "/transact-check",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="检查账户当前能否交易",
    description="未满十四周岁且监护人尚未同意的账户返回403；结算、开店等交易前调用同一检查。",
)
def transact_check(account: CurrentAccount, session: SessionDep, now: NowDep) -> Response:
    service.ensure_can_transact(session=session, account_id=account.id, today=service.china_today(now))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/guardian/code",
    response_model=GuardianCodeRead,
    status_code=status.HTTP_202_ACCEPTED,
    summary="向监护人手机发送验证码",
)
def request_guardian_code(
    code_in: GuardianCodeCreate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    sms: SmsDep,
    now: NowDep,
) -> GuardianCodeRead:
    with unit_of_work(session):
        issued = guardian.request_code(
            session=session,
            vault=vault,
            datamap=datamap,
            account=account,
            guardian_phone=code_in.guardian_phone,
            now=now,
            today=service.china_today(now),
        )
    deliver(sms=sms, issued=issued)
    return GuardianCodeRead(
        masked_phone=issued.masked_phone, expires_at=issued.expires_at, valid_minutes=issued.valid_minutes
    )


@router.post("/guardian/confirm", response_model=MinorStatusRead, summary="提交监护人验证码，记录监护人同意")
def confirm_guardian(
    confirm_in: GuardianConfirm, account: CurrentAccount, session: SessionDep, vault: VaultDep, now: NowDep
) -> MinorStatusRead:
    today = service.china_today(now)
    with unit_of_work(session):
        guardian.confirm_code(
            session=session,
            vault=vault,
            account=account,
            code=confirm_in.code,
            channel=Channel.API,
            now=now,
            today=today,
        )
    return MinorStatusRead.of(service.minor_status(session=session, account_id=account.id, today=today))


# --- staff ---------------------------------------------------------------------------------------


@staff_router.get("/{account_id}", response_model=StaffIdentityRead, summary="查看用户实名信息（脱敏）")
def staff_view(account_id: str, _staff: MaskedViewer, session: SessionDep, now: NowDep) -> StaffIdentityRead:
    service.get_account_or_raise(session=session, account_id=account_id)
    return StaffIdentityRead(
        account_id=account_id,
        real_name=RealNameRead.of(service.get_real_name(session=session, account_id=account_id)),
        is_child=service.is_child(session=session, account_id=account_id, today=service.china_today(now)),
    )


@staff_router.post(
    "/{account_id}/reveal", response_model=StaffRevealRead, summary="说明理由后查看完整实名信息（留痕审计）"
)
def staff_reveal(
    account_id: str, reveal_in: StaffRevealCreate, staff: Revealer, session: SessionDep, now: NowDep, response: Response
) -> StaffRevealRead:
    value = service.reveal_for_staff(
        session=session, staff=staff, account_id=account_id, field=reveal_in.field, reason=reveal_in.reason, now=now
    )
    session.commit()
    response.headers.update(NO_STORE)
    return StaffRevealRead(account_id=account_id, field=reveal_in.field, value=value)
