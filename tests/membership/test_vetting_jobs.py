"""A month before a helper's vetting lapses, the helper and the organizers hear of it, once."""

from datetime import UTC, date, datetime

from circles.extensions import db
from circles.jobs import all_jobs
from circles.membership import vetting
from circles.membership.models import Membership
from circles.notify.models import Notification
from tests.factories import make_circle, make_member


def run(now):
    return all_jobs()["vetting_reminders"].run(now)


def kinds(user):
    return [n.kind for n in db.session.query(Notification).filter_by(user_id=user.id)]


def test_reminder_goes_once_thirty_days_before_and_again_after_re_vetting(ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer")
    helper = make_member(circle, role="helper")
    fields = {"met_on": date(2025, 1, 10), "references_checked": True}
    vetting.vet(organizer, circle.id, helper.id, fields, today=date(2025, 1, 10))
    lapses_on = db.session.query(Membership).filter_by(user_id=helper.id).one().vetting_expires_on
    assert lapses_on == date(2027, 1, 10)

    assert run(datetime(2026, 12, 1, 9, tzinfo=UTC)) == 0  # 40 days before: nothing yet
    assert run(datetime(2026, 12, 12, 9, tzinfo=UTC)) == 1
    assert run(datetime(2026, 12, 13, 9, tzinfo=UTC)) == 0  # once
    assert kinds(helper) == ["vetting.expiring_self"]
    assert kinds(organizer) == ["vetting.expiring"]

    renewed = {"met_on": date(2026, 12, 20), "references_checked": True}
    vetting.vet(organizer, circle.id, helper.id, renewed, today=date(2026, 12, 20))
    assert run(datetime(2026, 12, 21, 9, tzinfo=UTC)) == 0
    assert run(datetime(2028, 11, 25, 9, tzinfo=UTC)) == 1  # the new term's reminder


def test_helpers_who_left_are_not_reminded(ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer")
    helper = make_member(circle, role="helper")
    fields = {"met_on": date(2025, 1, 10), "references_checked": True}
    vetting.vet(organizer, circle.id, helper.id, fields, today=date(2025, 1, 10))
    db.session.query(Membership).filter_by(user_id=helper.id).one().status = "left"
    db.session.commit()
    assert run(datetime(2026, 12, 12, 9, tzinfo=UTC)) == 0
