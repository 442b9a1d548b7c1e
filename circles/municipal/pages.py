"""The municipal staff's dashboard page: server-rendered, signed in with the session cookie."""

import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf, validate_csrf
from marshmallow import ValidationError

from circles.accounts import recovery, sessions, two_factor
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.accounts.throttle import (
    address_limit,
    recovery_limit,
    requested_address,
    sign_in_limited,
)
from circles.core.errors import ServiceError
from circles.core.i18n import current_language, month_text, translate
from circles.extensions import db, limiter
from circles.municipal import charts, dashboard
from circles.municipal.presentation import figure_json, present
from circles.municipal.schemas import PeriodQuerySchema

staff = Blueprint(
    "staff", __name__, url_prefix="/staff", static_folder="static", template_folder="templates"
)


@staff.app_context_processor
def csrf_for_forms() -> dict:
    """The sign-out form in every staff and organizer page's header carries the CSRF token; a
    page says which language it is in (the reader's), so words hyphenate by its rules."""
    return {"csrf_token": generate_csrf, "page_language": current_language}


def month_label(month: str, language: str) -> str:
    """2026-03 in words: 'marts 2026' or 'March 2026'."""
    return month_text(month, language)


def chart_for(board, figure, data: dict, language: str):
    """The chart of one figure: the municipality over months, or circles or tenures as bars."""
    hidden = translate("stats.hidden_short")
    if not data["columns"]:
        return ""  # by quarter, before the first quarter is over
    if figure.key == "scores":
        column = [c["key"] for c in data["columns"]].index("mean")
        rows = data["rows"][:-1]
        values = [r["cells"][column] for r in rows]
        labels = [r["label"] for r in rows]
        title = translate("stats.chart.scores")
    elif figure.columns_are != "month" and figure.rows_are == "circle":
        total = data["rows"][-1]  # all circles, by the columns' kinds (vetting status, ...)
        values, labels = total["cells"][:-1], [c["label"] for c in data["columns"][:-1]]
        title = data["title"]
    elif figure.chart == "bar":
        rows = [r for r in data["rows"] if r["key"] != dashboard.ALL]  # the total is in the table
        values, labels = [r["cells"][-1] for r in rows], [r["label"] for r in rows]
        title = data["title"]
    else:
        total = data["rows"][-1]
        months = [c for c in data["columns"] if len(c.get("months", ())) == 1]
        values = total["cells"][: len(months)]
        labels = [c["label"] for c in months]
        title = f"{data['title']}: {total['label']}"
    values = [None if isinstance(v, dict) else v for v in values]
    draw = charts.bar_chart if figure.chart == "bar" else charts.line_chart
    return draw(f"chart-{figure.key}", title, labels, values, hidden)


def safe_next(target: str | None) -> str:
    """Only local paths, so the sign-in cannot send anyone elsewhere."""
    if target and target.startswith("/") and not urlsplit(target).netloc:
        return target
    return "/"


def csrf_ok(token: str | None) -> bool:
    """Whether the form carries this session's CSRF token."""
    try:
        validate_csrf(token)
    except Exception:  # flask-wtf raises wtforms' ValidationError for a missing or bad token
        return False
    return True


# After the password, the person waits this long at most for the code step.
SECOND_STEP_SECONDS = 300


def waiting_for_code() -> User | None:
    """Whoever gave the right password on this browser a moment ago, awaiting the code step."""
    pending = session.get("two_factor_pending") or {}
    if time.time() - pending.get("at", 0) > SECOND_STEP_SECONDS:
        return None
    return db.session.get(User, pending.get("user", 0))


def second_step_page(user: User, problem: str | None = None):
    """The code field; before the first code, also the QR code of the secret to enrol."""
    key = current_app.config["SECRET_KEY"]
    enrol = None if two_factor.enrolled(user) else two_factor.enrolment(user, key)
    page = render_template(
        "staff/login.html", problem=problem, csrf=generate_csrf(), second_step=True, enrol=enrol
    )
    return page, 401 if problem else 200


@staff.route("/login", methods=["GET", "POST"])
@sign_in_limited
def login():
    """Sign in for staff and organizers (the same accounts as the app); then the code, if due."""
    if request.method == "GET":
        return render_template("staff/login.html", csrf=generate_csrf())
    form = request.form
    if not csrf_ok(form.get("csrf_token")):
        user = None
    elif "code" in form and (pending := waiting_for_code()) is not None:
        key = current_app.config["SECRET_KEY"]
        if not two_factor.check(pending, form["code"], key):
            return second_step_page(pending, translate("error.two_factor_wrong"))
        user = pending
    else:
        user = accounts.authenticate(form.get("email", ""), form.get("password", ""))
        if user is not None and two_factor.required(user, current_app.config):
            session["two_factor_pending"] = {"user": user.id, "at": time.time()}
            return second_step_page(user)
    if user is None:
        problem = translate("error.bad_credentials")
        return render_template("staff/login.html", problem=problem, csrf=generate_csrf()), 401
    session.pop("two_factor_pending", None)
    sessions.sign_in(user)
    return redirect(safe_next(request.args.get("next")))


@staff.route("/forgot", methods=["GET", "POST"])
@limiter.limit(address_limit, methods=["POST"])
@limiter.limit(recovery_limit, key_func=requested_address, methods=["POST"])
def forgot_password():
    """Ask for a link to choose a new password; the same answer for every address (anyone)."""
    sent = problem = None
    if request.method == "POST":
        if csrf_ok(request.form.get("csrf_token")) and request.form.get("email", "").strip():
            recovery.request_reset(request.form["email"][:254])
            sent = translate("reset.sent")
        else:
            problem = translate("error.invalid_fields")
    page = render_template("staff/forgot.html", sent=sent, problem=problem, csrf=generate_csrf())
    return page, (422 if problem else 200)


@staff.route("/logout", methods=["POST"])
def logout():
    """Sign out this browser (with the form's CSRF token), back to the sign-in page."""
    if current_user.is_authenticated and csrf_ok(request.form.get("csrf_token")):
        sessions.sign_out(current_user)
    return redirect(url_for("staff.login"))


@staff.route("/municipalities/<int:municipality_id>")
def municipality_page(municipality_id: int):
    """The dashboard with charts, tables, a period chooser and CSV links (staff, admin)."""
    if not current_user.is_authenticated:
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    try:
        query = PeriodQuerySchema().load(request.args)
        board = dashboard.build(
            current_user,
            municipality_id,
            query.get("first"),
            query.get("last"),
            zone=current_app.config["CIRCLES_DEFAULT_TIMEZONE"],
        )
    except ValidationError as error:
        return render_template("staff/problem.html", message=str(error.messages)), 422
    except ServiceError as error:
        message = translate(error.key, **error.params)
        return render_template("staff/problem.html", message=message), error.status
    dashboard.log_view(current_user, board, "page")
    language = current_language()
    figures = []
    for figure in board.figures:
        data = figure_json(board, figure)
        for column in data["columns"]:
            if len(column.get("months", ())) == 1:
                column["label"] = month_label(column["key"], language)
        figures.append({**data, "svg": chart_for(board, figure, data, language)})
    summary = present(board)
    css = Path(current_app.config["CIRCLES_PWA_DIR"], "css", "app.css").exists()
    return render_template(
        "staff/dashboard.html",
        board=summary,
        figures=figures,
        language=language,
        pwa_css=css,
        first=board.shown_months[0],
        last=board.shown_months[-1],
    )
