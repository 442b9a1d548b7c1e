"""Reporting a worry, reading what organizers did on my behalf, signing in with a printed
card, and the organizer pages checked like the app's screens, in the browser."""

from datetime import date

from playwright.sync_api import expect

from circles.accounts import cards as sign_in_cards
from circles.demo.organizing import INGER_PHONE
from circles.extensions import db
from circles.organizing import calls, desk, outreach
from circles.organizing.models import Report
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import PASSWORD, make_circle, make_event, make_member, make_request


def test_member_reports_a_request_and_sees_it_handled(ctx, open_app):
    circle = make_circle()
    make_member(circle, role="organizer")
    karen = make_member(circle, name="Karen Jensen")
    pushy = make_member(circle, name="Poul")
    request = make_request(pushy, circle, description="Ring til mig hver aften")
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/nearby")
    page.get_by_role("link", name="Er der noget galt med dette ønske?").click()
    assert page.url.endswith(f"#/report/requests/{request.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sig det til en arrangør")
    check_screen(page, "report-form")
    page.get_by_label("Kontakt jeg ikke ønsker").check()
    page.get_by_label("Hvad skete der?").fill("Han ringer hver aften, selvom jeg har sagt nej.")
    page.get_by_role("button", name="Send til arrangørerne").click()
    expect(page.get_by_text("Tak. Arrangørerne ser på det.")).to_be_visible()
    expect(page.get_by_text("Venter på en arrangør")).to_be_visible()
    db.session.expire_all()
    report = db.session.query(Report).one()
    assert (report.reported_user_id, report.reason) == (pushy.id, "unwanted_contact")
    assert report.text == "Han ringer hver aften, selvom jeg har sagt nej."


def test_a_phone_member_signs_in_with_her_card_and_reads_what_was_done_for_her(ctx, open_app):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette")
    born = date(1941, 4, 2)
    fields = {"name": "Inger Holm", "phone": INGER_PHONE, "birth_date": born, "postcode": "8000"}
    inger = desk.add_member(mette, circle.id, fields, today=date(2026, 11, 23))
    _, code = sign_in_cards.issue(mette, circle.id, inger.user_id)
    db.session.commit()  # the server reads it on its own connection
    page = open_app(f"#/card/{code}")
    expect(page.get_by_text("Velkommen, Inger Holm. Du er logget ind.")).to_be_visible()
    open_app("#/profile")
    page.get_by_role("link", name="Gjort for mig af arrangører").click()
    expect(page.get_by_text("Mette meldte Inger Holm ind.")).to_be_visible()
    check_screen(page, "on-my-behalf")
    used = open_app(f"#/card/{code}")
    expect(used.get_by_text("allerede brugt")).to_be_visible()


def test_the_organizer_pages_pass_the_same_checks_as_the_app(ctx, page, live_server):
    circle = make_circle(name="Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette", email="mette@example.dk")
    helper = make_member(circle, role="helper", name="Jonas")
    quiet = make_member(circle, name="Birthe", phone="86 11 22 33")
    make_event(circle, mette, title="Gåtur")
    outreach.add(circle.id, "quiet_member", "quiet", member_id=quiet.id)
    calls.log(mette, circle.id, {"member_id": quiet.id, "note": "Ring igen"}, today=None)
    db.session.add(Report(circle_id=circle.id, reporter_id=quiet.id, reported_user_id=helper.id,
                          reason="unkind", text="Han var uhøflig."))  # fmt: skip
    db.session.commit()
    page.goto(f"{live_server}/staff/login?next=/organize/")
    page.get_by_label("E-mail").fill(mette.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trøjborg")
    base = f"{live_server}/organize/circles/{circle.id}"
    for name, path in [
        ("organize-home", ""),
        ("organize-today", "/today"),
        ("organize-desk", "/desk?q=birthe"),
        ("organize-new-member", "/members/new"),
        ("organize-member", f"/members/{quiet.id}"),
        ("organize-helpers", "/helpers"),
        ("organize-reports", "/reports"),
        ("organize-calls", "/calls"),
        ("organize-figures", "/figures"),
        ("organize-import", "/import"),
        ("organize-audit", "/audit"),
    ]:
        page.goto(base + path)
        check_screen(page, name)
