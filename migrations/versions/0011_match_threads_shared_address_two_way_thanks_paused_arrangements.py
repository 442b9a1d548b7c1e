"""Help that reaches people: a message thread per match, the address shared by choice,
thanks both ways, and regular arrangements that can be paused or stopped.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "match_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("match_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_messages_match_id"), ["match_id"], unique=False)
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("share_address", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("helper_thanks_note", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("helper_thanked_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("arrangements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("arrangements", schema=None) as batch_op:
        batch_op.drop_column("stopped_at")
        batch_op.drop_column("paused_until")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_column("helper_thanked_at")
        batch_op.drop_column("helper_thanks_note")
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.drop_column("share_address")
    with op.batch_alter_table("match_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_messages_match_id"))
    op.drop_table("match_messages")
