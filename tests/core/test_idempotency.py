"""Mette's phone retries her request for shopping help: however it fails, she asks once."""

from datetime import timedelta

import pytest

from circles.core.models import IdempotencyRecord
from circles.core.types import utcnow
from circles.extensions import db
from circles.help import posting
from circles.help.models import HelpRequest
from circles.notify.models import Notification
from tests.factories import HOME, make_circle, make_member, make_offer, near

SHOPPING = {"category": "shopping", "description": "Mælk, rugbrød og kaffe"}
ROUTE = "POST /api/v1/requests"


@pytest.fixture
def trojborg(ctx):
    """Mette (8000 Aarhus C) asks; Lars lives 600 m away and offers to shop."""
    circle = make_circle()
    mette = make_member(circle, name="Mette Hansen", home=HOME, postcode="8000")
    lars = make_member(circle, name="Lars Holm", home=near(HOME, 600))
    make_offer(lars, "shopping")
    return mette, lars


def _ask(client, key: str, body=SHOPPING):
    return client.post("/api/v1/requests", json=body, headers={"Idempotency-Key": key})


def test_a_retry_after_telling_the_helpers_failed_creates_one_request(
    trojborg, make_client, monkeypatch
):
    mette, lars = trojborg
    phone = make_client(mette)
    real_announce = posting.announce

    def announce_then_fail(*args, **kwargs):
        # The late step does its work, then fails: the mail relay went away mid-request.
        real_announce(*args, **kwargs)
        raise ConnectionError("mail relay went away")

    monkeypatch.setattr(posting, "announce", announce_then_fail)
    with pytest.raises(ConnectionError):
        _ask(phone, "shop-1")
    db.session.expire_all()
    assert (HelpRequest.query.count(), Notification.query.count()) == (0, 0)
    assert IdempotencyRecord.query.count() == 0  # nothing left behind to block the retry

    monkeypatch.setattr(posting, "announce", real_announce)
    retried = _ask(phone, "shop-1")
    again = _ask(phone, "shop-1")
    assert retried.status_code == again.status_code == 201
    assert again.get_json()["id"] == retried.get_json()["id"]
    assert HelpRequest.query.count() == 1
    assert Notification.query.filter_by(user_id=lars.id, kind="help.nearby").count() == 1


def test_a_claim_left_by_a_call_that_died_is_taken_over_by_the_retry(
    trojborg, make_client, app, monkeypatch
):
    mette, _ = trojborg
    monkeypatch.setitem(app.config, "CIRCLES_IDEMPOTENCY_TAKEOVER_SECONDS", 30)
    left = utcnow() - timedelta(seconds=45)
    db.session.add(IdempotencyRecord(user_id=mette.id, key="died", route=ROUTE, created_at=left))
    db.session.add(IdempotencyRecord(user_id=mette.id, key="busy", route=ROUTE))
    db.session.commit()
    phone = make_client(mette)

    taken = _ask(phone, "died")
    assert taken.status_code == 201, taken.get_json()
    assert _ask(phone, "died").get_json()["id"] == taken.get_json()["id"]
    still_busy = _ask(phone, "busy")
    assert still_busy.status_code == 409
    assert "stadig" in still_busy.get_json()["message"]
    db.session.expire_all()
    assert HelpRequest.query.count() == 1
    record = IdempotencyRecord.query.filter_by(key="died").one()
    assert record.status_code == 201 and record.body["id"] == taken.get_json()["id"]


def test_the_same_key_with_another_request_is_refused_not_answered_with_the_first(
    trojborg, make_client
):
    mette, _ = trojborg
    phone = make_client(mette)
    first = _ask(phone, "k-7")
    other = _ask(phone, "k-7", {"category": "garden", "description": "Hækken skal klippes"})
    assert other.status_code == 422
    assert other.get_json()["message"].startswith("Denne Idempotency-Key er allerede brugt")
    assert "Idempotent-Replayed" not in other.headers
    assert _ask(phone, "k-7").get_json()["id"] == first.get_json()["id"]
    assert HelpRequest.query.count() == 1
