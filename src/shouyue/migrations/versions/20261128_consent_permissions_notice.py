"""consent, permissions, notice versions: the consent ledger and state, notice acceptances,
guardian consents, legal-exception uses, device permissions and the notice archive

Revision ID: 20261128_consent_permissions_notice
Revises: 20261128_audit_log
Create Date: 2026-11-28 00:09:56.765864
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261128_consent_permissions_notice"
down_revision: str | None = "20261128_audit_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consent_event",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("notice_version", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_event")),
    )
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.create_index("ix_consent_event_subject_purpose", ["subject_id", "purpose"], unique=False)

    op.create_table(
        "consent_exception",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=80), nullable=False),
        sa.Column("ground", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=128), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_exception")),
    )
    with op.batch_alter_table("consent_exception", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_exception_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "consent_state",
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=80), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("notice_version", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", "purpose", name=op.f("pk_consent_state")),
    )
    op.create_table(
        "device_permission",
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("permission", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_prompted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", "permission", name=op.f("pk_device_permission")),
    )
    op.create_table(
        "guardian_consent",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("guardian_ref", sa.String(length=128), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=200), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardian_consent")),
    )
    with op.batch_alter_table("guardian_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_consent_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "notice_acceptance",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_acceptance")),
    )
    with op.batch_alter_table("notice_acceptance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_acceptance_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_acceptance_version"), ["version"], unique=False)

    op.create_table(
        "notice_version",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("datamap_version", sa.String(length=80), nullable=False),
        sa.Column("datamap_digest", sa.String(length=64), nullable=False),
        sa.Column("datamap", sa.Text(), nullable=False),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("retention", sa.JSON(), nullable=False),
        sa.Column("controller", sa.String(length=64), nullable=False),
        sa.Column("purpose_scopes", sa.JSON(), nullable=False),
        sa.Column("material", sa.Boolean(), nullable=False),
        sa.Column("material_reasons", sa.JSON(), nullable=False),
        sa.Column("diff", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_notice_version")),
        sa.UniqueConstraint("version", name=op.f("uq_notice_version_version")),
    )


def downgrade() -> None:
    op.drop_table("notice_version")
    with op.batch_alter_table("notice_acceptance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_acceptance_version"))
        batch_op.drop_index(batch_op.f("ix_notice_acceptance_subject_id"))

    op.drop_table("notice_acceptance")
    with op.batch_alter_table("guardian_consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guardian_consent_subject_id"))

    op.drop_table("guardian_consent")
    op.drop_table("device_permission")
    op.drop_table("consent_state")
    with op.batch_alter_table("consent_exception", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_exception_subject_id"))

    op.drop_table("consent_exception")
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_event_subject_purpose")

    op.drop_table("consent_event")
