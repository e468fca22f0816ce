"""catalog: product images, paid placements and the browsing history

Revision ID: 20261129_catalog
Revises: 20261129_shops
Create Date: 2026-11-29 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_catalog"
down_revision: str | Sequence[str] | None = "20261129_shops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "product_image",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_image_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_image")),
        sa.UniqueConstraint("file_name", name=op.f("uq_product_image_file_name")),
    )
    with op.batch_alter_table("product_image", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_image_product_id"), ["product_id"], unique=False)

    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_placement_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_placement_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_ends_at"), ["ends_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_placement_product_id"), ["product_id"], unique=False)

    op.create_table(
        "browsing_record",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_browsing_record_account_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_browsing_record_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_browsing_record")),
    )
    with op.batch_alter_table("browsing_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_browsing_record_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_browsing_record_product_id"), ["product_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("browsing_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_browsing_record_product_id"))
        batch_op.drop_index(batch_op.f("ix_browsing_record_account_id"))
    op.drop_table("browsing_record")

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_product_id"))
        batch_op.drop_index(batch_op.f("ix_placement_ends_at"))
    op.drop_table("placement")

    with op.batch_alter_table("product_image", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_image_product_id"))
    op.drop_table("product_image")
