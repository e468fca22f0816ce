"""Errors become Chinese messages: JSON under /api, an error page elsewhere, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shouyue.privacy.errors import PurposeNotAllowed, UnknownRecipient
from tests.web.html import read_page

SECRET = "13800138000"  # stands for PI inside an exception message or a rejected input


@pytest.fixture
def probed(app: FastAPI) -> FastAPI:
    """The app plus routes that fail on purpose."""

    @app.get("/api/v1/_probe/number")
    def api_number(n: int) -> dict[str, int]:
        return {"n": n}

    @app.get("/_probe/number")
    def page_number(n: int) -> dict[str, int]:
        return {"n": n}

    @app.get("/api/v1/_probe/crash")
    def api_crash() -> None:
        raise RuntimeError(f"database password hunter2, phone {SECRET}")

    @app.get("/_probe/crash")
    def page_crash() -> None:
        raise RuntimeError(f"phone {SECRET}")

    @app.get("/api/v1/_probe/unknown-recipient")
    def unknown_recipient() -> None:
        raise UnknownRecipient("sdk.nobody")

    @app.get("/api/v1/_probe/purpose-not-allowed")
    def not_allowed() -> None:
        raise PurposeNotAllowed("marketing.push", "identity.id_number")

    return app


@pytest.fixture
def lenient(probed: FastAPI) -> Iterator[TestClient]:
    """A client that receives 500 responses instead of re-raising the server's exception."""
    with TestClient(probed, raise_server_exceptions=False) as client:
        yield client


def test_unknown_api_url_is_a_chinese_404(client: TestClient) -> None:
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"detail": "您访问的页面或资源不存在"}


def test_unknown_page_is_a_chinese_error_page(client: TestClient) -> None:
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    page = read_page(response.text)
    assert "页面不存在" in page.text
    assert "Not Found" not in page.text


def test_wrong_method_is_a_chinese_405(client: TestClient) -> None:
    response = client.post("/api/v1/health")

    assert response.status_code == 405
    assert response.json() == {"detail": "不支持该请求方法"}


def test_invalid_api_input_is_a_chinese_422_naming_the_field_not_the_value(lenient: TestClient) -> None:
    response = lenient.get("/api/v1/_probe/number", params={"n": SECRET + "x"})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "请求参数不正确：查询参数 n：应为整数"
    assert body["errors"] == [{"loc": ["query", "n"], "message": "应为整数"}]
    assert SECRET not in response.text


def test_missing_api_input_is_a_chinese_422(lenient: TestClient) -> None:
    response = lenient.get("/api/v1/_probe/number")

    assert response.status_code == 422
    assert response.json()["detail"] == "请求参数不正确：查询参数 n：缺少必填项"


def test_invalid_page_input_is_a_chinese_error_page(lenient: TestClient) -> None:
    response = lenient.get("/_probe/number", params={"n": "abc"})

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    page = read_page(response.text)
    assert "请求有误" in page.text
    assert "/privacy" in page.footer_links


def test_domain_errors_become_4xx_with_a_chinese_detail(lenient: TestClient) -> None:
    missing = lenient.get("/api/v1/_probe/unknown-recipient")
    refused = lenient.get("/api/v1/_probe/purpose-not-allowed")

    assert missing.status_code == 404
    assert missing.json() == {"detail": "未找到该第三方"}
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("该处理目的未被声明可以使用此类个人信息")
    assert "identity.id_number" not in refused.text


def test_unexpected_api_error_is_a_generic_chinese_500_and_is_logged(
    lenient: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    # when
    with caplog.at_level(logging.ERROR, logger="shouyue.web"):
        response = lenient.get("/api/v1/_probe/crash", params={"phone": SECRET})

    # then: the user sees a generic message and the security headers, nothing of the error
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器出现问题，请稍后再试"}
    for leak in ("Traceback", "RuntimeError", "hunter2", SECRET):
        assert leak not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    # and the server log has the exception, but not the query string
    records = [r for r in caplog.records if r.name == "shouyue.web" and r.exc_info]
    assert records and "/api/v1/_probe/crash" in records[0].getMessage()
    assert SECRET not in records[0].getMessage()


def test_unexpected_page_error_is_a_chinese_error_page(lenient: TestClient) -> None:
    response = lenient.get("/_probe/crash")

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    page = read_page(response.text)
    assert "服务器出现问题" in page.text
    assert "Traceback" not in response.text and SECRET not in response.text
    assert response.headers["x-frame-options"] == "DENY"
