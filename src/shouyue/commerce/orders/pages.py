"""The orders Simplified-Chinese pages (filled in by the commerce slice)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
