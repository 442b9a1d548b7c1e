"""Idempotency: a key is bound to the call it was first used for.

Follows 0009. Each record keeps a SHA-256 of the first call's method, path and body; a retry
with the same key and another body is refused instead of being answered with the first
call's result. Records from before have none and are not checked.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 13:05:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_hash", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_column("request_hash")
