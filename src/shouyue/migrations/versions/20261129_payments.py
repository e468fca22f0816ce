"""payments: payments, bound bank cards, shipments and tracking events (commerce slice)

Revision ID: 20261129_payments
Revises: 20261129_orders
Create Date: 2026-11-29 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_payments"
down_revision: str | Sequence[str] | None = "20261129_orders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUCCEEDED = sa.text("status = 'succeeded'")


def upgrade() -> None:
    op.create_table(
        "bank_card",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("bank_name", sa.String(length=40), nullable=False),
        sa.Column("card_number", sa.Text(), nullable=False),
        sa.Column("card_number_index", sa.String(length=32), nullable=False),
        sa.Column("card_expiry", sa.Text(), nullable=False),
        sa.Column("reserved_phone", sa.Text(), nullable=False),
        sa.Column("binding_ref", sa.String(length=64), nullable=False),
        sa.Column("agreement_ref", sa.String(length=64), nullable=True),
        sa.Column("replaces_card_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("code_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_bank_card_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_card")),
    )
    with op.batch_alter_table("bank_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_card_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bank_card_card_number_index"), ["card_number_index"], unique=False)

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("failure_reason", sa.String(length=200), nullable=False),
        sa.Column("source_recipient", sa.String(length=80), nullable=False),
        sa.Column("disclosure_id", sa.BigInteger(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["account.id"], name=op.f("fk_payment_buyer_id_account"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["card_id"], ["bank_card.id"], name=op.f("fk_payment_card_id_bank_card"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_payment_order_id_shop_order"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            "uq_payment_order_succeeded",
            ["order_id"],
            unique=True,
            sqlite_where=_SUCCEEDED,
            postgresql_where=_SUCCEEDED,
        )

    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.String(length=32), nullable=False),
        sa.Column("carrier", sa.String(length=16), nullable=False),
        sa.Column("tracking_number", sa.String(length=20), nullable=False),
        sa.Column("shipped_by", sa.String(length=32), nullable=False),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("carrier_reference", sa.String(length=64), nullable=False),
        sa.Column("carrier_recipient", sa.String(length=80), nullable=False),
        sa.Column("last_tracked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["account.id"], name=op.f("fk_shipment_buyer_id_account"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_shipment_order_id_shop_order"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], name=op.f("fk_shipment_shop_id_shop"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment")),
        sa.UniqueConstraint("order_id", name=op.f("uq_shipment_order_id")),
    )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipment_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipment_shop_id"), ["shop_id"], unique=False)

    op.create_table(
        "tracking_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("source_recipient", sa.String(length=80), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["account.id"], name=op.f("fk_tracking_event_buyer_id_account"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
            name=op.f("fk_tracking_event_shipment_id_shipment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_event")),
        sa.UniqueConstraint("shipment_id", "at", "status", name=op.f("uq_tracking_event_shipment_id")),
    )
    with op.batch_alter_table("tracking_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tracking_event_shipment_id"), ["shipment_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tracking_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracking_event_shipment_id"))
    op.drop_table("tracking_event")
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipment_shop_id"))
        batch_op.drop_index(batch_op.f("ix_shipment_buyer_id"))
    op.drop_table("shipment")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index("uq_payment_order_succeeded", sqlite_where=_SUCCEEDED, postgresql_where=_SUCCEEDED)
        batch_op.drop_index(batch_op.f("ix_payment_order_id"))
        batch_op.drop_index(batch_op.f("ix_payment_buyer_id"))
    op.drop_table("payment")
    with op.batch_alter_table("bank_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_card_card_number_index"))
        batch_op.drop_index(batch_op.f("ix_bank_card_account_id"))
    op.drop_table("bank_card")
