"""Memberships written by a member list import get their members' home squares.

The list import wrote its memberships in one statement, past the flush hook that gives each
membership its member's home square (0030), so members imported since 0030 had none and
suggestions found them only by a shared postcode. The import now sets them; this fills in
those it left out, as 0030 did for everyone.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06 04:20:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

# geo.SQUARE_LAT and geo.SQUARE_LON when this was written: the grid never moves.
SQUARE_LAT, SQUARE_LON = 0.005, 0.008


def _floor(sql: str, dialect: str) -> str:
    """floor() as an integer; SQLite may lack its math functions (as in help.nearness)."""
    if dialect == "sqlite":
        return f"(CAST({sql} AS INTEGER) - (({sql}) < CAST({sql} AS INTEGER)))"
    return f"CAST(floor({sql}) AS INTEGER)"


def upgrade():
    dialect = op.get_bind().dialect.name
    placed = (
        "SELECT {value} FROM users WHERE users.id = memberships.user_id"
        " AND users.latitude IS NOT NULL AND users.longitude IS NOT NULL"
    )
    row = _floor(f"users.latitude / {SQUARE_LAT}", dialect)
    col = _floor(f"users.longitude / {SQUARE_LON}", dialect)
    op.execute(
        f"UPDATE memberships SET square_row = ({placed.format(value=row)}),"
        f" square_col = ({placed.format(value=col)})"
        " WHERE square_row IS NULL"
    )


def downgrade():
    pass  # the squares are right whichever revision reads them
