"""Getting back in: one-time secrets (reset links, email confirmation, SMS codes), confirmed emails.

Emails already on accounts count as confirmed from the account's creation: they have been
receiving Circles' emails, and a sudden silence would surprise them more than it protects them.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 15:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('one_time_secrets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('sent_to', sa.String(length=254), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_one_time_secrets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_one_time_secrets'))
    )
    with op.batch_alter_table('one_time_secrets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_one_time_secrets_secret_hash'), ['secret_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_one_time_secrets_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET email_confirmed_at = created_at WHERE email IS NOT NULL")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')

    with op.batch_alter_table('one_time_secrets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_one_time_secrets_user_id'))
        batch_op.drop_index(batch_op.f('ix_one_time_secrets_secret_hash'))

    op.drop_table('one_time_secrets')
