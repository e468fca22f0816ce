"""``/api/v1/privacy/...``: the notice and the third-party list as data."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from shouyue.privacy.notice import NoticeDocument
from shouyue.web.deps import DataMapDep, NoticeDep
from shouyue.web.public import service
from shouyue.web.public.schemas import ThirdPartiesRead

router = APIRouter(prefix="/privacy", tags=["隐私声明"])


@router.get("/third-parties", response_model=ThirdPartiesRead, summary="第三方SDK与合作伙伴清单")
def read_third_parties(datamap: DataMapDep) -> ThirdPartiesRead:
    """The notice's SDK table (its five columns, its order) and the named partners (P40)."""
    return service.list_third_parties(datamap=datamap)


@router.get("/notice", response_model=NoticeDocument, summary="隐私声明（结构化）")
def read_notice(notice: NoticeDep) -> NoticeDocument:
    """The whole notice as sections, paragraphs and tables, rendered from the data map."""
    return notice


@router.get("/notice.txt", response_class=PlainTextResponse, summary="隐私声明（规范纯文本）")
def read_notice_text(notice: NoticeDep) -> str:
    """The notice's canonical plain text, the form versions are compared in."""
    return notice.as_text()
