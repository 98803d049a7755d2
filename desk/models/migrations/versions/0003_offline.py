"""offline: transactions of offline journals, keyed-in slips and .koc files already replayed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('offline_transactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('txn_id', sa.String(length=160), nullable=False),
    sa.Column('replay_id', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('desk_code', sa.String(length=32), nullable=False),
    sa.Column('slip_no', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('patron_barcode', sa.String(length=64), nullable=True),
    sa.Column('item_barcode', sa.String(length=64), nullable=False),
    sa.Column('occurred_at', desk.models.base.UTCDateTime(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('applied_at', desk.models.base.UTCDateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('loan_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_offline_transactions_loan_id_loans')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_offline_transactions_staff_id_staff_users')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['staff_users.id'], name=op.f('fk_offline_transactions_supervisor_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_transactions')),
    sa.UniqueConstraint('txn_id', name=op.f('uq_offline_transactions_txn_id'))
    )
    with op.batch_alter_table('offline_transactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offline_transactions_item_barcode'), ['item_barcode'], unique=False)
        batch_op.create_index(batch_op.f('ix_offline_transactions_replay_id'), ['replay_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('offline_transactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offline_transactions_replay_id'))
        batch_op.drop_index(batch_op.f('ix_offline_transactions_item_barcode'))

    op.drop_table('offline_transactions')
