"""Lars reads his messages in the language he chose today, not the one of the day they came."""

from datetime import UTC, datetime

from circles.core.i18n import moment_phrase, phrase
from circles.events.times import SPOKEN
from circles.extensions import db
from circles.notify import notifications
from circles.notify.models import Notification
from tests.factories import HOME, make_circle, make_member, make_request, near


def test_a_helper_who_switches_to_english_reads_his_invitation_in_english(make_client, ctx):
    circle = make_circle()
    mette = make_member(circle, name="Mette Hansen", language="da")
    lars = make_member(circle, name="Lars Holm", home=near(HOME, 600), language="da")
    needed = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # Tuesday, 10:00 in Copenhagen
    request = make_request(mette, circle, category="shopping", needed_at=needed)
    asked = make_client(mette).post(
        "/api/v1/matches", json={"request_id": request.id, "helper_id": lars.id}
    )
    assert asked.status_code == 201, asked.get_json()
    inbox = make_client(lars)
    [danish] = inbox.get("/api/v1/notifications").get_json()
    assert danish["text"].startswith("Du er blevet spurgt, om du vil hjælpe: Indkøb.")

    assert inbox.patch("/api/v1/me", json={"language": "en"}).status_code == 200
    [english] = inbox.get("/api/v1/notifications").get_json()
    assert english["text"] == "You have been asked to help: Shopping. Say yes or no in the app."
    stored = db.session.get(Notification, english["id"])
    assert stored.params["category"] == {"key": "category.shopping"}  # a key, not words
    when = notifications.text(stored, "en")
    assert "Shopping" in when and "Indkøb" not in when


def test_times_and_distances_in_a_notification_are_written_when_read(ctx):
    circle = make_circle()
    inger = make_member(circle, name="Inger", language="da")
    start = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    sent = notifications.notify(
        inger,
        "event_reminder_24h",
        title="Gåtur",
        when=moment_phrase(start, "Europe/Copenhagen", SPOKEN),
    )
    assert (
        notifications.text(sent, "da")
        == 'Påmindelse: "Gåtur" er i morgen, tirsdag 8 december 10:00.'
    )
    assert (
        notifications.text(sent, "en") == 'Reminder: "Gåtur" is tomorrow, Tuesday 8 December 10:00.'
    )
    nearby = notifications.notify(
        inger, "help.nearby", km=3.5, category=phrase("category.shopping")
    )
    assert (
        notifications.text(nearby, "da") == "En nabo ca. 3,5 km fra dig har brug for hjælp: Indkøb."
    )
    assert (
        notifications.text(nearby, "en")
        == "A neighbour about 3.5 km from you needs help: Shopping."
    )


def test_an_old_notification_whose_key_is_gone_reads_as_it_was_written(ctx):
    inger = make_member(make_circle(), name="Inger", language="da")
    old = notifications.notify(inger, "gone.kind", circle="Trøjborg")
    old.fallback_text = "Velkommen i Trøjborg."
    assert notifications.text(old, "en") == "Velkommen i Trøjborg."


def test_migration_0024_keeps_the_words_of_notifications_written_before_it(tmp_path):
    """An inbox from before 0024 reads as it was written, if its key ever stops fitting."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from circles import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'inbox.sqlite'}"})
    with app.app_context():
        upgrade(revision="0017")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, name, language, timezone, text_size, skills,"
                    " experiences, availability, travel_km, contact_channels, notify_by,"
                    " weekly_digest, is_admin, active, created_at, last_active_at) VALUES"
                    " (1, 'Inger', 'da', 'Europe/Copenhagen', 100, '[]', '[]', '[]', 2.0,"
                    " '[]', '[]', 0, 0, 1, '2026-11-01', '2026-11-01')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO notifications (id, user_id, kind, params, created_at) VALUES"
                    " (1, 1, 'membership.approved', '{\"circle\": \"Trøjborg\"}', '2026-11-02')"
                )
            )
        upgrade(revision="0024")
        with db.engine.connect() as connection:
            kept = connection.execute(text("SELECT fallback_text FROM notifications")).scalar()
    assert kept == "Velkommen! Du er nu medlem af Trøjborg."
