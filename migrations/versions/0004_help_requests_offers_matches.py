"""Mutual help: help requests, standing offers, matches, blocks and regular arrangements.

Also indexes users and open requests by (latitude, longitude) for bounding-box searches.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 00:32:08.584480

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('blocker_id', sa.Integer(), nullable=False),
    sa.Column('blocked_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['blocked_id'], ['users.id'], name=op.f('fk_blocks_blocked_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['blocker_id'], ['users.id'], name=op.f('fk_blocks_blocker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blocks')),
    sa.UniqueConstraint('blocker_id', 'blocked_id', name=op.f('uq_blocks_blocker_id'))
    )
    with op.batch_alter_table('blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blocks_blocked_id'), ['blocked_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_blocks_blocker_id'), ['blocker_id'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('max_km', sa.Double(), nullable=False),
    sa.Column('availability', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_offers_created_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_offers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index('ix_offers_user_category', ['user_id', 'category', 'active'], unique=False)

    op.create_table('arrangements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('every_weeks', sa.Integer(), nullable=False),
    sa.Column('first_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_arrangements_circle_id_circles')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_arrangements_created_by_id_users')),
    sa.ForeignKeyConstraint(['helper_id'], ['users.id'], name=op.f('fk_arrangements_helper_id_users')),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_arrangements_requester_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangements'))
    )
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrangements_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrangements_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrangements_requester_id'), ['requester_id'], unique=False)

    op.create_table('help_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('needed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=False),
    sa.Column('longitude', sa.Double(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('radius_km', sa.Double(), nullable=False),
    sa.Column('widened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('arrangement_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('matched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['arrangement_id'], ['arrangements.id'], name=op.f('fk_help_requests_arrangement_id_arrangements')),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_help_requests_circle_id_circles')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_help_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_help_requests_requester_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_help_requests')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_help_requests_dedupe_key'))
    )
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_help_requests_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_help_requests_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_help_requests_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index('ix_help_requests_status_lat_lon', ['status', 'latitude', 'longitude'], unique=False)

    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('thanks_note', sa.Text(), nullable=True),
    sa.Column('thanked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_matches_created_by_id_users')),
    sa.ForeignKeyConstraint(['helper_id'], ['users.id'], name=op.f('fk_matches_helper_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], name=op.f('fk_matches_request_id_help_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_request_id'), ['request_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index('ix_users_latitude_longitude', ['latitude', 'longitude', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('ix_users_latitude_longitude')

    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_request_id'))
        batch_op.drop_index(batch_op.f('ix_matches_helper_id'))
        batch_op.drop_index(batch_op.f('ix_matches_created_at'))

    op.drop_table('matches')
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_help_requests_status_lat_lon')
        batch_op.drop_index(batch_op.f('ix_help_requests_requester_id'))
        batch_op.drop_index(batch_op.f('ix_help_requests_created_at'))
        batch_op.drop_index(batch_op.f('ix_help_requests_circle_id'))

    op.drop_table('help_requests')
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrangements_requester_id'))
        batch_op.drop_index(batch_op.f('ix_arrangements_helper_id'))
        batch_op.drop_index(batch_op.f('ix_arrangements_circle_id'))

    op.drop_table('arrangements')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('ix_offers_user_category')

    op.drop_table('offers')
    with op.batch_alter_table('blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blocks_blocker_id'))
        batch_op.drop_index(batch_op.f('ix_blocks_blocked_id'))

    op.drop_table('blocks')
