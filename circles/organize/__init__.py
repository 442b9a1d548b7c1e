"""The organizers' pages at /organize/: server-rendered forms in the staff pages' look.

An organizer runs the circle from here for members who only use the phone. Each page
calls the same services as the API; each feature has its own module of routes below.
"""

from functools import wraps
from pathlib import Path

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from circles.i18n import current_language, translate
from circles.services import circles
from circles.services.errors import ServiceError
from circles.staff import csrf_ok

organize = Blueprint("organize", __name__, url_prefix="/organize")


def page(template: str, status: int = 200, **context):
    """Render an organizer page with what every page needs."""
    css = Path(current_app.config["CIRCLES_PWA_DIR"], "css", "app.css").exists()
    context.setdefault("csrf", generate_csrf())
    return render_template(template, language=current_language(), pwa_css=css, **context), status


def problem(message: str, status: int):
    """A plain page saying what went wrong."""
    return page("organize/problem.html", status, message=message)


def organizer_page(view):
    """Sign in first; then only the circle's own organizers (and admins) get the page.

    Unsafe requests must carry the form's CSRF token. Service errors become a plain page.
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

    return guarded


@organize.route("/")
def index():
    """The circles the signed-in person organizes."""
    if not current_user.is_authenticated:
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    mine = circles.organized_circles(current_user)
    if len(mine) == 1:
        return redirect(url_for("organize.circle_home", circle_id=mine[0].id))
    return page("organize/index.html", circles=mine)


@organize.route("/circles/<int:circle_id>")
@organizer_page
def circle_home(circle):
    """A circle's start page: what needs doing today, and the way to each task."""
    return page("organize/circle.html", circle=circle)
