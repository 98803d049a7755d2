"""settlement: cash tendered, desk floats, frozen breakdowns and adjustments of closed days

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 13:30:04.027029
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('desk_floats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('set_at', desk.models.base.UTCDateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_desk_floats_amount_not_negative')),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.id'], name=op.f('fk_desk_floats_desk_id_desks')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_desk_floats_staff_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_floats')),
    sa.UniqueConstraint('desk_id', name=op.f('uq_desk_floats_desk_id'))
    )
    op.create_table('settlement_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=24), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=True),
    sa.Column('patron_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', desk.models.base.UTCDateTime(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_settlement_adjustments_amount_not_zero')),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.id'], name=op.f('fk_settlement_adjustments_desk_id_desks')),
    sa.ForeignKeyConstraint(['patron_id'], ['patrons.id'], name=op.f('fk_settlement_adjustments_patron_id_patrons')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_settlement_adjustments_settlement_id_settlements')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_settlement_adjustments_staff_id_staff_users')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['staff_users.id'], name=op.f('fk_settlement_adjustments_supervisor_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_adjustments'))
    )
    with op.batch_alter_table('settlement_adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_adjustments_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_adjustments_settlement_id'), ['settlement_id'], unique=False)

    op.create_table('settlement_breakdowns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_settlement_breakdowns_settlement_id_settlements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_breakdowns')),
    sa.UniqueConstraint('settlement_id', 'dimension', 'key', name=op.f('uq_settlement_breakdowns_settlement_id'))
    )
    with op.batch_alter_table('settlement_breakdowns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_breakdowns_settlement_id'), ['settlement_id'], unique=False)

    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tendered', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_payments_tendered_covers'),
                                         'tendered IS NULL OR tendered >= amount')
        batch_op.drop_index('ix_payments_settlement_id')
        batch_op.drop_constraint('fk_payments_settlement_id_settlements', type_='foreignkey')
        batch_op.drop_column('settlement_id')
        batch_op.create_index('ix_payments_desk_day', ['desk_id', 'business_date'], unique=False)

    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_after', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('float_amount', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('drawer_cash', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('denominations', sa.JSON(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_column('denominations')
        batch_op.drop_column('drawer_cash')
        batch_op.drop_column('float_amount')
        batch_op.drop_column('opened_after')

    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index('ix_payments_desk_day')
        batch_op.add_column(sa.Column('settlement_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_payments_settlement_id_settlements', 'settlements',
                                    ['settlement_id'], ['id'])
        batch_op.create_index('ix_payments_settlement_id', ['settlement_id'], unique=False)
        batch_op.drop_constraint(op.f('ck_payments_tendered_covers'), type_='check')
        batch_op.drop_column('tendered')

    with op.batch_alter_table('settlement_breakdowns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_breakdowns_settlement_id'))

    op.drop_table('settlement_breakdowns')
    with op.batch_alter_table('settlement_adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_adjustments_settlement_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_adjustments_business_date'))

    op.drop_table('settlement_adjustments')
    op.drop_table('desk_floats')
