"""The municipal dashboard's figures, as JSON and as CSV (staff of the municipality, admins)."""

from flask import Response, current_app
from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.errors import NotFound
from circles.municipal import dashboard
from circles.municipal.api.stats.schemas import StatsSchema
from circles.municipal.presentation import figure_csv, present
from circles.municipal.schemas import PeriodQuerySchema

blp = Blueprint("stats", __name__, url_prefix="/municipalities", description="Municipal figures")


def board_for(municipality_id: int, query: dict):
    """The protected figures for the asked months."""
    return dashboard.build(
        current_user,
        municipality_id,
        query.get("first"),
        query.get("last"),
        zone=current_app.config["CIRCLES_DEFAULT_TIMEZONE"],
    )


@blp.route("/<int:municipality_id>/stats", methods=["GET"])
@blp.login_required
@blp.arguments(PeriodQuerySchema, location="query")
@blp.response(200, StatsSchema)
def stats(query, municipality_id):
    """Aggregates by month and circle; counts under 5 hidden (municipal staff, admin)."""
    board = board_for(municipality_id, query)
    dashboard.log_view(current_user, board)
    data = present(board)
    return {**data, "first": data.pop("from"), "last": data.pop("to")}


@blp.route("/<int:municipality_id>/stats/<string:figure>.csv", methods=["GET"])
@blp.login_required
@blp.arguments(PeriodQuerySchema, location="query")
@blp.response(200, content_type="text/csv")
def stats_csv(query, municipality_id, figure):
    """One figure as CSV, with the same hiding (municipal staff, admin)."""
    board = board_for(municipality_id, query)
    if figure not in {f.key for f in board.figures}:
        raise NotFound("stats.no_such_figure")
    dashboard.log_view(current_user, board, f"csv_{figure}")
    name = f"municipality-{municipality_id}-{figure}-{board.span.months[0]}-{board.span.months[-1]}"
    return Response(
        figure_csv(board, board.figure(figure)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
