"""identity and staff: real-name verifications, under-14 records and guardian codes; staff
accounts, console sessions and the reasons given for revealing PI

Revision ID: 20261129_identity_staff
Revises: 20261129_accounts
Create Date: 2026-11-29 00:29:13.453294
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_identity_staff"
down_revision: str | None = "20261129_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_member",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_member")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_member_username")),
    )
    op.create_table(
        "identity_guardian_challenge",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("guardian_phone", sa.Text(), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_identity_guardian_challenge_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_guardian_challenge")),
    )
    op.create_index(
        op.f("ix_identity_guardian_challenge_account_id"), "identity_guardian_challenge", ["account_id"], unique=False
    )

    op.create_table(
        "identity_minor",
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("age_flag", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("guardian_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("guardian_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("guardian_contact", sa.Text(), nullable=True),
        sa.Column("pi_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_identity_minor_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_identity_minor")),
    )
    op.create_index(op.f("ix_identity_minor_guardian_deadline"), "identity_minor", ["guardian_deadline"], unique=False)

    op.create_table(
        "identity_real_name",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("real_name", sa.Text(), nullable=False),
        sa.Column("id_number", sa.Text(), nullable=False),
        sa.Column("id_number_index", sa.String(length=32), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_identity_real_name_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_real_name")),
        sa.UniqueConstraint("account_id", name=op.f("uq_identity_real_name_account_id")),
        sa.UniqueConstraint("id_number_index", name=op.f("uq_identity_real_name_id_number_index")),
    )
    op.create_table(
        "staff_reveal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("purpose", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_member.id"], name=op.f("fk_staff_reveal_staff_id_staff_member"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_reveal")),
    )
    op.create_index(op.f("ix_staff_reveal_staff_id"), "staff_reveal", ["staff_id"], unique=False)
    op.create_index(op.f("ix_staff_reveal_subject_id"), "staff_reveal", ["subject_id"], unique=False)

    op.create_table(
        "staff_session",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_member.id"], name=op.f("fk_staff_session_staff_id_staff_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_session_token_hash")),
    )
    op.create_index(op.f("ix_staff_session_staff_id"), "staff_session", ["staff_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_session_staff_id"), table_name="staff_session")

    op.drop_table("staff_session")
    op.drop_index(op.f("ix_staff_reveal_subject_id"), table_name="staff_reveal")
    op.drop_index(op.f("ix_staff_reveal_staff_id"), table_name="staff_reveal")

    op.drop_table("staff_reveal")
    op.drop_table("identity_real_name")
    op.drop_index(op.f("ix_identity_minor_guardian_deadline"), table_name="identity_minor")

    op.drop_table("identity_minor")
    op.drop_index(op.f("ix_identity_guardian_challenge_account_id"), table_name="identity_guardian_challenge")

    op.drop_table("identity_guardian_challenge")
    op.drop_table("staff_member")
