"""Inger has no smartphone: Mette carries her through a match, and Søren answers by SMS.

The SMS provider is a real local HTTP server speaking GatewayAPI (tests/servers.py): it
keeps what Circles sends, and calls Circles' webhooks as GatewayAPI would.
"""

import re

from sqlalchemy import select

from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core import geo
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.notify import delivery
from circles.notify.models import Delivery
from circles.organizing import pass_on
from circles.organizing.models import OutreachItem
from tests.factories import PASSWORD, make_circle, make_member, near

SOREN_MSISDN = 4520123456
AARHUS_N = near((geo.postcode_place("8200").latitude, geo.postcode_place("8200").longitude), 300)


def list_calls() -> int:
    """The scheduler's job that puts messages to pass on on the call list, in its transaction."""
    with transaction():
        return pass_on.list_calls(utcnow())


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def press(client, page_url: str, action: str, **form):
    """Press a button on the page, as the browser would, with the page's CSRF token."""
    page = client.get(page_url).get_data(True)
    posts_to_itself = action == page_url and '<form method="post" class' in page
    assert posts_to_itself or f'action="{action}"' in page, f"no form to {action} on {page_url}"
    return client.post(action, data={"csrf_token": token(page), **form})


def trojborg(make_client):
    """Mette runs Trøjborg; Inger (no smartphone, no email) phoned in; Søren helps by SMS."""
    circle = make_circle(name="Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette Kjær")
    soren = make_member(
        circle,
        role="helper",
        name="Søren Ærø Østergård",
        phone="+45 20 12 34 56",
        notify_by=["sms"],
        contact_channels=["phone"],
        home=AARHUS_N,  # Inger's neighbour: her home is her postcode's centre
    )
    desk = make_client(mette)
    joined = desk.post(
        f"/api/v1/circles/{circle.id}/members",
        json={"name": "Inger Hansen", "phone": "86 12 34 56", "birth_date": "1941-04-02",
              "postcode": "8200"},
    )  # fmt: skip
    assert joined.status_code == 201, joined.get_json()
    inger = db.session.get(User, joined.get_json()["user_id"])
    asked = desk.post("/api/v1/requests", json={"category": "shopping", "requester_id": inger.id,
                                                 "description": "Indkøb i Netto"})  # fmt: skip
    assert asked.status_code == 201, asked.get_json()
    request = db.session.get(HelpRequest, asked.get_json()["id"])
    return circle, mette, desk, inger, soren, request


def test_mette_accepts_sorens_offer_for_inger_and_soren_hears_it_by_sms(
    make_client, ctx, sms_settings
):
    circle, mette, desk, inger, soren, request = trojborg(make_client)
    offered = make_client(soren).post("/api/v1/matches", json={"request_id": request.id})
    assert offered.status_code == 201

    # Inger uses no app, has no email and no SMS: the news becomes a call on Mette's list.
    delivery.deliver_pending()
    assert list_calls() == 1
    today = desk.get(f"/organize/circles/{circle.id}/today").get_data(True)
    assert "Ring til Inger Hansen og fortæl" in today
    assert "En nabo har tilbudt at hjælpe" in today

    member_page = f"/organize/circles/{circle.id}/members/{inger.id}"
    page = desk.get(member_page).get_data(True)
    assert "Søren Ærø Østergård: spurgt, venter på svar" in page
    match_id = offered.get_json()["id"]
    said_yes = press(desk, member_page, f"{member_page}/matches/{match_id}/accept")
    assert said_yes.status_code == 302, said_yes.get_data(True)[-600:]
    assert db.session.get(Match, match_id).status == "accepted"

    assert delivery.deliver_pending() == 1
    [text] = sms_settings.texts_to(SOREN_MSISDN)
    assert text.startswith("Circles: Det er en aftale!")
    [sent] = sms_settings.sent
    assert sent["body"]["sender"] == "Circles"

    shown = desk.get(member_page).get_data(True)
    assert "Mette Kjær sagde ja til en hjælper for Inger Hansen." in shown


