"""Pages for the telephone work and the circle's overview: today's calls, the call log,
the figures, and importing a member list."""

from base64 import b64decode, b64encode

from flask import Response, current_app, request
from flask_login import current_user

from circles.core.i18n import current_language, local_today, translate
from circles.core.pagination import count, first
from circles.core.spreadsheet import to_csv
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles
from circles.municipal.charts import line_chart
from circles.municipal.schemas import PeriodQuerySchema
from circles.notify import sms_usage
from circles.organizing import calls, former, member_import, missed, outreach, reports
from circles.organizing import figures as circle_figures
from circles.organizing.member_import import MAX_FILE_BYTES
from circles.organizing.pages.common import (
    by_name,
    done,
    form,
    month_in_words,
    organize,
    organizer_page,
    page,
)
from circles.organizing.schemas import CalledSchema, NewCallSchema, NewMemberSchema

COLUMNS = (
    "new_members",
    "members",
    "active_members",
    "requests",
    "matched",
    "done",
    "median_hours_to_match",
    "event_times",
    "attendance",
)


@organize.route("/circles/<int:circle_id>/today")
@organizer_page
def today_page(circle):
    """Follow-ups due, the outreach list and messages that did not arrive: who to phone today."""
    today = local_today()
    return page(
        "organize/today.html",
        circle=circle,
        due=calls.follow_ups_due(current_user, circle.id, today),
        items=list(db.session.scalars(outreach.items(current_user, circle.id))),
        missed=missed.of_circle(current_user, circle.id, utcnow()),
        today=today,
        phone_of=former.phone_of,
    )


@organize.route("/circles/<int:circle_id>/outreach/<int:item_id>", methods=["POST"])
@organizer_page
def called(circle, item_id):
    """Mark an outreach item called, with a note and perhaps a day to call again."""
    fields = form(CalledSchema())
    outreach.mark_called(
        current_user, item_id, fields["note"], local_today(), fields.get("follow_up_on")
    )
    return done("organize.marked_called", "organize.today_page", circle_id=circle.id)


@organize.route("/circles/<int:circle_id>/calls/<int:call_id>/done", methods=["POST"])
@organizer_page
def follow_up_done(circle, call_id):
    """Tick a follow-up off."""
    calls.follow_up_done(current_user, call_id)
    return done("organize.follow_up_done", "organize.today_page", circle_id=circle.id)


@organize.route("/circles/<int:circle_id>/calls", methods=["GET", "POST"])
@organizer_page
def calls_page(circle):
    """The call log, and a form to write a call down."""
    if request.method == "POST":
        calls.log(current_user, circle.id, form(NewCallSchema()), local_today())
        return done("organize.call_logged", "organize.calls_page", circle_id=circle.id)
    return page(
        "organize/calls.html",
        circle=circle,
        calls=first(calls.of_circle(current_user, circle.id), 200),
        member_options=[
            (m.user_id, m.user.name) for m in by_name(circles.memberships_of(circle, "active"))
        ],
    )


def asked_figures(circle) -> dict:
    """The circle's figures for the months the address asks for."""
    query = PeriodQuerySchema().load({k: v for k, v in request.args.items() if v.strip()})
    return circle_figures.build(
        current_user, circle.id, query.get("first"), query.get("last"), local_today(),
        current_app.config["CIRCLES_DEFAULT_TIMEZONE"], current_app.config,
    )  # fmt: skip


@organize.route("/circles/<int:circle_id>/figures")
@organizer_page
def figures_page(circle):
    """The circle's own figures by month, with a chart of members."""
    figures = asked_figures(circle)
    months = figures["months"]
    chart = line_chart(
        "chart-members",
        translate("organize.figure.members"),
        [month_in_words(m["month"]) for m in months],
        [m["members"] for m in months],
        "",
    )
    return page(
        "organize/figures.html", circle=circle, figures=figures, chart=chart, columns=COLUMNS
    )


@organize.route("/circles/<int:circle_id>/figures.csv")
@organizer_page
def figures_csv(circle):
    """The circle's figures by month as a CSV that Excel opens in columns, in Danish too."""
    figures = asked_figures(circle)
    heading = [translate("organize.month")] + [translate(f"organize.figure.{k}") for k in COLUMNS]
    rows = [[m["month"]] + [m[k] for k in COLUMNS] for m in figures["months"]]
    total = [translate("stats.total")] + [figures["period"].get(k) for k in COLUMNS]
    body = to_csv([heading, *rows, total], current_language())
    headers = {"Content-Disposition": f'attachment; filename="circle-{circle.id}-figures.csv"'}
    return Response(body.encode("utf-8"), mimetype="text/csv", headers=headers)


@organize.route("/circles/<int:circle_id>/import", methods=["GET", "POST"])
@organizer_page
def import_page(circle):
    """Upload a member list, see each row's problems, then import all rows."""
    if request.method == "GET":
        return page("organize/import.html", circle=circle)
    upload = request.files.get("file")
    raw = upload.read(MAX_FILE_BYTES + 1) if upload else b64decode(request.form.get("content", ""))
    if len(raw) > MAX_FILE_BYTES:
        return page("organize/problem.html", 413, message=translate("import.file_too_large"))
    save = request.form.get("confirm") == "yes"
    rows = member_import.check(
        current_user, circle.id, raw, NewMemberSchema().load, local_today(), save=save
    )
    ok = bool(rows) and not any(r.problems for r in rows)
    if save and ok:
        return done("organize.imported", "organize.circle_home", circle_id=circle.id)
    return page(
        "organize/import.html",
        circle=circle,
        rows=rows,
        ok=ok,
        content=b64encode(raw).decode(),
    )


@organize.route("/circles/<int:circle_id>")
@organizer_page
def circle_home(circle):
    """A circle's start page: what waits today, and the way to each task."""
    waiting = {
        "due": len(calls.follow_ups_due(current_user, circle.id, local_today())),
        "outreach": count(outreach.items(current_user, circle.id)),
        "reports": count(reports.of_circle(current_user, circle.id, "open")),
        "joining": count(circles.memberships_query(circle, "pending")),
    }
    sms = sms_usage.figures(circle.id, utcnow(), current_app.config)
    return page("organize/circle.html", circle=circle, waiting=waiting, sms=sms)
