"""shops: the shops domain's own tables and changes (commerce slice)

Revision ID: 20261129_shops
Revises: 20261129_commerce_core
Create Date: 2026-11-29 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "20261129_shops"
down_revision: str | Sequence[str] | None = "20261129_commerce_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
