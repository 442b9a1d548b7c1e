"""The inbox is paged in the database: a long one costs no more to open than a short one."""

from datetime import timedelta

from sqlalchemy import insert

from circles.accounts import services as accounts
from circles.core.types import utcnow
from circles.extensions import db
from circles.notify import notifications
from circles.notify.models import Notification
from tests.factories import make_user
from tests.plans import rows_read_for


def fill_inbox(user, count: int, offset: int = 0) -> None:
    """count notifications for the person, a minute apart, in one insert."""
    start = utcnow() - timedelta(days=30)
    rows = [
        {
            "user_id": user.id,
            "kind": "membership.approved",
            "params": {"circle": "Trøjborg"},
            "created_at": start + timedelta(minutes=offset + n),
        }
        for n in range(count)
    ]
    db.session.execute(insert(Notification), rows)
    db.session.commit()


def test_karens_inbox_of_5000_opens_with_as_few_statements_as_one_of_10(app, ctx, statements):
    karen = make_user(language="da")
    _, token = accounts.issue_token(karen, "Karens telefon")
    phone = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    phone.get("/api/v1/notifications/unread", headers=auth)  # her first visit notes activity
    fill_inbox(karen, 10)
    with statements() as short:
        few = phone.get("/api/v1/notifications?page=1&page_size=10", headers=auth)
    fill_inbox(karen, 4990, offset=10)
    with statements() as long:
        many = phone.get("/api/v1/notifications?page=2&page_size=10", headers=auth)
    assert len(few.get_json()) == len(many.get_json()) == 10
    assert many.headers["X-Pagination"].count('"total": 5000')
    assert len(long) == len(short) == 3  # the caller, the page, the count()


def test_a_bearer_request_finds_its_caller_in_one_statement(app, ctx, statements):
    karen = make_user()
    _, token = accounts.issue_token(karen)
    phone = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    phone.get("/api/v1/notifications/unread", headers=auth)
    with statements() as sent:
        answer = phone.get("/api/v1/notifications/unread", headers=auth)
    assert answer.get_json() == {"unread": 0}
    assert len(sent) == 2  # the caller with their token, then the count


def test_a_revoked_token_or_a_deactivated_account_is_not_let_in(app, ctx):
    karen = make_user()
    token, plain = accounts.issue_token(karen)
    phone = app.test_client()
    auth = {"Authorization": f"Bearer {plain}"}
    assert phone.get("/api/v1/notifications/unread", headers=auth).status_code == 200
    karen.active = False
    db.session.commit()
    assert phone.get("/api/v1/notifications/unread", headers=auth).status_code == 401
    karen.active, token.revoked_at = True, utcnow()
    db.session.commit()
    assert phone.get("/api/v1/notifications/unread", headers=auth).status_code == 401


def test_karens_newest_ten_come_straight_from_the_index_among_everyones_messages(ctx):
    karen, neighbour = make_user(name="Karen"), make_user(name="Bent")
    fill_inbox(karen, 5000)
    fill_inbox(neighbour, 20000, offset=5000)  # newer than all of hers
    query = notifications.inbox().params(user_id=karen.id).limit(10)
    read, plan = rows_read_for(query, "notifications")
    # Ten rows (PostgreSQL may look at one more to know the page is full), not her 5,000 to
    # sort them, nor his 20,000 to pass them by.
    assert 0 <= read <= 11, "\n".join(plan)
    assert not any("TEMP B-TREE" in line for line in plan), "SQLite sorted them itself"
