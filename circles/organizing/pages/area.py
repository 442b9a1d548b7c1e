"""Where the circle reaches and where a member lives, as pages for its organizers."""

import json

from flask import current_app, request
from flask_login import current_user
from marshmallow import ValidationError

from circles.core import geo
from circles.core.i18n import translate
from circles.membership import circles
from circles.membership.schemas import CircleAreaSchema
from circles.organizing import desk
from circles.organizing.pages.common import done, form, organize, organizer_page, page
from circles.organizing.schemas import MemberHomeSchema


def posted_area() -> dict:
    """The area form: postcodes separated by commas or spaces, and GeoJSON pasted or drawn."""
    postcodes = request.form.get("postcodes", "").replace(",", " ").split()
    polygon = request.form.get("polygon", "").strip()
    try:
        parsed = json.loads(polygon) if polygon else None
    except ValueError:
        raise ValidationError({"polygon": [translate("error.area_polygon")]}) from None
    return CircleAreaSchema().load({"postcodes": postcodes, "polygon": parsed})


@organize.route("/circles/<int:circle_id>/area", methods=["GET", "POST"])
@organizer_page
def area_page(circle):
    """Which postcodes, and which polygon drawn on a map, the circle covers."""
    if request.method == "POST":
        chosen = posted_area()
        circles.set_area(current_user, circle, chosen["postcodes"], chosen["polygon"])
        return done("organize.area_saved", "organize.area_page", circle_id=circle.id)
    polygon = json.dumps(circle.area_polygon) if circle.area_polygon else ""
    return page(
        "organize/area.html",
        circle=circle,
        postcodes=" ".join(circle.area_postcodes or []),
        places=circle.area_places,
        polygon=polygon,
    )


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/home", methods=["POST"])
@organizer_page
def home_for_member(circle, user_id):
    """Set where the member lives: a street address for the geocoder, or a point."""
    finder = geo.address_finder(current_app.config)
    # A Danish keyboard writes 56,17; the API's number fields want 56.17.
    point = {
        name: request.form[name].strip().replace(",", ".")
        for name in ("latitude", "longitude")
        if request.form.get(name, "").strip()
    }
    desk.place_member(current_user, circle.id, user_id, form(MemberHomeSchema(), **point), finder)
    return done("organize.home_saved", "organize.member_page", circle_id=circle.id, user_id=user_id)
