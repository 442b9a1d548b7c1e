"""Statuses constrained: each status (and role, outcome) column accepts only its known values.

Follows 0009. The sets are those of the models (circles/*/models.py), copied here as they stand
today, because a migration must not change when the models do. On SQLite, batch mode copies
each table to add its CHECK.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 13:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# table -> column -> allowed values
CHECKS = {
    "memberships": {
        "role": ("member", "helper", "organizer"),
        "status": ("pending", "active", "refused", "left", "suspended", "removed"),
    },
    "help_requests": {"status": ("open", "matched", "done", "cancelled", "expired")},
    "matches": {"status": ("proposed", "accepted", "declined", "cancelled", "done")},
    "reports": {
        "status": ("open", "handled"),
        "outcome": ("dismissed", "warned", "suspended", "removed"),
    },
    "deliveries": {"status": ("pending", "sending", "sent", "skipped", "failed")},
    "events": {"status": ("proposed", "scheduled", "cancelled")},
    "bookings": {"status": ("going", "waiting", "cancelled")},
    "proposals": {"status": ("received", "under_consideration", "answered")},
}


def upgrade():
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in columns.items():
                listed = ", ".join(f"'{value}'" for value in values)
                batch_op.create_check_constraint(
                    op.f(f"ck_{table}_{column}_valid"), f"{column} IN ({listed})"
                )


def downgrade():
    for table, columns in reversed(list(CHECKS.items())):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_constraint(op.f(f"ck_{table}_{column}_valid"), type_="check")
