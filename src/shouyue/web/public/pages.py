"""HTML pages: the home page (with the catalogue's shelves), the privacy notice and the third-party list."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from shouyue.commerce.accounts.dependencies import NowDep
from shouyue.commerce.catalog import home as catalog_home
from shouyue.web.deps import DataMapDep, NoticeDep, SessionDep
from shouyue.web.public import service
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.api_route("/", methods=["GET", "HEAD"], name="home")
def home(request: Request, datamap: DataMapDep, session: SessionDep, now: NowDep) -> HTMLResponse:
    summary = service.site_summary(datamap=datamap)
    # The same shelves for every visitor (P83); placements are labelled 广告 (P86).
    shelves = catalog_home.shelves(session=session, now=now)
    return templates.TemplateResponse(request, "home.html", {"summary": summary, "shelves": shelves})


@router.api_route("/privacy", methods=["GET", "HEAD"], name="privacy_notice")
def privacy_notice(request: Request, notice: NoticeDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "privacy/notice.html", {"notice": notice})


@router.api_route("/privacy/third-parties", methods=["GET", "HEAD"], name="privacy_third_parties")
def privacy_third_parties(request: Request, datamap: DataMapDep) -> HTMLResponse:
    third_parties = service.list_third_parties(datamap=datamap)
    return templates.TemplateResponse(request, "privacy/third_parties.html", {"third_parties": third_parties})
