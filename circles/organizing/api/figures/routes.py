"""A circle's own figures for its organizers, and the week sheet for its noticeboard."""

from flask import current_app
from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.fields import pdf_response
from circles.core.i18n import current_language, local_today
from circles.municipal.schemas import PeriodQuerySchema
from circles.organizing import figures as circle_figures
from circles.organizing import printing
from circles.organizing.api.figures.schemas import CircleFiguresSchema, WeekQuerySchema

blp = Blueprint(
    "circle_figures",
    __name__,
    url_prefix="/circles",
    description="A circle's figures and week sheet",
)


@blp.route("/<int:circle_id>/figures", methods=["GET"])
@blp.login_required
@blp.arguments(PeriodQuerySchema, location="query")
@blp.response(200, CircleFiguresSchema)
def figures(query, circle_id):
    """The circle's own members, requests, time to match and events (its organizers, admin)."""
    return circle_figures.build(
        current_user,
        circle_id,
        query.get("first"),
        query.get("last"),
        local_today(),
        current_app.config["CIRCLES_DEFAULT_TIMEZONE"],
        current_app.config,
    )


@blp.route("/<int:circle_id>/week.pdf", methods=["GET"])
@blp.login_required
@blp.arguments(WeekQuerySchema, location="query")
@blp.doc(responses={"200": {"content": {"application/pdf": {}}}})
def week_sheet(query, circle_id):
    """The week's events and open requests as a PDF for the noticeboard (its members)."""
    monday = printing.week_start(query.get("week"), local_today())
    pdf = printing.week_sheet(
        current_user, circle_id, monday, current_user.timezone, current_language()
    )
    name = f"circles-{circle_id}-{monday.isocalendar().year}-W{monday.isocalendar().week}.pdf"
    return pdf_response(pdf, name)
