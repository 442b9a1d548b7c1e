"""Pages for who belongs: join requests, helpers' vetting, and reports with what is done."""

from flask import request
from flask_login import current_user

from circles.core.i18n import local_today, translate
from circles.extensions import db
from circles.help import threads
from circles.membership import circles, vetting
from circles.membership.schemas import VettingSchema
from circles.organizing import reports
from circles.organizing.models import OUTCOMES
from circles.organizing.pages.common import done, form, organize, organizer_page, page
from circles.organizing.schemas import HandlingSchema


@organize.route("/circles/<int:circle_id>/helpers")
@organizer_page
def helpers_page(circle):
    """People asking to join, and the helpers with their vetting."""
    today = local_today()
    helpers = [
        (m, vetting.status(m, today))
        for m in circles.memberships_of(circle, "active")
        if m.role in vetting.VETTED_ROLES
    ]
    waiting = circles.memberships_of(circle, "pending")
    return page(
        "organize/helpers.html", circle=circle, helpers=helpers, waiting=waiting, today=today
    )


@organize.route("/circles/<int:circle_id>/helpers/<int:user_id>/decide", methods=["POST"])
@organizer_page
def decide(circle, user_id):
    """Say yes or no to someone asking to join."""
    approve = request.form.get("answer") == "approve"
    circles.decide(current_user, circle, user_id, approve=approve)
    message = "organize.approved" if approve else "organize.refused"
    return done(message, "organize.helpers_page", circle_id=circle.id)


@organize.route("/circles/<int:circle_id>/helpers/<int:user_id>/vetting", methods=["POST"])
@organizer_page
def vet(circle, user_id):
    """Record meeting a helper and checking references, or take it back."""
    if request.form.get("withdraw"):
        vetting.withdraw(current_user, circle.id, user_id)
        return done("organize.vetting_withdrawn", "organize.helpers_page", circle_id=circle.id)
    fields = form(VettingSchema())
    vetting.vet(current_user, circle.id, user_id, fields, local_today())
    return done("organize.vetted", "organize.helpers_page", circle_id=circle.id)


@organize.route("/circles/<int:circle_id>/reports")
@organizer_page
def reports_page(circle):
    """Open reports to act on, handled ones, and paused members."""
    found = list(db.session.scalars(reports.of_circle(current_user, circle.id)))
    open_reports = [r for r in found if r.status == "open"]
    # A reported thread is read here, through its report, and nowhere else.
    threads_read = {
        r.id: threads.messages(current_user, r.target_id)
        for r in open_reports
        if r.target_type == "matches"
    }
    return page(
        "organize/reports.html",
        circle=circle,
        open_reports=open_reports,
        threads=threads_read,
        handled=[r for r in found if r.status != "open"][:50],
        paused=circles.memberships_of(circle, "suspended"),
        outcomes=[(o, translate(f"organize.outcome.{o}")) for o in OUTCOMES],
    )


@organize.route("/circles/<int:circle_id>/reports/<int:report_id>", methods=["POST"])
@organizer_page
def handle(circle, report_id):
    """Dismiss, warn, pause or remove."""
    fields = form(HandlingSchema())
    reports.handle(current_user, report_id, fields["outcome"], fields["note"])
    return done("organize.report_handled", "organize.reports_page", circle_id=circle.id)


@organize.route("/circles/<int:circle_id>/paused/<int:user_id>", methods=["POST"])
@organizer_page
def reinstate(circle, user_id):
    """Make a paused membership active again."""
    reports.reinstate(current_user, circle.id, user_id)
    return done("organize.reinstated", "organize.reports_page", circle_id=circle.id)
