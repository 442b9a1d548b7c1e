"""Mette runs Trøjborg from the organizer pages for Inger, who only uses the phone."""

import re
from datetime import UTC, date, timedelta

from circles.accounts.models import User
from circles.core.models import AuditEntry
from circles.events.models import Booking
from circles.extensions import db
from circles.help.models import HelpRequest, Offer
from circles.membership.models import Membership
from circles.organizing.models import Call
from tests.factories import make_circle, make_event, make_member


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, url, **form):
    """Submit a form on the page at url, as the browser would with its CSRF token."""
    page = client.get(url).get_data(True)
    return client.post(url if "action" not in form else form.pop("action"),
                       data={"csrf_token": token(page), **form})  # fmt: skip


def test_organizer_registers_a_caller_asks_offers_books_and_logs_the_call(make_client, ctx):
    circle = make_circle(name="Trøjborg")
    organizer = make_member(circle, role="organizer", name="Mette")
    walk = make_event(circle, organizer, title="Gåtur i Riis Skov", capacity=10)
    mette = make_client(organizer)
    home = f"/organize/circles/{circle.id}"
    assert "Find et medlem" in mette.get(home).get_data(True)

    registered = post(mette, f"{home}/members/new", name="Inger Holm", phone="86 12 34 56",
                      birth_date="1941-04-02", postcode="8000", address="Tordenskjoldsgade 12",
                      email="")  # fmt: skip
    assert registered.status_code == 302
    inger = db.session.query(User).filter_by(name="Inger Holm").one()
    assert inger.email is None and inger.password_hash is None
    member_url = f"{home}/members/{inger.id}"
    assert registered.headers["Location"].endswith(member_url)
    page = mette.get(member_url).get_data(True)
    assert "Medlemmet er meldt ind." in page and "86 12 34 56" in page

    found = mette.get(f"{home}/desk?q=86123456").get_data(True)
    assert "Inger Holm" in found and "Tordenskjoldsgade 12" in found

    needed = (date.today() + timedelta(days=2)).isoformat() + "T14:30"
    asked = post(mette, member_url, action=f"{member_url}/request", category="transport",
         description="Kørsel til øjenlægen", needed_at=needed)  # fmt: skip
    assert asked.status_code == 302, asked.get_data(True)[-800:]
    post(mette, member_url, action=f"{member_url}/offer", category="phone_chat")
    page = mette.get(member_url).get_data(True)
    occurrence = re.search(r'<option value="([^"]+)">[^<]*Gåtur i Riis Skov', page).group(1)
    booked = post(mette, member_url, action=f"{member_url}/book", occurrence=occurrence)
    assert booked.status_code == 302, booked.get_data(True)[-600:]
    post(mette, member_url, action=f"{member_url}/call", direction="in",
         note="Glad for turen", follow_up_on="")  # fmt: skip

    request = db.session.query(HelpRequest).one()
    assert request.requester_id == inger.id and request.created_by_id == organizer.id
    assert request.needed_at.astimezone(UTC).hour == 13  # 14:30 in Copenhagen, stored in UTC
    assert db.session.query(Offer).one().user_id == inger.id
    booking = db.session.query(Booking).one()
    assert (booking.user_id, booking.event_id) == (inger.id, walk.id)
    assert db.session.query(Call).one().note == "Glad for turen"
    page = mette.get(member_url).get_data(True)
    assert "Mette bookede en plads til Inger Holm." in page

    log = mette.get(f"{home}/audit?member_id={inger.id}&action=offer").get_data(True)
    assert "Mette tilbød hjælp for Inger Holm." in log and "bookede" not in log
    actions = {e.action for e in db.session.query(AuditEntry)}
    assert {"member.registered", "request.posted", "offer.posted", "event.booked_for"} <= actions

    card = post(mette, member_url, action=f"{member_url}/card")
    assert card.status_code == 200 and card.mimetype == "application/pdf"


