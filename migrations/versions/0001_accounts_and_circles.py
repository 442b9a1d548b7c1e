"""Accounts, tokens, municipalities, circles, memberships, staff and idempotency records.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def timestamp(name: str, nullable: bool = False) -> sa.Column:
    """A UTC timestamp column (models use UTCDateTime over this type)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    op.create_table(
        "municipalities",
        sa.Column("id", sa.Integer()),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("code", sa.String(3)),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_municipalities"),
        sa.UniqueConstraint("code", name="uq_municipalities_code"),
        sa.UniqueConstraint("name", name="uq_municipalities_name"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer()),
        sa.Column("email", sa.String(254)),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date()),
        sa.Column("phone", sa.String(40)),
        sa.Column("address", sa.String(300)),
        sa.Column("postcode", sa.String(4)),
        sa.Column("place_name", sa.String(100)),
        sa.Column("latitude", sa.Double()),
        sa.Column("longitude", sa.Double()),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("text_size", sa.Integer(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("experiences", sa.JSON(), nullable=False),
        timestamp("experiences_consent_at", nullable=True),
        sa.Column("availability", sa.JSON(), nullable=False),
        sa.Column("travel_km", sa.Double(), nullable=False),
        sa.Column("contact_channels", sa.JSON(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        timestamp("created_at"),
        timestamp("last_active_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer()),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        timestamp("created_at"),
        timestamp("last_used_at", nullable=True),
        timestamp("revoked_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])

    op.create_table(
        "circles",
        sa.Column("id", sa.Integer()),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("description", sa.String(2000), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("radius_km", sa.Double(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"],
            name="fk_circles_municipality_id_municipalities",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_circles"),
    )
    op.create_index("ix_circles_municipality_id", "circles", ["municipality_id"])

    op.create_table(
        "idempotency_records",
        sa.Column("id", sa.Integer()),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("route", sa.String(300), nullable=False),
        sa.Column("status_code", sa.Integer()),
        sa.Column("body", sa.JSON()),
        timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_idempotency_records_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_idempotency_records"),
        sa.UniqueConstraint("user_id", "key", "route", name="uq_idempotency_records_user_id"),
    )
    op.create_index("ix_idempotency_records_created_at", "idempotency_records", ["created_at"])

    op.create_table(
        "municipal_staff",
        sa.Column("id", sa.Integer()),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"],
            name="fk_municipal_staff_municipality_id_municipalities",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_municipal_staff_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_municipal_staff"),
        sa.UniqueConstraint("user_id", "municipality_id", name="uq_municipal_staff_user_id"),
    )
    op.create_index("ix_municipal_staff_municipality_id", "municipal_staff", ["municipality_id"])
    op.create_index("ix_municipal_staff_user_id", "municipal_staff", ["user_id"])

    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer()),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        timestamp("created_at"),
        timestamp("decided_at", nullable=True),
        sa.Column("decided_by_id", sa.Integer()),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name="fk_memberships_circle_id_circles"
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name="fk_memberships_decided_by_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_memberships_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
        sa.UniqueConstraint("user_id", "circle_id", name="uq_memberships_user_id"),
    )
    op.create_index("ix_memberships_circle_id", "memberships", ["circle_id"])
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])


def downgrade():
    for table in (
        "memberships",
        "municipal_staff",
        "idempotency_records",
        "circles",
        "api_tokens",
        "users",
        "municipalities",
    ):
        op.drop_table(table)
