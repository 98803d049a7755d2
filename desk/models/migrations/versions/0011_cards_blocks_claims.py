"""cards, blocks, messages and claims: replaced_cards, patron_messages (the old single
patrons.message copied in), loan_claims, patrons.blocked_until, loans.claimed_at and the item
status 'claims_returned'

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_OLD_STATUSES = ("'available', 'on_loan', 'on_holds_shelf', 'in_transit', 'holds_cleared', "
                 "'lost', 'missing', 'withdrawn'")
_NEW_STATUSES = _OLD_STATUSES + ", 'claims_returned'"


def _barcode() -> sa.String:
    return sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "replaced_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("barcode", _barcode(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("new_barcode", sa.String(length=64), nullable=False),
        sa.Column("replaced_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f("fk_replaced_cards_patron_id_patrons")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f("fk_replaced_cards_staff_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replaced_cards")),
        sa.UniqueConstraint("barcode", name=op.f("uq_replaced_cards_barcode")),
    )
    with op.batch_alter_table("replaced_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_replaced_cards_patron_id"), ["patron_id"],
                              unique=False)
    op.create_table(
        "patron_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("acknowledged_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f("fk_patron_messages_patron_id_patrons")),
        sa.ForeignKeyConstraint(["author_id"], ["staff_users.id"],
                                name=op.f("fk_patron_messages_author_id_staff_users")),
        sa.ForeignKeyConstraint(["acknowledged_by"], ["staff_users.id"],
                                name=op.f("fk_patron_messages_acknowledged_by_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patron_messages")),
    )
    with op.batch_alter_table("patron_messages", schema=None) as batch_op:
        batch_op.create_index("ix_patron_messages_patron_open",
                              ["patron_id", "acknowledged_at"], unique=False)
    op.create_table(
        "loan_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("form_no", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('returned', 'never_borrowed')",
                           name=op.f("ck_loan_claims_kind")),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"],
                                name=op.f("fk_loan_claims_loan_id_loans")),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"],
                                name=op.f("fk_loan_claims_item_id_items")),
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f("fk_loan_claims_patron_id_patrons")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f("fk_loan_claims_staff_id_staff_users")),
        sa.ForeignKeyConstraint(["message_id"], ["patron_messages.id"],
                                name=op.f("fk_loan_claims_message_id_patron_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_claims")),
    )
    with op.batch_alter_table("loan_claims", schema=None) as batch_op:
        for column in ("loan_id", "item_id", "patron_id"):
            batch_op.create_index(batch_op.f(f"ix_loan_claims_{column}"), [column], unique=False)
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_until", sa.Date(), nullable=True))
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_at", desk.models.base.UTCDateTime(),
                                      nullable=True))
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_items_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_items_status"), f"status IN ({_NEW_STATUSES})")
    # The old single message of each patron becomes the first message of its table (no
    # author: it was written before messages had one), shown at checkout until acknowledged.
    op.execute(sa.text(
        "INSERT INTO patron_messages (patron_id, text, author_id, created_at) "
        "SELECT id, message, NULL, created_at FROM patrons "
        "WHERE message IS NOT NULL AND trim(message) <> ''"))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_items_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_items_status"), f"status IN ({_OLD_STATUSES})")
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.drop_column("claimed_at")
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.drop_column("blocked_until")
    op.drop_table("loan_claims")
    with op.batch_alter_table("patron_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_patron_messages_patron_open")
    op.drop_table("patron_messages")
    with op.batch_alter_table("replaced_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replaced_cards_patron_id"))
    op.drop_table("replaced_cards")
