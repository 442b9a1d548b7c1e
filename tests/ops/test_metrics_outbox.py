"""What an operator reads about the phones' outboxes and the messages: the 409s an outbox keeps
trying (still in progress) apart from the ones it shows the member, and deliveries by channel
and state; and the translations are read from disk once, not at every text."""

import re
import uuid

from circles.core.i18n import catalog, translate
from circles.core.models import IdempotencyRecord
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.notify import delivery, notifications
from tests.factories import make_circle, make_member, make_request


def metric(client, name: str) -> float:
    """One sample's value on /metrics (0 when it is not there yet)."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", client.get("/metrics").get_data(True), re.M)
    return float(found.group(1)) if found else 0.0


def test_an_outbox_call_still_in_progress_is_counted_apart_from_a_refusal(client, make_client):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    soren = make_member(circle, role="helper", name="Søren Ærø Østergård")
    request = make_request(karen, circle)
    phone = make_client(soren)
    in_progress = "circles_idempotency_in_progress_total"
    refused = "circles_outbox_conflicts_total"
    before = metric(client, in_progress), metric(client, refused)

    volunteer = {"request_id": request.id}
    handling = str(uuid.uuid4())  # the first try of this key is still being handled
    db.session.add(IdempotencyRecord(user_id=soren.id, key=handling, route="POST /api/v1/matches"))
    db.session.commit()
    answer = phone.post("/api/v1/matches", json=volunteer, headers={"Idempotency-Key": handling})
    assert answer.status_code == 409 and answer.get_json()["key"] == "error.idempotency_in_progress"

    first = phone.post("/api/v1/matches", json=volunteer, headers={"Idempotency-Key": "a"})
    assert first.status_code == 201
    again = phone.post("/api/v1/matches", json=volunteer, headers={"Idempotency-Key": "b"})
    assert again.status_code == 409 and again.get_json()["key"] == "error.match_exists"

    assert metric(client, in_progress) == before[0] + 1
    assert metric(client, refused) == before[1] + 1


def test_deliveries_are_counted_by_channel_and_state(client, ctx, mail_settings):
    circle = make_circle()
    anna = make_member(circle, email="anna@example.dk", notify_by=["email"])
    bent = make_member(circle, email="bent@example.dk", notify_by=["email"])
    mail_settings.refuse.add("bent@example.dk")
    for person in (anna, bent):
        with transaction():
            notifications.notify(person, "membership.approved", circle="Trøjborg")
    delivery.deliver_pending(utcnow())
    assert metric(client, 'circles_deliveries{channel="email",state="sent"}') == 1
    assert metric(client, 'circles_deliveries{channel="email",state="pending"}') == 1  # Bent's


def test_the_translations_are_read_from_disk_once(app):
    with app.test_request_context():
        catalog("da"), catalog("en")  # loaded, if no test did it before
        read = catalog.cache_info().misses
        for _ in range(500):
            translate("error.not_found", "da")
            translate("error.not_found", "en")
            translate("error.not_found")  # the request's language
        assert catalog.cache_info().misses == read
        assert catalog("da") is catalog("da")
