"""``/api/v1/health``."""

from __future__ import annotations

from fastapi import APIRouter, Response

from shouyue.web.deps import DataMapDep, NoticeDep, SessionDep
from shouyue.web.system import service
from shouyue.web.system.schemas import HealthRead

router = APIRouter(tags=["系统"])


@router.get(
    "/health",
    response_model=HealthRead,
    summary="健康检查",
    responses={503: {"model": HealthRead, "description": "数据库不可用"}},
)
def read_health(session: SessionDep, datamap: DataMapDep, notice: NoticeDep, response: Response) -> HealthRead:
    """Database reachable, and which data map and notice this process serves."""
    health = service.get_health(session=session, datamap=datamap, notice=notice)
    if health.status != "ok":
        response.status_code = 503
    return health
