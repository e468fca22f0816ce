"""The cart domain's tables (filled in by the commerce slice)."""

from __future__ import annotations
