"""The organizers' outreach list: who and what to call about, listed once per dedupe key.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:07:41.803923

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('target_type', sa.String(length=40), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('called_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['called_by_id'], ['users.id'], name=op.f('fk_outreach_items_called_by_id_users')),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_outreach_items_circle_id_circles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_outreach_items_member_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_items')),
    sa.UniqueConstraint('circle_id', 'dedupe_key', name=op.f('uq_outreach_items_circle_id'))
    )
    with op.batch_alter_table('outreach_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_items_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_items_created_at'), ['created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('outreach_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_items_created_at'))
        batch_op.drop_index(batch_op.f('ix_outreach_items_circle_id'))

    op.drop_table('outreach_items')
