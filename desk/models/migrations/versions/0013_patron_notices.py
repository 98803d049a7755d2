"""patron_notices: the notice outbox; patrons.language (the language of their notices)

Revision ID: 0013
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0013"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), server_default="zh_TW",
                                      nullable=False))
    op.create_table(
        "patron_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("created_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("sent_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=80), nullable=True),
        sa.Column("claimed_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'claimed', 'sending', 'sent', 'failed', "
                           "'printed')",
                           name=op.f("ck_patron_notices_state")),
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f("fk_patron_notices_patron_id_patrons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patron_notices")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_patron_notices_dedupe_key")),
        sa.UniqueConstraint("message_id", name=op.f("uq_patron_notices_message_id")),
    )
    with op.batch_alter_table("patron_notices", schema=None) as batch_op:
        batch_op.create_index("ix_patron_notices_state_next", ["state", "next_attempt_at"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_patron_notices_patron_id"), ["patron_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patron_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patron_notices_patron_id"))
        batch_op.drop_index("ix_patron_notices_state_next")
    op.drop_table("patron_notices")
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.drop_column("language")
