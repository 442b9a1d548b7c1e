"""The inbox from one index: a member's notifications by time, newest first.

The inbox is a member's notifications newest first. With an index on the member and another on
the time, PostgreSQL walked the time index backwards and read everyone's notifications until it
had ten of this member's: at national size 21,614 rows for a member with 5,000 (5.4 ms), where
a member with ten took 0.2 ms. One index on (user_id, created_at, id) gives any member's newest
ten directly, and serves everything the index on user_id alone served (the unread count, marking
read, a member's erasure), so it replaces it. The time index stays for the retention job.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-06 01:50:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_notifications_user_id_created_at",
        "notifications",
        ["user_id", "created_at", "id"],
    )
    op.drop_index("ix_notifications_user_id", table_name="notifications")


def downgrade():
    op.create_index("ix_notifications_user_id", "notifications", ["user_id"])
    op.drop_index("ix_notifications_user_id_created_at", table_name="notifications")
