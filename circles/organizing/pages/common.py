"""What every organizer page shares: the blueprint, the page frame, forms and the guard."""

import re
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from marshmallow import Schema, ValidationError

from circles.accounts import sessions
from circles.core.errors import ServiceError
from circles.core.i18n import current_language, local_text, translate
from circles.core.validation import flat
from circles.membership import circles
from circles.municipal.pages import csrf_ok
from circles.organizing import outreach

organize = Blueprint(
    "organize",
    __name__,
    url_prefix="/organize",
    template_folder="../templates",
    static_folder="../static",
)


def page(template: str, status: int = 200, **context):
    """Render an organizer page with what every page needs."""
    css = Path(current_app.config["CIRCLES_PWA_DIR"], "css", "app.css").exists()
    context.setdefault("csrf", generate_csrf())
    return render_template(template, language=current_language(), pwa_css=css, **context), status


def problem(message: str, status: int):
    """A plain page saying what went wrong."""
    return page("organize/problem.html", status, message=message)


@organize.context_processor
def template_helpers() -> dict:
    """Times in the organizer's zone and language, and outreach items in words."""

    def local(moment):
        zone = current_user.timezone if current_user.is_authenticated else "Europe/Copenhagen"
        return local_text(moment, current_language(), zone, "short") if moment else ""

    def day(value):
        """A calendar day in words ("1. dec. 2026"), never ISO."""
        return format_date(value, "medium", locale=current_language()) if value else ""

    helpers = {"local": local, "day": day, "month": month_in_words, "about": outreach.describe}
    return {**helpers, "text_size": text_size()}


def month_in_words(key: str) -> str:
    """A month's key ("2026-03") as "mar. 2026" or "Mar 2026", in the organizer's language."""
    year, number = key.split("-")
    return format_date(date(int(year), int(number), 1), "MMM y", locale=current_language())


def text_size() -> int:
    """The signed-in person's text size from the app (100-200 %), in steps of 25 for the CSS."""
    chosen = current_user.text_size if current_user.is_authenticated else 100
    return min(200, max(100, round((chosen or 100) / 25) * 25))


# Danish puts æ, ø and å after z, in that order; Python's code points would put å first.
DANISH_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three after z in ASCII


def by_name(memberships) -> list:
    """Memberships in the order of a Danish phone book: by name, æ ø å last."""
    return sorted(memberships, key=lambda m: m.user.name.casefold().translate(DANISH_LAST))


LOCAL_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def in_my_zone(value: str) -> str:
    """A browser's date-and-time field (no zone) as a moment in the organizer's zone."""
    if not LOCAL_MINUTE.match(value):
        return value
    moment = datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(current_user.timezone))
    return moment.isoformat()


def form(schema: Schema, **given) -> dict:
    """The posted form (and what the page's address gives) loaded by the API's own schema;
    empty fields count as not given."""
    skipped = ("csrf_token", "sms")  # sms: a tick box the page turns into notify_by
    filled = {k: in_my_zone(v) for k, v in request.form.items() if k not in skipped and v.strip()}
    return schema.load({**filled, **given})


def done(message_key: str, endpoint: str, **values):
    """After a form: say what happened, and show the page again (post, redirect, get)."""
    flash(translate(message_key))
    return redirect(url_for(endpoint, **values))


def organizer_page(view):
    """Sign in first; then only the circle's own organizers (and admins) get the page.

    Unsafe requests must carry the form's CSRF token. Refusals become a plain page that names
    each problem; the browser's back button brings the form back as it was filled in.
    """

    @wraps(view)
    def guarded(circle_id: int, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        if request.method == "POST" and not csrf_ok(request.form.get("csrf_token")):
            return problem(translate("error.csrf"), 400)
        try:
            circle = circles.get_circle(circle_id)
            if not circles.is_organizer(current_user, circle.id):
                return problem(translate("error.organizers_only"), 403)
            return view(circle, **kwargs)
        except ServiceError as error:
            return problem(translate(error.key, **error.params), error.status)
        except ValidationError as error:
            return page(
                "organize/problem.html", 422, fields=flat(error.messages, current_language())
            )

    return guarded


@organize.route("/signout", methods=["POST"])
def sign_out():
    """Sign out of the organizer pages (and the app on this browser); back to the sign-in page."""
    if current_user.is_authenticated and csrf_ok(request.form.get("csrf_token")):
        sessions.sign_out(current_user)
    return redirect(url_for("staff.login"))


@organize.route("/")
def index():
    """The circles the signed-in person organizes."""
    if not current_user.is_authenticated:
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    mine = circles.organized_circles(current_user)
    if len(mine) == 1:
        return redirect(url_for("organize.circle_home", circle_id=mine[0].id))
    return page("organize/index.html", circles=mine)
