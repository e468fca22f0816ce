"""The one place where errors become HTTP responses.

Domain code raises domain exceptions; this module maps them to a status and a Chinese
message. Requests under ``/api/`` get ``{"detail": "..."}``; pages get a Chinese error page.
An unexpected exception is logged here and answered with a generic message: a user never
sees a traceback, an exception's text, or the input that was rejected (it may hold PI).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from shouyue.commerce.accounts.exceptions import AccountsError
from shouyue.commerce.errors import CommerceError
from shouyue.commerce.identity.exceptions import IdentityError
from shouyue.commerce.notifications.exceptions import NotificationsError
from shouyue.commerce.privacy_center.exceptions import PrivacyCenterError
from shouyue.commerce.staff.exceptions import StaffError
from shouyue.privacy.consent import (
    ConsentNotApplicable,
    ConsentRequired,
    NoticeAcceptanceRequired,
    NoticeUpdateRequired,
    PurposeNotInNotice,
    SeparateConsentRequired,
)
from shouyue.privacy.errors import (
    KeyDestroyed,
    PrivacyError,
    PurposeNotAllowed,
    UnknownCategory,
    UnknownPurpose,
    UnknownRecipient,
)
from shouyue.privacy.notice.versions import NoticeNotPublished, NoticeVersionError, UnknownNoticeVersion
from shouyue.privacy.permissions import PermissionNotGranted, UnknownPermission, UnknownPermissionState
from shouyue.settings import get_settings
from shouyue.web.security import security_headers
from shouyue.web.templating import templates

logger = logging.getLogger("shouyue.web")

API_PREFIX = "/api/"

# Domain exception -> (status, message for the user). The most specific class wins.
# Other domains add their exceptions here. A message of None: the exception's ``message`` (or
# its text) is the Chinese sentence for the user, and its ``status_code`` (if any) the status.
DOMAIN_ERRORS: dict[type[Exception], tuple[int, str | None]] = {
    UnknownCategory: (404, "未找到该类个人信息"),
    UnknownPurpose: (404, "未找到该处理目的"),
    UnknownRecipient: (404, "未找到该第三方"),
    PurposeNotAllowed: (403, "该处理目的未被声明可以使用此类个人信息，操作已被拒绝"),
    KeyDestroyed: (410, "该信息已按规定销毁，无法再读取"),
    StaffError: (400, None),
    AccountsError: (400, None),
    IdentityError: (400, None),
    # The engine's refusals carry their Chinese sentence as their text.
    ConsentRequired: (403, None),
    ConsentNotApplicable: (400, None),
    SeparateConsentRequired: (400, None),
    NoticeAcceptanceRequired: (403, None),
    NoticeUpdateRequired: (409, None),
    PurposeNotInNotice: (409, None),
    PermissionNotGranted: (403, None),
    UnknownPermission: (404, "未找到该设备权限"),
    UnknownPermissionState: (422, "权限状态只能是 granted（允许）、denied（拒绝）或 not_asked（未询问）"),
    NoticeVersionError: (409, None),
    UnknownNoticeVersion: (404, None),
    NoticeNotPublished: (503, None),
    PrivacyCenterError: (400, None),
    NotificationsError: (400, None),
    CommerceError: (400, None),
}

MESSAGES: dict[int, str] = {
    400: "请求无效",
    401: "请先登录",
    403: "您没有权限执行此操作",
    404: "您访问的页面或资源不存在",
    405: "不支持该请求方法",
    406: "无法提供所请求的格式",
    409: "请求与当前状态冲突，请刷新后重试",
    410: "该资源已不存在",
    413: "提交的内容过大",
    415: "不支持该内容类型",
    422: "请求参数不正确",
    429: "请求过于频繁，请稍后再试",
    500: "服务器出现问题，请稍后再试",
    503: "服务暂时不可用，请稍后再试",
}

PAGE_TITLES: dict[int, str] = {
    403: "无权访问",
    404: "页面不存在",
    405: "不支持的请求",
    422: "请求有误",
    500: "服务器出现问题",
    503: "服务暂时不可用",
}

# Pydantic error types in words; anything else reads "取值无效".
_VALIDATION_WORDS: dict[str, str] = {
    "missing": "缺少必填项",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_pattern_mismatch": "格式不正确",
    "too_short": "数量过少",
    "too_long": "数量过多",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "literal_error": "不是允许的取值",
    "enum": "不是允许的取值",
    "json_invalid": "不是有效的JSON",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为布尔值",
    "string_type": "应为文本",
    "date_parsing": "日期格式不正确",
    "datetime_parsing": "时间格式不正确",
    "uuid_parsing": "标识格式不正确",
}
_LOCATIONS = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头", "cookie": "Cookie"}


class FieldErrorRead(BaseModel):
    loc: list[str | int]
    message: str


class ErrorRead(BaseModel):
    """Every error the API returns."""

    detail: str
    errors: list[FieldErrorRead] | None = None


# Declared on the API router so the OpenAPI document shows the real error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorRead, "description": "资源不存在"},
    422: {"model": ErrorRead, "description": "请求参数不正确"},
    500: {"model": ErrorRead, "description": "服务器出现问题"},
}


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    domain: list[type[Exception]] = [PrivacyError, *DOMAIN_ERRORS]
    for exc_type in domain:
        app.add_exception_handler(exc_type, _domain_error)
    # Starlette runs the handler for Exception in its outermost middleware, outside ours,
    # so that response adds the security headers itself.
    app.add_exception_handler(Exception, _unexpected_error)


def error_response(request: Request, status: int, detail: str, errors: list[FieldErrorRead] | None = None) -> Response:
    """JSON for the API, an error page for everything else."""
    headers = security_headers(request.url.path, hsts=get_settings().is_production)
    if request.url.path.startswith(API_PREFIX):
        body = ErrorRead(detail=detail, errors=errors).model_dump(exclude_none=True)
        return JSONResponse(body, status_code=status, headers=headers)
    title = PAGE_TITLES.get(status, MESSAGES.get(status, "请求未能完成"))
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail},
        status_code=status,
        headers=headers,
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, StarletteHTTPException):
        return await _unexpected_error(request, exc)
    detail = exc.detail if isinstance(exc.detail, str) else ""
    # Framework errors carry the English reason phrase; ours carry a Chinese sentence.
    if not detail or detail == _phrase(exc.status_code):
        detail = MESSAGES.get(exc.status_code, "请求未能完成")
    response = error_response(request, exc.status_code, detail)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, RequestValidationError):
        return await _unexpected_error(request, exc)
    errors = [_field_error(err) for err in exc.errors()]
    summary = "；".join(f"{_where(e.loc)}{e.message}" for e in errors[:5])
    detail = f"{MESSAGES[422]}：{summary}" if summary else MESSAGES[422]
    return error_response(request, 422, detail, errors)


async def _domain_error(request: Request, exc: Exception) -> Response:
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            status, detail = DOMAIN_ERRORS[cls]
            if detail is None:
                status, detail = getattr(exc, "status_code", status), str(getattr(exc, "message", exc))
            logger.info("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
            return error_response(request, status, detail)
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    # The path only: a query string may carry PI.
    logger.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, MESSAGES[500])


def _field_error(err: Any) -> FieldErrorRead:
    loc = [part for part in err.get("loc", ()) if isinstance(part, str | int)]
    return FieldErrorRead(loc=loc, message=_VALIDATION_WORDS.get(str(err.get("type", "")), "取值无效"))


def _where(loc: list[str | int]) -> str:
    if not loc:
        return ""
    place = _LOCATIONS.get(str(loc[0]), "")
    field = ".".join(str(p) for p in loc[1:])
    if place and field:
        return f"{place} {field}："
    return f"{place or field}："


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
