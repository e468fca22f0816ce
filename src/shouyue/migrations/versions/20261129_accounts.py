"""accounts: one account for both editions, sessions, SMS codes, third-party logins, and the
risk-control devices, decisions and step-up challenges; merges the consent and disclosure heads

Revision ID: 20261129_accounts
Revises: 20261128_consent_permissions_notice, 20261129_disclosure_log
Create Date: 2026-11-29 00:20:00.620599
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261129_accounts"
down_revision: str | Sequence[str] | None = ("20261128_consent_permissions_notice", "20261129_disclosure_log")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("phone_index", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seller_enabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("nickname", sa.String(length=32), nullable=True),
        sa.Column("avatar", sa.String(length=64), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("signature", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_phone_index"), ["phone_index"], unique=True)

    op.create_table(
        "account_oauth_pending",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_hash", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("external_id_hash", sa.String(length=64), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=True),
        sa.Column("avatar_url", sa.String(length=512), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_oauth_pending")),
        sa.UniqueConstraint("ticket_hash", name=op.f("uq_account_oauth_pending_ticket_hash")),
    )
    op.create_table(
        "account_sms_code",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("phone_index", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_sms_code")),
    )
    with op.batch_alter_table("account_sms_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_sms_code_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_account_sms_code_lookup", ["phone_index", "purpose", "created_at"], unique=False)

    op.create_table(
        "account_oauth_link",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("external_id_hash", sa.String(length=64), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=True),
        sa.Column("avatar_url", sa.String(length=512), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_oauth_link_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_oauth_link")),
        sa.UniqueConstraint("account_id", "provider", name="uq_account_oauth_link_account_provider"),
        sa.UniqueConstraint("provider", "external_id_hash", name="uq_account_oauth_link_provider_external"),
    )
    with op.batch_alter_table("account_oauth_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_oauth_link_account_id"), ["account_id"], unique=False)

    op.create_table(
        "account_session",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("edition", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_session_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_session_token_hash")),
    )
    with op.batch_alter_table("account_session", schema=None) as batch_op:
        batch_op.create_index("ix_account_session_account_active", ["account_id", "revoked_at"], unique=False)

    op.create_table(
        "risk_decision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.String(length=200), nullable=False),
        sa.Column("device_hash", sa.String(length=64), nullable=True),
        sa.Column("region", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_risk_decision_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_decision")),
    )
    with op.batch_alter_table("risk_decision", schema=None) as batch_op:
        batch_op.create_index("ix_risk_decision_account_at", ["account_id", "at"], unique=False)

    op.create_table(
        "risk_device",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("device_hash", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=32), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_risk_device_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_device")),
        sa.UniqueConstraint("account_id", "device_hash", name="uq_risk_device_account_device"),
    )
    op.create_table(
        "risk_challenge",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("edition", sa.String(length=8), nullable=False),
        sa.Column("session_kind", sa.String(length=8), nullable=False),
        sa.Column("device_hash", sa.String(length=64), nullable=True),
        sa.Column("region", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_risk_challenge_account_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["risk_decision.id"],
            name=op.f("fk_risk_challenge_decision_id_risk_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_challenge")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_risk_challenge_token_hash")),
    )
    with op.batch_alter_table("risk_challenge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_challenge_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_challenge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_challenge_account_id"))

    op.drop_table("risk_challenge")
    op.drop_table("risk_device")
    with op.batch_alter_table("risk_decision", schema=None) as batch_op:
        batch_op.drop_index("ix_risk_decision_account_at")

    op.drop_table("risk_decision")
    with op.batch_alter_table("account_session", schema=None) as batch_op:
        batch_op.drop_index("ix_account_session_account_active")

    op.drop_table("account_session")
    with op.batch_alter_table("account_oauth_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_oauth_link_account_id"))

    op.drop_table("account_oauth_link")
    with op.batch_alter_table("account_sms_code", schema=None) as batch_op:
        batch_op.drop_index("ix_account_sms_code_lookup")
        batch_op.drop_index(batch_op.f("ix_account_sms_code_created_at"))

    op.drop_table("account_sms_code")
    op.drop_table("account_oauth_pending")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_phone_index"))

    op.drop_table("account")
