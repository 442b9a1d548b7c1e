"""Inger asks by phone and hears by SMS: when a neighbour offers to help, she answers JA or NEJ
by SMS, on the same signed webhook as helpers, once per message, and gets a helpful answer to
anything else. The SMS provider is the real local server in tests/servers.py."""

from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.notify import delivery
from circles.notify.models import Notification
from tests.factories import make_circle, make_member, make_request

INGER = 4586123456


def jonas_offers_to_help_inger(make_client, sms_settings):
    """Inger (SMS only, contact by phone) asks for shopping; Jonas offers in the app."""
    circle = make_circle(name="Trøjborg")
    inger = make_member(circle, name="Inger Holm", phone="86 12 34 56", notify_by=["sms"],
                        contact_channels=["phone"])  # fmt: skip
    jonas = make_member(circle, role="helper", name="Jonas Berg", phone="30 12 34 56",
                        contact_channels=["phone"])  # fmt: skip
    request = make_request(inger, circle, category="shopping")
    offered = make_client(jonas).post("/api/v1/matches", json={"request_id": request.id})
    assert offered.status_code == 201, offered.get_json()
    delivery.deliver_pending()
    [asked] = sms_settings.texts_to(INGER)
    assert asked.startswith("Circles: En nabo vil gerne hjælpe dig med Indkøb")
    assert "Svar JA eller NEJ på denne SMS" in asked
    return inger, jonas, db.session.get(Match, offered.get_json()["id"])


def test_inger_answers_ja_tak_by_sms_and_jonas_is_her_helper(make_client, ctx, client,
                                                             sms_settings):  # fmt: skip
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    answered = sms_settings.receive(client, INGER, "Ja tak")
    assert answered.get_json() == {"outcome": "accepted"}
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "accepted"
    assert db.session.get(HelpRequest, match.request_id).status == "matched"
    told = db.session.query(Notification).filter_by(user_id=jonas.id, kind="help.accepted")
    assert told.count() == 1  # Jonas hears that she said yes

    delivery.deliver_pending()
    answer = sms_settings.texts_to(INGER)[-1]
    assert "Jonas Berg hjælper dig med Indkøb" in answer and "30 12 34 56" in answer
    assert len(answer) <= 160


def test_inger_says_nej_and_her_request_stays_open_for_others(make_client, ctx, client,
                                                             sms_settings):  # fmt: skip
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    assert sms_settings.receive(client, INGER, "NEJ.").get_json() == {"outcome": "declined"}
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "declined"
    assert db.session.get(HelpRequest, match.request_id).status == "open"
    delivery.deliver_pending()
    assert "nej tak til hjælp med Indkøb" in sms_settings.texts_to(INGER)[-1]


def test_anything_else_gets_a_short_answer_that_fits_her_side(make_client, ctx, client,
                                                             sms_settings):  # fmt: skip
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    assert sms_settings.receive(client, INGER, "hvem er det?").get_json() == {"outcome": "unclear"}
    delivery.deliver_pending()
    answer = sms_settings.texts_to(INGER)[-1]
    assert "JA" in answer and "NEJ" in answer and "Indkøb" in answer
    assert "vil hjælpe med" not in answer  # she is not the one asked to help
    assert len(answer) <= 160
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "proposed"


def test_her_ja_sent_twice_by_the_provider_counts_once(make_client, ctx, client, sms_settings):
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    first = sms_settings.receive(client, INGER, "ja", message_id=901)
    again = sms_settings.receive(client, INGER, "ja", message_id=901)
    assert first.get_json() == again.get_json() == {"outcome": "accepted"}
    delivery.deliver_pending()
    assert len(sms_settings.texts_to(INGER)) == 2  # the question and one answer


def test_a_forged_ja_in_her_name_is_refused(make_client, ctx, client, sms_settings):
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    forged = sms_settings.receive(client, INGER, "ja", secret="guessed")
    assert forged.status_code == 403
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "proposed"


def test_jonas_cannot_say_yes_for_her_from_his_own_phone(make_client, ctx, client, sms_settings):
    inger, jonas, match = jonas_offers_to_help_inger(make_client, sms_settings)
    answered = sms_settings.receive(client, 4530123456, "ja")
    assert answered.get_json() == {"outcome": "no_invitation"}
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "proposed"
