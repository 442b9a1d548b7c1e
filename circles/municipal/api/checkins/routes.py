"""Check-ins: the questions, answering them, and a member's own answers."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.i18n import translate
from circles.core.idempotency import idempotent
from circles.municipal import checkins
from circles.municipal.api.checkins.schemas import CheckInInSchema, CheckInSchema, QuestionSchema
from circles.municipal.models import ANSWERS

blp = Blueprint("checkins", __name__, url_prefix="", description="Loneliness check-ins")


@blp.route("/checkins/questions", methods=["GET"])
@blp.response(200, QuestionSchema(many=True))
def questions():
    """The check-in's questions and answers, in the caller's language (anyone)."""
    answers = [
        {"code": code, "score": checkins.score(code), "text": translate(f"checkin.answer.{code}")}
        for code in ANSWERS
    ]
    return [
        {"code": code, "text": translate(f"checkin.question.{code}"), "answers": answers}
        for code in checkins.QUESTIONS
    ]


@blp.route("/checkins", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(CheckInInSchema)
@blp.response(201, CheckInSchema)
def take(data):
    """Answer a check-in (signed in, consented, member of a circle)."""
    circle_id = data.pop("circle_id", None)
    return checkins.take(current_user, data, circle_id)


@blp.route("/me/checkins", methods=["GET"])
@blp.login_required
@blp.response(200, CheckInSchema(many=True))
def mine():
    """My own check-ins, newest first (signed in)."""
    return checkins.history(current_user)
