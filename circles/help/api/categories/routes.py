"""The fixed, translated lists: kinds of help, experiences, free times."""

from marshmallow import Schema, fields

from circles.core import vocabulary
from circles.core.api import Blueprint

blp = Blueprint("categories", __name__, url_prefix="", description="Translated vocabularies")


class LabelSchema(Schema):
    """A code with its label in the caller's language."""

    code = fields.String()
    label = fields.String()


@blp.route("/categories", methods=["GET"])
@blp.response(200, LabelSchema(many=True))
def categories():
    """The kinds of help (anyone)."""
    return vocabulary.labelled("category", vocabulary.CATEGORIES)


@blp.route("/experiences", methods=["GET"])
@blp.response(200, LabelSchema(many=True))
def experiences():
    """The experiences a member may offer to share (anyone)."""
    return vocabulary.labelled("experience", vocabulary.EXPERIENCES)


@blp.route("/availability", methods=["GET"])
@blp.response(200, LabelSchema(many=True))
def availability():
    """The usual free times a member can tick (anyone)."""
    return vocabulary.availability_labels()
