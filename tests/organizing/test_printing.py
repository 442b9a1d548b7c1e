"""Paper for the noticeboard and for members without smartphones: the week sheet, and a
sign-in card whose QR code signs a member in once."""

import io
from datetime import UTC, datetime, timedelta

import time_machine
from pypdf import PdfReader

from circles.accounts.models import User
from circles.core.models import AuditEntry
from circles.extensions import db
from circles.organizing import printing
from tests.factories import make_circle, make_event, make_member, make_request

THURSDAY = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen


def text_of(response) -> str:
    assert response.status_code == 200, response.get_data(True)[:300]
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@time_machine.travel("2026-11-23 09:00Z", tick=False)
def test_the_week_sheet_lists_events_and_requests_without_naming_anyone(make_client, ctx):
    circle = make_circle(name="Trøjborg")
    organizer = make_member(circle, role="organizer", name="Mette Holm", phone="86 11 22 33")
    organizer.contact_channels = ["app", "phone"]
    karen = make_member(circle, name="Karen Secretname", phone="99 88 77 66")
    karen.address = "Hemmeligvej 7"
    make_event(circle, organizer, starts_at=THURSDAY, title="Gåtur i Riis Skov", capacity=12,
               place_name="Kirkepladsen", address="Tordenskjoldsgade 1")  # fmt: skip
    make_event(circle, organizer, starts_at=THURSDAY + timedelta(days=10), title="Næste uge")
    make_request(karen, circle, category="garden", needed_at=THURSDAY + timedelta(days=1),
                 description="Ring til Karen på 99 88 77 66")  # fmt: skip
    db.session.commit()

    text = text_of(make_client(karen).get(f"/api/v1/circles/{circle.id}/week.pdf"))
    assert "Trøjborg" in text and "Uge 48" in text
    assert "Gåtur i Riis Skov" in text and "torsdag 26. november 14:00" in text
    assert "Kirkepladsen, Tordenskjoldsgade 1" in text and "12 pladser tilbage" in text
    assert "Næste uge" not in text
    assert "Have: fredag 27. november 14:00" in text
    assert "Karen" not in text and "99 88 77 66" not in text and "Hemmeligvej" not in text
    assert "Ring til Mette 86 11 22 33" in text  # she chose to be called

    next_week = make_client(karen).get(f"/api/v1/circles/{circle.id}/week.pdf?week=2026-W49")
    assert "Næste uge" in text_of(next_week)


def test_a_bad_week_is_named_and_outsiders_get_no_sheet(client, make_client, ctx):
    circle = make_circle()
    member = make_client(make_member(circle))
    url = f"/api/v1/circles/{circle.id}/week.pdf"
    bad = member.get(f"{url}?week=48")
    assert bad.status_code == 422 and "week" in bad.get_json()["errors"]["query"]
    assert member.get(f"{url}?week=2027-W53").status_code == 422  # 2027 has 52 weeks
    assert client.get(url).status_code == 401
    stranger = make_client(make_member(make_circle("Risskov", centre=(56.193, 10.229))))
    assert stranger.get(url).status_code == 403


def test_a_sign_in_card_signs_its_member_in_once(app, client, make_client, ctx, monkeypatch):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    inger = mette.post(
        f"/api/v1/circles/{circle.id}/members",
        json={"name": "Inger Ødegård", "phone": "86123456", "birth_date": "1941-04-02",
              "postcode": "8000"},
    ).get_json()  # fmt: skip
    links = []
    drawn = printing.sign_in_card
    monkeypatch.setattr(printing, "sign_in_card", lambda *a: links.append(a[2]) or drawn(*a))

    url = f"/api/v1/circles/{circle.id}/members/{inger['user_id']}/sign-in-card"
    card = mette.post(url)
    assert "Inger Ødegård" in text_of(card) and "Peg kameraet" in text_of(card)
    assert b"/Subtype /Image" in card.data
    link = links[0]
    assert link.startswith(app.config["CIRCLES_BASE_URL"] + "/#/card/")
    code = link.rsplit("/", 1)[1]

    signed = client.post("/api/v1/auth/card", json={"code": code})
    assert signed.status_code == 200 and signed.get_json()["name"] == "Inger Ødegård"
    assert client.get("/api/v1/me").get_json()["id"] == inger["user_id"]
    again = app.test_client().post("/api/v1/auth/card", json={"code": code})
    assert again.status_code == 422 and "brugt" in again.get_json()["message"]
    assert "code" in again.get_json()["errors"]["json"]

    mette.post(url)
    mette.post(url)
    older, newest = links[1].rsplit("/", 1)[1], links[2].rsplit("/", 1)[1]
    replaced = app.test_client().post("/api/v1/auth/card", json={"code": older})
    assert "nyere" in replaced.get_json()["message"]
    with time_machine.travel(datetime.now(UTC) + timedelta(days=61)):
        late = app.test_client().post("/api/v1/auth/card", json={"code": newest})
        assert "for gammelt" in late.get_json()["message"]
    unknown = app.test_client().post("/api/v1/auth/card", json={"code": "no-such-card-code"})
    assert unknown.status_code == 422
    printed = db.session.query(AuditEntry).filter_by(action="sign_in_card.printed").count()
    assert printed == 3
    assert db.session.get(User, inger["user_id"]).password_hash is None
