"""A delivery may be over_cap: the SMS cap (0013) meets the constrained statuses (0010).

Follows 0016. The circle's SMS for the month are used up, and the message goes on the call
list instead; the CHECK on deliveries.status learns that value. On SQLite, batch mode copies
the table.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 14:40:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BEFORE = ("pending", "sending", "sent", "skipped", "failed")
AFTER = (*BEFORE, "over_cap")


def check(values):
    """The constraint's SQL for these statuses."""
    listed = ", ".join(f"'{value}'" for value in values)
    return f"status IN ({listed})"


def replace(values):
    """Replace the CHECK on deliveries.status with one for values."""
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_deliveries_status_valid"), type_="check")
        batch_op.create_check_constraint(op.f("ck_deliveries_status_valid"), check(values))


def upgrade():
    replace(AFTER)


def downgrade():
    op.execute("UPDATE deliveries SET status = 'failed' WHERE status = 'over_cap'")
    replace(BEFORE)
