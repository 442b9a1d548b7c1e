"""Notifications read in the reader's language now: the words of old ones kept as a fallback.

Follows 0017. A notification is a catalog key with parameters, and its parameters are now
phrases and moments written out when read (circles.core.i18n.phrase), so a switch of language
reaches every message already in the inbox. Rows written before this revision hold parameters
already in words; their text as it read then is kept in notifications.fallback_text, shown
if their key or its placeholders ever stop fitting their parameters.

Revision ID: 0024
Revises: 0017
Create Date: 2026-12-05 16:00:00.000000

"""

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0019"
branch_labels = None
depends_on = None

TRANSLATIONS = Path(__file__).resolve().parents[2] / "circles" / "translations"


def catalog(language: str) -> dict:
    """The server catalog as it is at this revision (read directly: no app code in migrations)."""
    path = TRANSLATIONS / f"{language if language in ('da', 'en') else 'da'}.json"
    return json.loads(path.read_text("utf-8"))


def words(kind: str, params, language: str) -> str:
    """An old notification's text as it read, in the reader's language."""
    entry = catalog(language).get(f"notification.{kind}") or f"notification.{kind}"
    if isinstance(entry, dict):
        entry = entry.get("one" if (params or {}).get("count") == 1 else "other", "")
    try:
        # Old parameters are plain words and numbers; drop any format spec added since.
        plain = entry.replace(":date}", "}").replace(":day}", "}").replace(":number}", "}")
        return plain.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return entry


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fallback_text", sa.Text(), nullable=True))
    connection = op.get_bind()
    notifications = sa.table(
        "notifications",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("params", sa.JSON),
        sa.column("user_id", sa.Integer),
        sa.column("fallback_text", sa.Text),
    )
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("language", sa.String))
    rows = connection.execute(
        sa.select(notifications.c.id, notifications.c.kind, notifications.c.params, users.c.language)
        .join(users, users.c.id == notifications.c.user_id)
    ).all()
    for row in rows:
        connection.execute(
            notifications.update()
            .where(notifications.c.id == row.id)
            .values(fallback_text=words(row.kind, row.params, row.language))
        )


def downgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("fallback_text")
