"""A code from the authenticator app works once: the time step of the last one accepted.

Follows 0024 (main's head when written; the brief named 0017). users.totp_last_step holds
the 30-second step of the last TOTP code accepted; a code at or before it is refused.

Revision ID: 0027
Revises: 0024
Create Date: 2026-12-05 17:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
