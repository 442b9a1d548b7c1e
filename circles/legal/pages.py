"""The privacy notice and the accessibility statement, served without JavaScript, da and en.

What they name (the operator, its contacts, the data protection officer, the statement made
in the state's WAS tool) comes from the CIRCLES_OPERATOR_*, CIRCLES_DPO_EMAIL and
CIRCLES_WAS_URL settings, so that each municipality running Circles shows its own.
"""

from pathlib import Path

from flask import Blueprint, current_app, render_template, request

from circles.core.i18n import LANGUAGES, current_language

legal = Blueprint("legal", __name__, template_folder="templates")


def page_language() -> str:
    """?lang=da or en when asked (the footer's links say), else the reader's language."""
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else current_language()


def operator() -> dict:
    """Who runs this Circles and how to reach them; empty strings where not set."""
    config = current_app.config
    return {
        "name": config["CIRCLES_OPERATOR_NAME"],
        "email": config["CIRCLES_OPERATOR_EMAIL"],
        "phone": config["CIRCLES_OPERATOR_PHONE"],
        "dpo_email": config["CIRCLES_DPO_EMAIL"],
        "was_url": config["CIRCLES_WAS_URL"],
    }


def render(name: str):
    language = page_language()
    other = "en" if language == "da" else "da"
    return render_template(
        f"legal/{name}_{language}.html",
        language=language,
        other=other,
        operator=operator(),
        page=name,
        # The app's own look (large text, calm colours) when its files are here.
        pwa_css=Path(current_app.config["CIRCLES_PWA_DIR"], "css", "app.css").exists(),
    )


@legal.route("/privacy")
def privacy():
    """The privacy notice: what is processed, why, for how long, and whom to contact (anyone)."""
    return render("privacy")


@legal.route("/accessibility")
def accessibility():
    """The accessibility statement (tilgængelighedserklæring), with the WAS tool's (anyone)."""
    return render("accessibility")
