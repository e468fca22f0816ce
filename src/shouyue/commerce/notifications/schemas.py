"""Bodies of the inbox API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    topic: str
    ref: str
    prominent: bool
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


class InboxRead(BaseModel):
    unread: int
    messages: list[MessageRead]
