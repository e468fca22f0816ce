"""``/api/v1/health``, the OpenAPI document and the API docs page."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shouyue.db import make_engine
from shouyue.engine import get_datamap
from shouyue.settings import get_settings
from shouyue.web.deps import get_session
from shouyue.web.public.service import notice_document
from tests.web.html import read_page


def test_health_reports_the_database_and_the_versions(client: TestClient) -> None:
    # when
    response = client.get("/api/v1/health")

    # then
    assert response.status_code == 200
    datamap = get_datamap()
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "datamap_version": datamap.version,
        "notice_version": notice_document(datamap=datamap).fingerprint[:16],
        "published_notice_version": None,  # the suite's database has no published version
    }


def test_health_names_no_setting(client: TestClient) -> None:
    body = client.get("/api/v1/health").text

    settings = get_settings()
    assert settings.database_url not in body
    assert str(settings.key_dir) not in body
    assert "sqlite" not in body and "postgres" not in body


def test_health_is_degraded_when_the_database_does_not_answer(app: FastAPI) -> None:
    # given: a session on a database file that cannot be opened
    unreachable = make_engine("sqlite:////nonexistent-directory/shouyue.db")
    app.dependency_overrides[get_session] = lambda: Session(bind=unreachable)

    # when
    with TestClient(app) as client:
        response = client.get("/api/v1/health")

    # then
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["database"] == "unavailable"
    unreachable.dispose()


def test_openapi_document_lists_the_api_and_not_the_pages(client: TestClient) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "get" in paths["/api/v1/health"]
    assert "get" in paths["/api/v1/privacy/third-parties"]
    assert "get" in paths["/api/v1/privacy/notice"]
    assert not {"/", "/privacy", "/privacy/third-parties", "/api/v1/docs"} & set(paths)
    health = paths["/api/v1/health"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert health == {"$ref": "#/components/schemas/HealthRead"}


def test_api_docs_page_runs_no_inline_script(client: TestClient) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = read_page(response.text)
    assert page.scripts and all(script.get("src") for script in page.scripts)
    assert "/static/js/api-docs.js" in [script.get("src") for script in page.scripts]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
