"""Download all my data: every row of every table that is about the member, as plain JSON."""

from datetime import date, datetime

from sqlalchemy import LargeBinary, or_, select

from circles.accounts.models import User
from circles.extensions import db

# Secrets are never handed out, not even to their owner: only hashes or keys are stored.
SECRET_COLUMNS = {
    "password_hash",
    "token_hash",
    "code_hash",
    "secret_hash",
    "totp_secret",
    "token",
    "p256dh",
    "auth",
}
# Links that would tell the member who reported or blocked them: those rows are not theirs.
NOT_MINE = {("reports", "reported_user_id"), ("blocks", "blocked_id")}


def _plain(value):
    """A column value as JSON can carry it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _links_to_user(table) -> list:
    """The table's columns that point at a person and make the row the member's own."""
    return [
        column
        for column in table.c
        if (table.name, column.name) not in NOT_MINE
        and any(key.column.table.name == "users" for key in column.foreign_keys)
    ]


def export(member: User) -> dict:
    """Everything stored about the member, table by table, oldest row first."""
    tables: dict[str, list[dict]] = {}
    for table in db.metadata.sorted_tables:
        links = [table.c.id] if table.name == "users" else _links_to_user(table)
        if not links or "id" not in table.c:
            continue
        shown = [
            c
            for c in table.c
            if c.name not in SECRET_COLUMNS and not isinstance(c.type, LargeBinary)
        ]
        query = select(*shown).where(or_(*(link == member.id for link in links)))
        rows = db.session.execute(query.order_by(table.c.id)).mappings().all()
        if rows:
            tables[table.name] = [
                {key: _plain(value) for key, value in row.items()} for row in rows
            ]
    return {"format": "circles-export-1", "member_id": member.id, "tables": tables}
