"""disclosure log: one row per subject for every disclosure through the gateway

Revision ID: 20261129_disclosure_log
Revises: 20261128_audit_log
Create Date: 2026-11-29 00:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_disclosure_log"
down_revision: str | None = "20261128_audit_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "disclosure",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("recipient", sa.String(length=80), nullable=False),
        sa.Column("purpose", sa.String(length=80), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("sent", sa.JSON(), nullable=False),
        sa.Column("stripped", sa.JSON(), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure")),
    )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosure_recipient"), ["recipient"], unique=False)
        batch_op.create_index(batch_op.f("ix_disclosure_subject_id"), ["subject_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_subject_id"))
        batch_op.drop_index(batch_op.f("ix_disclosure_recipient"))
    op.drop_table("disclosure")
