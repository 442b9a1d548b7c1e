"""The dashboard's frozen months: a finished month's raw counts per municipality, kept once.

Follows 0027 (main's head when written). One row per municipality and month, unique, so two
staff computing the same new month at once store it once (INSERT ... ON CONFLICT DO NOTHING).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05 18:51:14.181293

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dashboard_months",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_dashboard_months_municipality_id_municipalities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_months")),
        sa.UniqueConstraint(
            "municipality_id", "month", name=op.f("uq_dashboard_months_municipality_id")
        ),
    )


def downgrade():
    op.drop_table("dashboard_months")
