"""SMS through the local provider: how it is sent, retried, capped, and how answers are read."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.help import matches
from circles.help.models import Match
from circles.help.sms_answers import meaning
from circles.notify import delivery, notifications, sms_usage
from circles.notify.models import Delivery
from circles.notify.sms import SIGNATURE_HEADER, signed
from tests.factories import make_circle, make_match, make_member, make_request, make_user
from tests.servers import SMS_TOKEN, SMS_WEBHOOK_SECRET

SOREN = 4520123456


def soren_in(circle, **fields):
    """Søren, a helper in the circle who wants his news by SMS."""
    return make_member(circle, role="helper", name="Søren Ærø Østergård", phone="20 12 34 56",
                       notify_by=["sms"], **fields)  # fmt: skip


def tell(person, key="nearby"):
    """A notification for the person (a request nearby, say)."""
    return notifications.notify(
        person, "help.nearby", link="#/requests", dedupe_key=key, km="0,6", category="Indkøb"
    )


@pytest.mark.parametrize(
    ("text", "means"),
    [("ja", True), (" JA ", True), ("Ja.", True), ("ja tak", True), ("Yes!", True),
     ("nej", False), ("NEJ!", False), ("Nej tak.", False), ("no", False),
     ("hvad?", None), ("ja nej", None), ("", None), ("jaaa", None), ("måske", None)],
)  # fmt: skip
def test_an_answer_is_read_whatever_its_case_and_punctuation(text, means):
    assert meaning(text) is means


def test_a_shared_short_codes_keyword_is_not_part_of_the_answer():
    assert meaning("CIRKEL ja", keyword="cirkel") is True
    assert meaning("cirkel", keyword="cirkel") is None


def test_soren_gets_the_sms_from_circles_with_the_token_and_his_number(ctx, sms_settings):
    soren = soren_in(make_circle())
    tell(soren)
    assert delivery.deliver_pending() == 1
    [sent] = sms_settings.sent
    assert sent["auth"] == "Basic " + base64.b64encode(f"{SMS_TOKEN}:".encode()).decode()
    assert sent["body"]["recipients"] == [{"msisdn": SOREN}]
    assert sent["body"]["sender"] == "Circles"
    assert (
        sent["body"]["message"] == "Circles: En nabo ca. 0,6 km fra dig har brug for hjælp: Indkøb."
    )
    row = db.session.scalar(select(Delivery))
    assert (row.status, row.provider_id) == ("sent", str(sent["ids"][0]))


def test_an_invitation_by_sms_says_what_and_when_in_the_helpers_zone(ctx, sms_settings):
    circle = make_circle()
    soren = soren_in(circle)
    karen = make_member(circle, name="Karen Jensen")
    needed = datetime(2027, 6, 4, 12, 30, tzinfo=UTC)  # 14:30 in Aarhus, summer time
    request = make_request(karen, circle, category="transport", needed_at=needed)
    matches.propose(karen, request, soren.id)
    delivery.deliver_pending()
    assert sms_settings.texts_to(SOREN) == [
        "Circles: Vil du hjælpe en nabo med Et lift eller transport, fredag d. 4. juni kl. 14:30? "
        "Svar JA eller NEJ på denne SMS."
    ]


def test_a_provider_that_is_down_is_tried_again_and_then_organizers_call(app, ctx, sms_settings):
    circle = make_circle()
    soren = soren_in(circle)
    tell(soren)
    sms_settings.fail_with = 503
    month = sms_usage.month_of(utcnow(), app.config)
    now = utcnow()
    for attempt in range(delivery.MAX_ATTEMPTS):
        assert delivery.deliver_pending(now + timedelta(hours=attempt)) == 0
        assert sms_usage.used(circle.id, month) == 0  # what the provider refused is not counted
    rows = {d.channel: d for d in db.session.scalars(select(Delivery))}
    assert rows["sms"].status == "failed" and "503" in rows["sms"].last_error
    assert rows["call"].status == "pending"


def test_a_run_of_sms_keeps_one_connection_to_the_provider(ctx, sms_settings):
    circle = make_circle()
    for n in range(5):
        member = make_member(circle, phone=f"20 12 34 5{n}", notify_by=["sms"])
        tell(member)
    assert delivery.deliver_pending() == 5
    assert len(sms_settings.sent) == 5
    assert len(sms_settings.connections) == 1  # one client address: one kept-alive connection


def test_an_sms_interrupted_midway_is_not_sent_again_but_organizers_call(app, ctx, sms_settings):
    circle = make_circle()
    soren = soren_in(circle)
    tell(soren)
    now = utcnow()
    sms = db.session.scalar(select(Delivery))
    assert delivery.claim(sms.id, now)  # and the process died; the provider may have it or not
    delivery.deliver_pending(now + timedelta(seconds=31))
    rows = {d.channel: d for d in db.session.scalars(select(Delivery))}
    assert (rows["sms"].status, rows["sms"].last_error) == ("failed", "interrupted while sending")
    assert rows["call"].status == "pending"
    assert sms_settings.sent == []
    month = sms_usage.month_of(now, app.config)
    assert sms_usage.used(circle.id, month) == 1  # it may have gone out: it stays counted


def test_without_an_sms_provider_a_member_without_the_app_is_called_instead(ctx):
    circle = make_circle()
    inger = make_member(circle, name="Inger Hansen", phone="86 12 34 56", notify_by=["sms"])
    inger.password_hash = None
    db.session.commit()
    tell(inger)
    assert [d.channel for d in db.session.scalars(select(Delivery))] == ["call"]


def test_a_member_who_uses_the_app_is_not_called(ctx):
    karen = make_member(make_circle(), notify_by=["inapp"])
    tell(karen)
    assert db.session.scalar(select(Delivery)) is None


def test_the_last_sms_of_the_month_is_taken_once(ctx):
    circle = make_circle()
    assert sms_usage.take(circle.id, "2026-12", cap=1) is True
    assert sms_usage.take(circle.id, "2026-12", cap=1) is False
    assert sms_usage.take(circle.id, "2027-01", cap=1) is True  # a new month, a new allowance
    assert sms_usage.used(circle.id, "2026-12") == 1
    sms_usage.give_back(circle.id, "2026-12")
    assert sms_usage.used(circle.id, "2026-12") == 0


def unsigned_token(claims: dict) -> str:
    """A JWT that says it needs no signature."""
    part = base64.urlsafe_b64encode(json.dumps({"alg": "none"}).encode()).rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{part}.{body}."


@pytest.mark.parametrize("path", ["/api/v1/sms/inbound", "/api/v1/sms/receipts"])
def test_tokens_the_secret_did_not_sign_are_refused(ctx, client, sms_settings, path):
    claims = {"id": 5, "msisdn": SOREN, "message": "ja", "status": "DELIVERED"}
    for header in (unsigned_token(claims), "garbage", signed(claims, "wrong"), "a.b.c"):
        refused = client.post(path, json=claims, headers={SIGNATURE_HEADER: header})
        assert refused.status_code == 403, header


def test_nonsense_from_the_provider_is_refused_in_words_not_a_crash(ctx, client, sms_settings):
    for claims in ({"msisdn": SOREN, "message": "ja"}, {"id": 9, "msisdn": "abc"}, [1, 2]):
        token = signed(claims, SMS_WEBHOOK_SECRET)
        answered = client.post("/api/v1/sms/inbound", headers={SIGNATURE_HEADER: token})
        assert answered.status_code in (403, 422), answered.get_json()
    report = client.post("/api/v1/sms/receipts", headers={SIGNATURE_HEADER: signed({}, "x")})
    assert report.status_code == 403


def test_an_sms_from_a_stranger_gets_no_answer(ctx, client, sms_settings):
    answered = sms_settings.receive(client, 4599999999, "ja")
    assert answered.get_json() == {"outcome": "unknown_sender"}
    assert delivery.deliver_pending() == 0 and sms_settings.sent == []


def test_ja_with_nothing_to_answer_gets_a_kind_answer(ctx, client, sms_settings):
    soren_in(make_circle())
    answered = sms_settings.receive(client, SOREN, "ja")
    assert answered.get_json() == {"outcome": "no_invitation"}
    delivery.deliver_pending()
    [text] = sms_settings.texts_to(SOREN)
    assert text.startswith("Du har ingen forespørgsler, der venter på svar.")


def test_with_two_invitations_open_ja_answers_the_latest_and_the_other_waits(
    ctx, client, sms_settings
):
    circle = make_circle()
    soren = soren_in(circle)
    karen = make_member(circle, name="Karen Jensen", phone="86 11 22 33")
    older = make_match(make_request(karen, circle, category="garden"), soren)
    newer = make_match(make_request(karen, circle, category="shopping"), soren)
    assert sms_settings.receive(client, SOREN, "ja").get_json() == {"outcome": "accepted"}
    db.session.expire_all()
    assert db.session.get(Match, newer.id).status == "accepted"
    assert db.session.get(Match, older.id).status == "proposed"
    delivery.deliver_pending()
    assert "Indkøb" in sms_settings.texts_to(SOREN)[-1]  # says what the yes was to


def test_answers_go_back_by_sms_even_to_someone_who_chose_another_channel(
    ctx, client, sms_settings
):
    circle = make_circle()
    jonas = make_member(circle, role="helper", name="Jonas Berg", phone="30 12 34 56")
    make_match(make_request(make_member(circle), circle), jonas)
    assert sms_settings.receive(client, 4530123456, "hvad").get_json() == {"outcome": "unclear"}
    assert delivery.deliver_pending() == 1
    assert sms_settings.texts_to(4530123456)[0].startswith("Vi forstod ikke dit svar.")


def test_karen_chooses_sms_in_her_profile_once_she_has_given_her_mobile(make_client, ctx):
    karen = make_client(make_user(name="Karen Jensen"))
    refused = karen.patch("/api/v1/me", json={"notify_by": ["inapp", "sms"]})
    assert refused.status_code == 422
    assert "mobilnummer" in refused.get_json()["message"] or refused.get_json()["errors"]
    chosen = karen.patch("/api/v1/me", json={"phone": "20 12 34 56", "notify_by": ["sms"]})
    assert chosen.status_code == 200, chosen.get_json()
    assert chosen.get_json()["notify_by"] == ["sms"]


def test_the_job_lists_a_message_to_pass_on_once(ctx):
    from circles.organizing import pass_on
    from circles.organizing.models import OutreachItem

    circle = make_circle()
    inger = make_member(circle, name="Inger Hansen")
    inger.password_hash = None
    db.session.commit()
    tell(inger)
    with transaction():
        assert pass_on.list_calls(utcnow()) == 1
    with transaction():
        assert pass_on.list_calls(utcnow()) == 0
    [item] = db.session.scalars(select(OutreachItem)).all()
    assert (item.reason, item.member_id, item.circle_id) == ("pass_on_message", inger.id, circle.id)


def test_karen_removes_her_mobile_number_and_sms_stops_with_it(make_client, ctx):
    karen = make_client(make_user(name="Karen Jensen"))
    chosen = karen.patch("/api/v1/me", json={"phone": "20 12 34 56", "notify_by": ["inapp", "sms"]})
    assert chosen.get_json()["notify_by"] == ["inapp", "sms"]
    removed = karen.patch("/api/v1/me", json={"phone": None})
    assert removed.status_code == 200, removed.get_json()
    assert removed.get_json()["notify_by"] == ["inapp"]
