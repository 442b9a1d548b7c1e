"""Schemas for check-ins: answers in words in, scores out."""

from marshmallow import Schema, fields, validate

from circles.municipal.models import ANSWERS

ANSWER = validate.OneOf(ANSWERS)


class CheckInInSchema(Schema):
    """The four answers, each hardly_ever, some_of_the_time or often."""

    circle_id = fields.Integer()
    companionship = fields.String(required=True, validate=ANSWER)
    left_out = fields.String(required=True, validate=ANSWER)
    isolated = fields.String(required=True, validate=ANSWER)
    lonely_direct = fields.String(required=True, validate=ANSWER)


class CheckInSchema(Schema):
    """A check-in as its member sees it: scores 1-3 and the UCLA total 3-9."""

    id = fields.Integer()
    circle_id = fields.Integer()
    taken_at = fields.DateTime()
    companionship = fields.Integer()
    left_out = fields.Integer()
    isolated = fields.Integer()
    lonely_direct = fields.Integer()
    total = fields.Integer()


class AnswerSchema(Schema):
    """One possible answer, with its score."""

    code = fields.String()
    score = fields.Integer()
    text = fields.String()


class QuestionSchema(Schema):
    """One question in the reader's language."""

    code = fields.String()
    text = fields.String()
    answers = fields.List(fields.Nested(AnswerSchema))
