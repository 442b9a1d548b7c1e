"""Each membership keeps the kinds of help its member offers, in the index suggestions read.

Suggestions for a request take the nearest members of the circle and the nearest who offer
the request's kind of help. The second asked each of the ~1,000 members in reach of a city
request whether they had an active offer of that kind: 1,026 index probes into offers, 1.3 of
3.4 ms in one plan at national size. With the kinds on the membership (a bit per category,
help.models.kind_bit) and in ix_memberships_circle_square, both come from one index range.
Measured on 100 open requests, the candidates statement without those probes ran in p50
2.80-2.85 ms against 3.75-5.12, p95 4.27-4.49 against 6.19-8.68.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06 03:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

# The order of circles.core.vocabulary.CATEGORIES when this was written: bit i is category i.
CATEGORIES = (
    "shopping",
    "transport",
    "garden",
    "repairs",
    "it_help",
    "paperwork",
    "visit",
    "phone_chat",
    "walk",
    "meals",
    "peer_support",
    "other",
)
SQUARE_INDEX = ["circle_id", "status", "square_row", "square_col", "user_id"]


def upgrade():
    with op.batch_alter_table("memberships") as batch:
        batch.add_column(
            sa.Column("offered_kinds", sa.Integer(), nullable=False, server_default="0")
        )
    bits = " ".join(f"WHEN '{kind}' THEN {1 << i}" for i, kind in enumerate(CATEGORIES))
    op.execute(
        "UPDATE memberships SET offered_kinds = ("
        f" SELECT coalesce(sum(DISTINCT CASE offers.category {bits} END), 0) FROM offers"
        " WHERE offers.user_id = memberships.user_id AND offers.active)"
        " WHERE memberships.user_id IN (SELECT user_id FROM offers WHERE active)"
    )
    op.drop_index("ix_memberships_circle_square", table_name="memberships")
    op.create_index(
        "ix_memberships_circle_square", "memberships", [*SQUARE_INDEX, "offered_kinds"]
    )


def downgrade():
    op.drop_index("ix_memberships_circle_square", table_name="memberships")
    op.create_index("ix_memberships_circle_square", "memberships", SQUARE_INDEX)
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("offered_kinds")
