"""Organizers: helpers' vetting on memberships, reports, the call log and sign-in cards.

Follows 0007 (check-ins). Existing memberships start with references unchecked.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 03:41:44.405001

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sign_in_cards_created_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_in_cards_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_cards')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_sign_in_cards_code_hash'))
    )
    with op.batch_alter_table('sign_in_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_cards_user_id'), ['user_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reported_user_id', sa.Integer(), nullable=True),
    sa.Column('target_type', sa.String(length=40), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_reports_circle_id_circles')),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'], name=op.f('fk_reports_handled_by_id_users')),
    sa.ForeignKeyConstraint(['reported_user_id'], ['users.id'], name=op.f('fk_reports_reported_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_reported_user_id'), ['reported_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_status'), ['status'], unique=False)

    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('follow_up_done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outreach_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_calls_circle_id_circles')),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_calls_member_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organizer_id'], ['users.id'], name=op.f('fk_calls_organizer_id_users')),
    sa.ForeignKeyConstraint(['outreach_item_id'], ['outreach_items.id'], name=op.f('fk_calls_outreach_item_id_outreach_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calls_called_at'), ['called_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vetted_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('references_checked', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('vetting_expires_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('vetted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('vetting_reminded_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_memberships_vetting_expires_on'), ['vetting_expires_on'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_memberships_vetted_by_id_users'), 'users', ['vetted_by_id'], ['id'])



def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_memberships_vetted_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_memberships_vetting_expires_on'))
        batch_op.drop_column('vetting_reminded_on')
        batch_op.drop_column('vetted_by_id')
        batch_op.drop_column('vetting_expires_on')
        batch_op.drop_column('references_checked')
        batch_op.drop_column('vetted_on')

    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calls_member_id'))
        batch_op.drop_index(batch_op.f('ix_calls_follow_up_on'))
        batch_op.drop_index(batch_op.f('ix_calls_circle_id'))
        batch_op.drop_index(batch_op.f('ix_calls_called_at'))

    op.drop_table('calls')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_status'))
        batch_op.drop_index(batch_op.f('ix_reports_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_reports_reported_user_id'))
        batch_op.drop_index(batch_op.f('ix_reports_created_at'))
        batch_op.drop_index(batch_op.f('ix_reports_circle_id'))

    op.drop_table('reports')
    with op.batch_alter_table('sign_in_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_cards_user_id'))

    op.drop_table('sign_in_cards')