def invite_soren(make_client, sms_settings):
    """Mette invites Søren, the top suggestion, for Inger on her page; he gets an SMS."""
    circle, mette, desk, inger, soren, request = trojborg(make_client)
    member_page = f"/organize/circles/{circle.id}/members/{inger.id}"
    invited = press(desk, member_page, f"{member_page}/requests/{request.id}/invite",
                    helper_id=str(soren.id))  # fmt: skip
    assert invited.status_code == 302, invited.get_data(True)[-600:]
    match = db.session.scalar(select(Match).where(Match.request_id == request.id))
    delivery.deliver_pending()
    [text] = sms_settings.texts_to(SOREN_MSISDN)
    assert text == (
        "Circles: Vil du hjælpe en nabo med Indkøb, når det passer? Svar JA eller NEJ på denne SMS."
    )
    return desk, inger, soren, match


def test_soren_answers_ja_by_sms_and_is_matched_with_inger(make_client, ctx, client, sms_settings):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)

    answered = sms_settings.receive(client, SOREN_MSISDN, " ja ")
    assert answered.status_code == 200
    assert answered.get_json() == {"outcome": "accepted"}
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "accepted"

    delivery.deliver_pending()
    thanks = sms_settings.texts_to(SOREN_MSISDN)[-1]
    assert "Tak, Søren" in thanks and "Inger Hansen" in thanks and "86 12 34 56" in thanks


def test_nej_with_a_full_stop_declines_and_the_request_stays_open(
    make_client, ctx, client, sms_settings
):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)
    answered = sms_settings.receive(client, SOREN_MSISDN, "Nej.")
    assert answered.get_json() == {"outcome": "declined"}
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "declined"
    assert db.session.get(HelpRequest, match.request_id).status == "open"


def test_hvad_gets_a_short_helpful_answer_and_changes_nothing(
    make_client, ctx, client, sms_settings
):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)
    answered = sms_settings.receive(client, SOREN_MSISDN, "hvad?")
    assert answered.get_json() == {"outcome": "unclear"}
    delivery.deliver_pending()
    answer = sms_settings.texts_to(SOREN_MSISDN)[-1]
    assert "JA" in answer and "NEJ" in answer and "Indkøb" in answer
    assert len(answer) <= 160
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "proposed"


def test_a_forged_answer_is_refused_and_changes_nothing(make_client, ctx, client, sms_settings):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)
    forged = sms_settings.receive(client, SOREN_MSISDN, "ja", secret="guessed-secret")
    assert forged.status_code == 403
    unsigned = client.post(
        "/api/v1/sms/inbound", json={"id": 1, "msisdn": SOREN_MSISDN, "message": "ja"}
    )
    assert unsigned.status_code == 401
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "proposed"


def test_the_same_sms_delivered_twice_by_the_provider_is_answered_once(
    make_client, ctx, client, sms_settings
):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)
    first = sms_settings.receive(client, SOREN_MSISDN, "JA!", message_id=777)
    again = sms_settings.receive(client, SOREN_MSISDN, "JA!", message_id=777)
    assert first.get_json() == again.get_json() == {"outcome": "accepted"}
    delivery.deliver_pending()
    assert len(sms_settings.texts_to(SOREN_MSISDN)) == 2  # the invitation and one answer


def test_an_sms_that_never_arrives_goes_on_the_call_list(make_client, ctx, client, sms_settings):
    desk, inger, soren, match = invite_soren(make_client, sms_settings)
    sent = db.session.scalar(select(Delivery).where(Delivery.channel == "sms"))
    assert sms_settings.report(client, sent.provider_id, "ENROUTE").status_code == 200
    db.session.expire_all()
    assert db.session.get(Delivery, sent.id).receipt == "ENROUTE"

    assert sms_settings.report(client, sent.provider_id, "UNDELIVERABLE").status_code == 200
    assert sms_settings.report(client, sent.provider_id, "ENROUTE").status_code == 200  # late
    db.session.expire_all()
    failed = db.session.get(Delivery, sent.id)
    assert (failed.status, failed.receipt) == ("failed", "UNDELIVERABLE")
    assert list_calls() == 1
    today = desk.get(f"/organize/circles/{match.request.circle_id}/today").get_data(True)
    assert "SMS til Søren Ærø Østergård kom ikke frem" in today


def test_a_report_about_an_sms_we_never_sent_changes_nothing(ctx, client, sms_settings):
    answered = sms_settings.report(client, 123456789, "DELIVERED")
    assert answered.status_code == 200 and answered.get_json() == {"known": False}
    forged = sms_settings.report(client, 123456789, "DELIVERED", secret="not ours")
    assert forged.status_code == 403


