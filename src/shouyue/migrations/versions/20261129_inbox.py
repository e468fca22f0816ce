"""inbox: in-app messages to accounts (a new privacy-notice version, P71)

Revision ID: 20261129_inbox
Revises: 20261129_identity_staff
Create Date: 2026-11-29 00:37:39
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_inbox"
down_revision: str | Sequence[str] | None = "20261129_identity_staff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_message",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("prominent", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_inbox_message_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_message")),
        sa.UniqueConstraint("account_id", "topic", "ref", name="uq_inbox_message_account_topic_ref"),
    )
    with op.batch_alter_table("inbox_message", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_message_account_created", ["account_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_message_account_created")
    op.drop_table("inbox_message")
