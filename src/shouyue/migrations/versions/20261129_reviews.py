"""reviews: the reviews domain's own tables and changes (commerce slice)

Revision ID: 20261129_reviews
Revises: 20261129_payments
Create Date: 2026-11-29 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_reviews"
down_revision: str | Sequence[str] | None = "20261129_payments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("masked_items", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name=op.f("ck_review_rating_range")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["account.id"], name=op.f("fk_review_author_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_review_order_id_shop_order"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_review_order_line_id_order_line"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_review_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint("order_line_id", name=op.f("uq_review_order_line_id")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_review_product_created", ["product_id", "created_at"], unique=False)

    op.create_table(
        "review_image",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=16), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["account.id"], name=op.f("fk_review_image_owner_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["review.id"], name=op.f("fk_review_image_review_id_review"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_image")),
        sa.UniqueConstraint("file_name", name=op.f("uq_review_image_file_name")),
    )
    with op.batch_alter_table("review_image", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_image_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_image_review_id"), ["review_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_image_uploaded_at"), ["uploaded_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_image", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_image_uploaded_at"))
        batch_op.drop_index(batch_op.f("ix_review_image_review_id"))
        batch_op.drop_index(batch_op.f("ix_review_image_owner_id"))

    op.drop_table("review_image")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index("ix_review_product_created")
        batch_op.drop_index(batch_op.f("ix_review_order_id"))
        batch_op.drop_index(batch_op.f("ix_review_author_id"))

    op.drop_table("review")