def test_past_the_monthly_cap_the_sms_becomes_a_call(
    make_client, ctx, app, sms_settings, monkeypatch
):
    monkeypatch.setitem(app.config, "CIRCLES_SMS_MONTHLY_CAP_PER_CIRCLE", 0)
    circle, mette, desk, inger, soren, request = trojborg(make_client)
    member_page = f"/organize/circles/{circle.id}/members/{inger.id}"
    press(desk, member_page, f"{member_page}/requests/{request.id}/invite", helper_id=str(soren.id))
    assert delivery.deliver_pending() == 0
    assert sms_settings.sent == []
    assert list_calls() == 1
    [item] = db.session.scalars(select(OutreachItem)).all()
    assert item.member_id == soren.id and item.reason == "sms_over_cap"
    figures = desk.get(f"/api/v1/circles/{circle.id}/figures").get_json()
    assert figures["sms"]["used"] == 0 and figures["sms"]["cap"] == 0
    assert "SMS" in desk.get(f"/organize/circles/{circle.id}").get_data(True)


def test_the_provider_connection_is_reused(make_client, ctx, sms_settings):
    circle = make_circle()
    people = [
        make_member(circle, name=f"Hjælper {n}", phone=f"+45 2012 345{n}", notify_by=["sms"])
        for n in range(3)
    ]
    from circles.notify import notifications

    for person in people:
        notifications.notify(person, "help.nearby", dedupe_key="x", km="0,5", category="indkøb")
    assert delivery.deliver_pending() == 3
    assert len(sms_settings.connections) == 1


def test_inger_reads_what_was_done_for_her_when_she_gets_a_tablet(make_client, ctx):
    circle, mette, desk, inger, soren, request = trojborg(make_client)
    offered = make_client(soren).post("/api/v1/matches", json={"request_id": request.id})
    match_id = offered.get_json()["id"]
    accepted = desk.post(f"/api/v1/matches/{match_id}/accept", json={"on_behalf_of": inger.id})
    assert accepted.status_code == 200, accepted.get_json()
    done = desk.post(f"/api/v1/matches/{match_id}/done", json={"on_behalf_of": inger.id})
    assert done.status_code == 200
    note = {"note": "Tusind tak fra Inger", "on_behalf_of": inger.id}
    thanked = desk.post(f"/api/v1/matches/{match_id}/thanks", json=note)
    assert thanked.status_code == 200

    # Her grandson sets up a tablet for her: she reads what Mette did for her.
    inger.email = "inger.hansen@example.dk"
    accounts.set_password(inger, PASSWORD)
    db.session.commit()
    done_for_me = make_client(inger).get("/api/v1/me/on-my-behalf").get_json()
    texts = [entry["text"] for entry in done_for_me]
    assert "Mette Kjær sagde ja til en hjælper for Inger Hansen." in texts
    assert "Mette Kjær markerede hjælpen som givet for Inger Hansen." in texts
    assert "Mette Kjær sagde tak til en hjælper for Inger Hansen." in texts


def test_mette_registers_a_caller_for_sms_and_later_turns_it_off(make_client, ctx):
    circle = make_circle(name="Trøjborg")
    desk = make_client(make_member(circle, role="organizer", name="Mette Kjær"))
    new = f"/organize/circles/{circle.id}/members/new"
    registered = press(desk, new, new, name="Erik Holm", phone="20 11 22 33", sms="on",
                       birth_date="1944-03-02", postcode="8200")  # fmt: skip
    assert registered.status_code == 302, registered.get_data(True)[-600:]
    erik = db.session.scalar(select(User).where(User.name == "Erik Holm"))
    assert (erik.notify_by, erik.phone_e164) == (["inapp", "sms"], "+4520112233")

    member_page = f"/organize/circles/{circle.id}/members/{erik.id}"
    assert "checked" in desk.get(member_page).get_data(True)
    press(desk, member_page, f"{member_page}/messages")  # the box unticked
    db.session.expire_all()
    assert db.session.get(User, erik.id).notify_by == ["inapp"]
    assert "Mette Kjær ændrede, hvordan Erik Holm får besked." in desk.get(member_page).get_data(
        True
    )
