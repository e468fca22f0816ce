"""Response models of the system endpoints. Nothing secret: no URLs, keys or settings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class HealthRead(BaseModel):
    status: Literal["ok", "degraded"] = Field(description="ok when every check passes")
    database: Literal["ok", "unavailable"] = Field(description="the database answered SELECT 1")
    datamap_version: str = Field(description="version of the data map this process enforces")
    notice_version: str = Field(
        description="fingerprint (SHA-256, first 16 hex digits) of the notice rendered from the data map"
    )
    published_notice_version: str | None = Field(
        default=None, description="the newest published notice version (shouyue notice publish), if any"
    )
