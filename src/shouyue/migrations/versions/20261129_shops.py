"""shops: the bank card for opening a shop, shop documents, the withdrawal card

Revision ID: 20261129_shops
Revises: 20261129_commerce_core
Create Date: 2026-11-29 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_shops"
down_revision: str | Sequence[str] | None = "20261129_commerce_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seller_bank_card",
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("card_number", sa.Text(), nullable=False),
        sa.Column("card_number_index", sa.String(length=32), nullable=False),
        sa.Column("bank_name", sa.String(length=40), nullable=False),
        sa.Column("branch_name", sa.String(length=80), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_seller_bank_card_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_seller_bank_card")),
        sa.UniqueConstraint("card_number_index", name=op.f("uq_seller_bank_card_card_number_index")),
    )
    op.create_table(
        "shop_document",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("licence", sa.Text(), nullable=True),
        sa.Column("qualification", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(kind = 'licence' AND licence IS NOT NULL AND qualification IS NULL)"
            " OR (kind = 'qualification' AND qualification IS NOT NULL AND licence IS NULL)",
            name=op.f("ck_shop_document_one_file_of_its_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["account.id"], name=op.f("fk_shop_document_owner_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_shop_document_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_document")),
        sa.UniqueConstraint("shop_id", "kind", name=op.f("uq_shop_document_shop_id")),
    )
    op.create_table(
        "shop_withdrawal_card",
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("card_number", sa.Text(), nullable=False),
        sa.Column("bank_name", sa.String(length=40), nullable=False),
        sa.Column("branch_name", sa.String(length=80), nullable=True),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["account.id"], name=op.f("fk_shop_withdrawal_card_owner_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_shop_withdrawal_card_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("shop_id", name=op.f("pk_shop_withdrawal_card")),
    )


def downgrade() -> None:
    op.drop_table("shop_withdrawal_card")
    op.drop_table("shop_document")
    op.drop_table("seller_bank_card")
