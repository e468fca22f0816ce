"""The API documentation page (Swagger UI) without inline scripts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/api/v1/docs", name="api_docs")
def api_docs(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "system/api_docs.html", {"openapi_url": "/api/v1/openapi.json"})
