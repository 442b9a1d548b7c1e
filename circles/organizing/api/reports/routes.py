"""Reports: members report a person or a message; organizers handle them."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.pagination import paginate
from circles.membership.api.circles.schemas import MembershipSchema
from circles.organizing import reports
from circles.organizing.api.reports.schemas import (
    NewReportSchema,
    OrganizerReportSchema,
    ReportQuerySchema,
    ReportSchema,
)
from circles.organizing.schemas import HandlingSchema

blp = Blueprint("reports", __name__, url_prefix="", description="Reports and moderation")


@blp.route("/reports", methods=["POST"])
@blp.login_required
@blp.arguments(NewReportSchema)
@blp.response(201, ReportSchema)
def file_report(data):
    """Report a person or a message in one of your circles (any member)."""
    return reports.report(current_user, data)


@blp.route("/me/reports", methods=["GET"])
@blp.login_required
@blp.response(200, ReportSchema(many=True))
@blp.paginate()
def my_reports(pagination_parameters):
    """Your own reports and whether they were handled (any signed-in person)."""
    return paginate(pagination_parameters, reports.mine(current_user))


@blp.route("/circles/<int:circle_id>/reports", methods=["GET"])
@blp.login_required
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, OrganizerReportSchema(many=True))
@blp.paginate()
def circle_reports(query, circle_id, pagination_parameters):
    """The circle's reports, open first (its organizers, admin)."""
    found = reports.of_circle(current_user, circle_id, query.get("status"))
    return paginate(pagination_parameters, found)


@blp.route("/reports/<int:report_id>/handle", methods=["POST"])
@blp.login_required
@blp.arguments(HandlingSchema)
@blp.response(200, OrganizerReportSchema)
def handle_report(data, report_id):
    """Dismiss, warn, suspend or remove (the circle's organizers, admin)."""
    return reports.handle(current_user, report_id, data["outcome"], data["note"])


@blp.route("/circles/<int:circle_id>/memberships/<int:user_id>/reinstate", methods=["POST"])
@blp.login_required
@blp.response(200, MembershipSchema)
def reinstate(circle_id, user_id):
    """Lift a member's suspension (the circle's organizers, admin)."""
    return reports.reinstate(current_user, circle_id, user_id)
