"""The benchmarks' country builder still builds: a tiny Denmark on SQLite and on PostgreSQL."""

from sqlalchemy import create_engine, text

from bench import national
from circles import create_app
from circles.config import database_url as driver_url
from circles.core import geo
from circles.help.models import offered_kinds_update

MEMBERS = 400  # two circles of about 200


def counted(url: str, sql: str) -> int:
    """The one number a query returns."""
    engine = create_engine(driver_url(url))
    with engine.connect() as connection:
        value = connection.scalar(text(sql))
    engine.dispose()
    return value


def test_a_tiny_denmark_has_everything_the_benchmarks_read(spare_database):
    url = spare_database
    national.build(url, MEMBERS, history=2.0, tokens=20, quiet=True, average_circle=200)

    def count(sql: str) -> int:
        return counted(url, sql)

    assert count("SELECT count(*) FROM users") == MEMBERS
    assert count("SELECT count(*) FROM circles") == 2
    own_sizes = count(
        "SELECT min(n) FROM (SELECT count(*) AS n FROM memberships"
        " WHERE role != 'helper' OR user_id NOT IN (SELECT user_id FROM memberships"
        " GROUP BY user_id HAVING count(*) = 3) GROUP BY circle_id) AS sizes"
    )
    assert own_sizes >= national.SMALLEST
    assert count("SELECT count(*) FROM users WHERE birth_date > '1976-12-31'") == 0
    # Every membership carries its member's home square, as the app keeps it.
    engine = create_engine(driver_url(url))
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT m.square_row, m.square_col, u.latitude, u.longitude"
                " FROM memberships m JOIN users u ON u.id = m.user_id"
            )
        ).all()
    engine.dispose()
    assert rows and all((r, c) == geo.square_of(lat, lon) for r, c, lat, lon in rows)
    kinds = text("SELECT offered_kinds FROM memberships ORDER BY id")
    # ... and the kinds of help its member offers, as the app keeps them.
    with engine.connect() as connection:
        kept = connection.scalars(kinds).all()
        connection.execute(offered_kinds_update())
        recomputed = connection.scalars(kinds).all()
    engine.dispose()
    assert any(kept) and kept == recomputed
    in_two = "SELECT count(*) FROM (SELECT user_id FROM memberships GROUP BY user_id"
    assert count(in_two + " HAVING count(*) = 2) AS t") > 0  # members in a second circle
    done = count("SELECT count(*) FROM matches WHERE status = 'done'")
    assert 1.8 * MEMBERS <= done <= 2 * MEMBERS  # about 2 done matches per member
    assert count("SELECT count(*) FROM matches WHERE status = 'accepted'") > 0
    assert count("SELECT count(*) FROM matches WHERE status = 'proposed'") > 0
    assert count("SELECT count(*) FROM help_requests WHERE status = 'open'") > 0
    assert count("SELECT count(*) FROM blocks") > 0
    assert count("SELECT count(*) FROM events WHERE rrule IS NOT NULL") == 2
    assert count("SELECT count(*) FROM event_occurrences") == 8
    assert count("SELECT count(*) FROM bookings") > 0
    assert count("SELECT count(*) FROM api_tokens") == 20
    big_inbox = national.sample_members(MEMBERS, 2, 20)[0]
    assert count(f"SELECT count(*) FROM notifications WHERE user_id = {big_inbox}") == 5000

    # The ids given by hand leave the sequences behind them, and the tokens sign members in.
    app = create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url)})
    client = app.test_client()
    member = national.sample_members(MEMBERS, 2, 20)[1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer bench-{member}"})
    assert me.status_code == 200, me.get_json()
    created = client.post(
        "/api/v1/requests",
        json={"category": "shopping", "description": "Mælk og brød"},
        headers={"Authorization": f"Bearer bench-{member}"},
    )
    assert created.status_code == 201, created.get_json()
