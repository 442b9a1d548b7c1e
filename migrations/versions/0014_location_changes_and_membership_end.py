"""Privacy against a hostile member: when homes moved (to limit how often), and when a
membership ended (to stop showing a former member's contact details after a while).

Follows 0009. location_changes keeps no place, only the time, and goes with the person.
memberships.ended_at is left empty for those who left before it existed: they count as long
gone, so organizers see their name only.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 13:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "location_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("location_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_location_changes_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("ended_at")
    with op.batch_alter_table("location_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_changes_user_id"))
    op.drop_table("location_changes")
