"""Suggestions from indexes: each membership keeps its member's home square, a postcode's
people have an index, and (on PostgreSQL) a helper's match index carries what is tallied.

Suggestions for a request in a city circle read every member's account (3,000 lookups at
national size) only to learn where each lives; the square (geo.square_of) on the membership
answers from ix_memberships_circle_square, which replaces ix_memberships_circle_status_user
(its first columns serve every lookup the old one served). The squares are filled from the
homes already known; the app keeps them in step from now on (membership.models).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05 22:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

# geo.SQUARE_LAT and geo.SQUARE_LON when this was written: the grid never moves.
SQUARE_LAT, SQUARE_LON = 0.005, 0.008
TALLIED = ["status", "origin", "created_at", "thanked_at"]


def _floor(sql: str, dialect: str) -> str:
    """floor() as an integer; SQLite may lack its math functions (as in help.nearness)."""
    if dialect == "sqlite":
        return f"(CAST({sql} AS INTEGER) - (({sql}) < CAST({sql} AS INTEGER)))"
    return f"CAST(floor({sql}) AS INTEGER)"


def upgrade():
    with op.batch_alter_table("memberships") as batch:
        batch.add_column(sa.Column("square_row", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("square_col", sa.Integer(), nullable=True))
    dialect = op.get_bind().dialect.name
    row = _floor(f"users.latitude / {SQUARE_LAT}", dialect)
    col = _floor(f"users.longitude / {SQUARE_LON}", dialect)
    for column, value in (("square_row", row), ("square_col", col)):
        op.execute(
            f"UPDATE memberships SET {column} = (SELECT {value} FROM users"
            " WHERE users.id = memberships.user_id AND users.latitude IS NOT NULL"
            " AND users.longitude IS NOT NULL)"
        )
    op.drop_index("ix_memberships_circle_status_user", table_name="memberships")
    op.create_index(
        "ix_memberships_circle_square",
        "memberships",
        ["circle_id", "status", "square_row", "square_col", "user_id"],
    )
    op.create_index("ix_users_postcode_source", "users", ["postcode", "location_source"])
    if dialect == "postgresql":
        op.drop_index("ix_matches_helper_id", table_name="matches")
        op.create_index(
            "ix_matches_helper_id", "matches", ["helper_id"], postgresql_include=TALLIED
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_matches_helper_id", table_name="matches")
        op.create_index("ix_matches_helper_id", "matches", ["helper_id"])
    op.drop_index("ix_users_postcode_source", table_name="users")
    op.drop_index("ix_memberships_circle_square", table_name="memberships")
    op.create_index(
        "ix_memberships_circle_status_user", "memberships", ["circle_id", "status", "user_id"]
    )
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("square_col")
        batch.drop_column("square_row")
