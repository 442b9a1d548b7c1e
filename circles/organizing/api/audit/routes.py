"""The audit log: a circle's for its organizers, and each member's own 'done for me'."""

from flask_login import current_user

from circles.core import audit
from circles.core.api import Blueprint
from circles.core.pagination import paginate
from circles.organizing import audit_log
from circles.organizing.api.audit.schemas import AuditEntrySchema
from circles.organizing.schemas import AuditQuerySchema

blp = Blueprint("audit", __name__, url_prefix="", description="The audit log")


@blp.route("/circles/<int:circle_id>/audit", methods=["GET"])
@blp.login_required
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditEntrySchema(many=True))
@blp.paginate()
def circle_log(query, circle_id, pagination_parameters):
    """Every organizer's act in the circle, newest first, filtered (its organizers, admin)."""
    filters = {("from" if k == "from_" else k): v for k, v in query.items()}
    found = audit_log.of_circle(current_user, circle_id, filters, current_user.timezone)
    return paginate(pagination_parameters, found)


@blp.route("/me/on-my-behalf", methods=["GET"])
@blp.login_required
@blp.response(200, AuditEntrySchema(many=True))
@blp.paginate()
def on_my_behalf(pagination_parameters):
    """What organizers did for you or about you, and who (the member themself)."""
    return paginate(pagination_parameters, audit.done_for(current_user))
