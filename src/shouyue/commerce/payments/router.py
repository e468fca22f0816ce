"""The payments JSON API (filled in by the commerce slice)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