def test_a_form_with_problems_says_which_field_and_saves_nothing(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    url = f"/organize/circles/{circle.id}/members/new"
    answer = post(mette, url, name="Poul", phone="22 33 44 55", birth_date="02-04-1941",
                  postcode="8000")  # fmt: skip
    assert answer.status_code == 422
    assert "Fødselsdato" in answer.get_data(True)
    young = post(mette, url, name="Poul", phone="22 33 44 55", birth_date="1999-04-02",
                 postcode="8000")  # fmt: skip
    assert young.status_code == 422 and "50" in young.get_data(True)
    forged = mette.post(url, data={"name": "Poul", "csrf_token": "forged"})
    assert forged.status_code == 400
    assert db.session.query(User).filter_by(name="Poul").count() == 0


def test_joining_vetting_and_reports_from_the_pages(make_client, ctx):
    circle = make_circle(open=False)
    organizer = make_member(circle, role="organizer", name="Mette")
    mette = make_client(organizer)
    waiting = make_member(circle, name="Vera Venter")
    db.session.query(Membership).filter_by(user_id=waiting.id).one().status = "pending"
    helper = make_member(circle, role="helper", name="Jonas")
    db.session.commit()
    helpers = f"/organize/circles/{circle.id}/helpers"

    assert "Vera Venter" in mette.get(helpers).get_data(True)
    post(mette, helpers, action=f"{helpers}/{waiting.id}/decide", answer="approve")
    assert db.session.query(Membership).filter_by(user_id=waiting.id).one().status == "active"
    post(mette, helpers, action=f"{helpers}/{helper.id}/vetting", met_on="2026-01-10",
         references_checked="true", expires_on="")  # fmt: skip
    vetted = db.session.query(Membership).filter_by(user_id=helper.id).one()
    assert vetted.references_checked and vetted.vetting_expires_on == date(2028, 1, 10)
    assert "til 10. jan. 2028" in mette.get(helpers).get_data(True)

    reporter = make_client(waiting)
    reporter.post("/api/v1/reports", json={"reported_user_id": helper.id, "reason": "unkind",
                                            "text": "Han råbte ad mig."})  # fmt: skip
    reports = f"/organize/circles/{circle.id}/reports"
    page = mette.get(reports).get_data(True)
    assert "Han råbte ad mig." in page and "Fra Vera Venter" in page
    report_id = re.search(rf'action="{reports}/(\d+)"', page).group(1)
    post(mette, reports, action=f"{reports}/{report_id}", outcome="suspended", note="Pause")
    db.session.expire_all()
    assert db.session.get(Membership, vetted.id).status == "suspended"
    post(mette, reports, action=f"/organize/circles/{circle.id}/paused/{helper.id}")
    db.session.expire_all()
    assert db.session.get(Membership, vetted.id).status == "active"


def test_today_calls_figures_and_import_pages(make_client, ctx):
    from io import BytesIO

    from circles.organizing import outreach

    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer", name="Mette"))
    quiet = make_member(circle, name="Birthe", phone="86 11 22 33")
    outreach.add(circle.id, "quiet_member", "quiet:1", member_id=quiet.id)
    db.session.commit()  # the pages read it on their own connection
    today = f"/organize/circles/{circle.id}/today"
    page = mette.get(today).get_data(True)
    assert "Birthe har ikke været aktiv i et stykke tid." in page
    item = re.search(rf'action="/organize/circles/{circle.id}/outreach/(\d+)"', page).group(1)
    follow = (date.today() + timedelta(days=7)).isoformat()
    post(mette, today, action=f"/organize/circles/{circle.id}/outreach/{item}",
         note="Har det godt", follow_up_on=follow)  # fmt: skip
    assert "Ingen på listen." in mette.get(today).get_data(True)
    calls = mette.get(f"/organize/circles/{circle.id}/calls").get_data(True)
    assert "Har det godt" in calls

    figures = mette.get(f"/organize/circles/{circle.id}/figures").get_data(True)
    assert "<svg" in figures and "2 medlemmer nu" in figures

    url = f"/organize/circles/{circle.id}/import"
    csv = "navn;telefon;fødselsdato;postnummer\nAnna Berg;86 10 10 10;01-01-1945;8000\n"
    form_page = mette.get(url).get_data(True)
    preview = mette.post(url, data={"csrf_token": token(form_page),
                                    "file": (BytesIO(csv.encode()), "liste.csv")},
                         content_type="multipart/form-data").get_data(True)  # fmt: skip
    assert "Anna Berg" in preview and "Importér alle 1 personer" in preview
    assert db.session.query(User).filter_by(name="Anna Berg").count() == 0
    content = re.search(r'name="content" value="([^"]+)"', preview).group(1)
    done = mette.post(url, data={"csrf_token": token(preview), "content": content,
                                 "confirm": "yes"})  # fmt: skip
    assert done.status_code == 302
    assert db.session.query(User).filter_by(name="Anna Berg").count() == 1
