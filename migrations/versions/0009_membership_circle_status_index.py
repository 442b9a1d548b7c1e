"""Matching: a circle's active members straight from one index.

Follows 0008 (organizers). Suggestions join the people in a bounding box to the circle's
active members; with (circle_id, status, user_id) PostgreSQL reads those from the index alone
instead of fetching every membership row of everyone in the box. The index on circle_id alone
is then redundant (the new one starts with it) and goes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 04:35:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(
            "ix_memberships_circle_status_user", ["circle_id", "status", "user_id"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_memberships_circle_id"))


def downgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_circle_id"), ["circle_id"], unique=False)
        batch_op.drop_index("ix_memberships_circle_status_user")
