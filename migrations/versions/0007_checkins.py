"""Check-ins: members' consented UCLA loneliness answers, and their consent on users.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 23:43:08.523678

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('companionship', sa.SmallInteger(), nullable=False),
    sa.Column('left_out', sa.SmallInteger(), nullable=False),
    sa.Column('isolated', sa.SmallInteger(), nullable=False),
    sa.Column('lonely_direct', sa.SmallInteger(), nullable=False),
    sa.Column('membership_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_checkins_circle_id_circles')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_checkins_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkins'))
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkins_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_checkins_taken_at'), ['taken_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_checkins_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_consent_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('checkin_consent_at')

    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkins_user_id'))
        batch_op.drop_index(batch_op.f('ix_checkins_taken_at'))
        batch_op.drop_index(batch_op.f('ix_checkins_circle_id'))

    op.drop_table('checkins')
