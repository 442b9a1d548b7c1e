"""The schema comes from migrations, and the models agree with them."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from circles import create_app
from circles.config import database_url as driver_url
from circles.core import geo
from circles.extensions import db
from circles.help.models import kind_bit


def test_models_and_migrations_agree(app, real_commits):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_every_migration_goes_down_and_up_again(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'round.sqlite'}"})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []


def test_homes_at_their_postcodes_centre_are_marked_as_known_only_by_postcode(tmp_path):
    """0012 tells apart, among people already placed, a postcode's centre from a real home."""
    from sqlalchemy import text

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'homes.sqlite'}"})
    with app.app_context():
        upgrade(revision="0009")
        people = [
            (1, "Birthe", "8000", None, 56.15051, 10.27802),  # 8000's centre, from the desk
            (2, "Karen", "8000", "Trøjborgvej 1", 56.1735, 10.2102),  # a geocoded street
            (3, "Jonas", None, None, 56.1690, 10.2000),  # the phone's location
            (4, "Anne", None, None, None, None),  # nowhere yet
        ]
        with db.engine.begin() as connection:
            for row in people:
                connection.execute(
                    text(
                        "INSERT INTO users (id, name, postcode, address, latitude, longitude,"
                        " language, timezone, text_size, skills, experiences, availability,"
                        " travel_km, contact_channels, notify_by, weekly_digest, is_admin,"
                        " active, created_at, last_active_at) VALUES (:id, :name, :postcode,"
                        " :address, :lat, :lon, 'da', 'Europe/Copenhagen', 100, '[]', '[]',"
                        " '[]', 2.0, '[]', '[]', 0, 0, 1, '2026-11-01', '2026-11-01')"
                    ),
                    dict(
                        zip(("id", "name", "postcode", "address", "lat", "lon"), row, strict=True)
                    ),
                )
        upgrade(revision="0012")
        with db.engine.connect() as connection:
            found = connection.execute(text("SELECT id, location_source FROM users ORDER BY id"))
            assert list(found) == [(1, "postcode"), (2, "address"), (3, "device"), (4, None)]


def seed_members(connection, people: list[tuple]) -> None:
    """A circle in Aarhus and its active members (id, name, latitude, longitude), as rows
    written before the migration under test."""
    connection.execute(
        text("INSERT INTO municipalities (id, name, created_at) VALUES (1, 'Aarhus', '2026-11-01')")
    )
    connection.execute(
        text(
            "INSERT INTO circles (id, municipality_id, name, description, latitude,"
            " longitude, radius_km, min_age, open, created_at, area_postcodes) VALUES"
            " (1, 1, 'Trøjborg', '', 56.17, 10.21, 2.0, 50, true, '2026-11-01', '[]')"
        )
    )
    for id_, name, lat, lon in people:
        connection.execute(
            text(
                "INSERT INTO users (id, name, latitude, longitude, language, timezone,"
                " text_size, skills, experiences, availability, travel_km,"
                " contact_channels, notify_by, weekly_digest, is_admin, active,"
                " created_at, last_active_at) VALUES (:id, :name, :lat, :lon, 'da',"
                " 'Europe/Copenhagen', 100, '[]', '[]', '[]', 2.0, '[]', '[]', false,"
                " false, true, '2026-11-01', '2026-11-01')"
            ),
            {"id": id_, "name": name, "lat": lat, "lon": lon},
        )
        connection.execute(
            text(
                "INSERT INTO memberships (user_id, circle_id, role, status,"
                " references_checked, created_at) VALUES (:id, 1, 'member', 'active',"
                " false, '2026-11-01')"
            ),
            {"id": id_},
        )


def memberships_across(url, before, after, people, columns, also=lambda connection: None):
    """Members (and whatever `also` writes) seeded at revision `before`; their memberships'
    user_id and columns, read after upgrading to `after`."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url)})
    with app.app_context():
        upgrade(revision=before)
        with db.engine.begin() as connection:
            seed_members(connection, people)
            also(connection)
        upgrade(revision=after)
        with db.engine.connect() as connection:
            found = connection.execute(
                text(f"SELECT user_id, {columns} FROM memberships ORDER BY user_id")
            ).all()
        db.engine.dispose()
    return [tuple(row) for row in found]


def test_memberships_learn_the_squares_of_homes_placed_before_0030(spare_database):
    """0030 gives each membership its member's home square, on SQLite (whose floor is spelt out)
    and PostgreSQL alike, west of Greenwich too (a member in Tórshavn), and none to a member
    with no home yet."""
    people = [
        (1, "Karen", 56.1748, 10.2155),  # Trøjborg, Aarhus
        (2, "Jógvan", 62.0107, -6.7741),  # Tórshavn
        (3, "Anne", None, None),  # nowhere yet
    ]
    found = memberships_across(spare_database, "0029", "0030", people, "square_row, square_col")
    expected = [
        (id_, *(geo.square_of(lat, lon) if lat is not None else (None, None)))
        for id_, _, lat, lon in people
    ]
    assert found == expected
    assert expected[1][2] < 0  # the column west of Greenwich: floor, not truncation


def test_memberships_learn_the_kinds_their_members_offered_before_0032(spare_database):
    """0032 gives each membership the kinds of help its member offers actively: Bent's lifts
    and garden, not the shopping he stopped offering; nothing for Karen or for Anne, whose
    only offer is withdrawn."""
    people = [(1, "Karen", 56.17, 10.21), (2, "Bent", 56.18, 10.21), (3, "Anne", 56.16, 10.21)]
    offers = [(2, "transport", True), (2, "garden", True), (2, "shopping", False)]
    offers += [(3, "shopping", False)]

    def offering(connection):
        for user_id, category, active in offers:
            connection.execute(
                text(
                    "INSERT INTO offers (user_id, category, max_km, availability, active,"
                    " created_at, created_by_id) VALUES (:user_id, :category, 2.0, '[]',"
                    " :active, '2026-11-01', :user_id)"
                ),
                {"user_id": user_id, "category": category, "active": active},
            )

    found = memberships_across(spare_database, "0031", "0032", people, "offered_kinds", offering)
    bents = kind_bit("transport") | kind_bit("garden")
    assert found == [(1, 0), (2, bents), (3, 0)]


def test_members_imported_without_squares_get_them_in_0033(spare_database):
    """A list import after 0030 left its members' memberships without home squares."""
    people = [(1, "Erik", 56.1572, 10.2107), (2, "Grethe", None, None)]
    # seed_members writes memberships as the import did: without squares.
    found = memberships_across(spare_database, "0032", "0033", people, "square_row, square_col")
    assert found == [(1, *geo.square_of(56.1572, 10.2107)), (2, None, None)]
