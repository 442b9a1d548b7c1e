"""SMS both ways: phones in E.164, SMS delivery reports, helpers' SMS answers, a monthly cap.

Follows 0009 (the lead re-chains parallel migrations). users.phone_e164 is filled from the
phone each person already has, parsed as the app parses it (Danish numbers by default); a
phone that is not a number stays without one.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

from circles.core import phones


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sms_usage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('used', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_sms_usage_circle_id_circles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_usage')),
    sa.UniqueConstraint('circle_id', 'month', name=op.f('uq_sms_usage_circle_id'))
    )
    op.create_table('sms_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=False),
    sa.Column('sender', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_sms_answers_match_id_matches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sms_answers_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_answers')),
    sa.UniqueConstraint('provider_id', name=op.f('uq_sms_answers_provider_id'))
    )
    with op.batch_alter_table('sms_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_answers_sender'), ['sender'], unique=False)

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('receipt', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('receipt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_deliveries_provider_id'), ['provider_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_e164', sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_phone_e164'), ['phone_e164'], unique=False)

    users = sa.table("users", sa.column("id"), sa.column("phone"), sa.column("phone_e164"))
    connection = op.get_bind()
    for user_id, phone in connection.execute(sa.select(users.c.id, users.c.phone)).all():
        number = phones.e164(phone)
        if number:
            connection.execute(
                users.update().where(users.c.id == user_id).values(phone_e164=number)
            )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_phone_e164'))
        batch_op.drop_column('phone_e164')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_provider_id'))
        batch_op.drop_column('receipt_at')
        batch_op.drop_column('receipt')
        batch_op.drop_column('provider_id')

    with op.batch_alter_table('sms_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_answers_sender'))

    op.drop_table('sms_answers')
    op.drop_table('sms_usage')
