"""An organizer vets a helper after meeting them and checking references; it lapses on a date."""

from datetime import date

import time_machine

from circles.core.models import AuditEntry
from circles.extensions import db
from tests.factories import make_circle, make_member

TODAY = date(2026, 11, 23)


def vetting_url(circle, user):
    return f"/api/v1/circles/{circle.id}/memberships/{user.id}/vetting"


@time_machine.travel("2026-11-23 10:00Z", tick=False)
def test_organizer_vets_a_helper_and_the_listing_shows_until_when(make_client, ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer")
    helper = make_member(circle, role="helper", name="Jonas Hjælper")
    mette = make_client(organizer)

    listed = mette.get(f"/api/v1/circles/{circle.id}/memberships?status=active").get_json()
    assert {m["name"]: m["vetting"] for m in listed}["Jonas Hjælper"] == "not_vetted"

    answer = mette.post(
        vetting_url(circle, helper), json={"met_on": "2026-11-20", "references_checked": True}
    )
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["vetting"] == "vetted" and body["vetting_expires_on"] == "2028-11-19"
    assert body["references_checked"] is True

    entry = db.session.query(AuditEntry).filter_by(action="membership.vetted").one()
    assert entry.actor_id == organizer.id and entry.subject_id == helper.id

    short = mette.post(
        vetting_url(circle, helper),
        json={"met_on": "2026-11-20", "references_checked": True, "expires_on": "2026-12-10"},
    )
    assert short.get_json()["vetting"] == "expiring"

    withdrawn = mette.delete(vetting_url(circle, helper))
    assert withdrawn.get_json()["vetting"] == "not_vetted"
    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == ["membership.vetted", "membership.vetted", "membership.vetting_withdrawn"]


@time_machine.travel("2026-11-23 10:00Z", tick=False)
def test_bad_dates_and_plain_members_are_refused_with_the_field_named(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    helper = make_member(circle, role="helper")
    member = make_member(circle)

    future = mette.post(
        vetting_url(circle, helper), json={"met_on": "2026-12-01", "references_checked": True}
    )
    assert future.status_code == 422 and "met_on" in future.get_json()["errors"]["json"]
    lapsed = mette.post(
        vetting_url(circle, helper),
        json={"met_on": "2026-01-01", "references_checked": False, "expires_on": "2026-11-01"},
    )
    assert lapsed.status_code == 422 and "expires_on" in lapsed.get_json()["errors"]["json"]
    missing = mette.post(vetting_url(circle, helper), json={"met_on": "2026-11-01"})
    assert "references_checked" in missing.get_json()["errors"]["json"]
    not_a_helper = mette.post(
        vetting_url(circle, member), json={"met_on": "2026-11-01", "references_checked": True}
    )
    assert not_a_helper.status_code == 409
