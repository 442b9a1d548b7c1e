"""A circle's open requests by an index of their own: a few dozen among years of history.

The helpers' list of requests near them reads the open requests of their circles; through
ix_help_requests_circle_id it read every request the circle ever had (6,362 for one circle of
the national benchmark) to keep 60. A partial index holds only the open ones.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05 19:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_help_requests_open_circle",
        "help_requests",
        ["circle_id"],
        postgresql_where=sa.text("status = 'open'"),
        sqlite_where=sa.text("status = 'open'"),
    )


def downgrade():
    op.drop_index("ix_help_requests_open_circle", table_name="help_requests")
