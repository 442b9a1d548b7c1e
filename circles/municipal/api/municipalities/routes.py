"""Municipalities and the staff who follow their circles."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Municipality
from circles.municipal.api.municipalities.schemas import MunicipalitySchema, StaffSchema

blp = Blueprint(
    "municipalities", __name__, url_prefix="/municipalities", description="Municipalities"
)


@blp.route("", methods=["GET"])
@blp.response(200, MunicipalitySchema(many=True))
def list_municipalities():
    """All municipalities with circles here (anyone)."""
    return db.session.scalars(db.select(Municipality).order_by(Municipality.name)).all()


@blp.route("", methods=["POST"])
@blp.admin_required
@blp.arguments(MunicipalitySchema)
@blp.response(201, MunicipalitySchema)
def create_municipality(data):
    """Create a municipality (admin)."""
    return circles.create_municipality(**data)


@blp.route("/<int:municipality_id>/staff", methods=["POST"])
@blp.admin_required
@blp.arguments(StaffSchema)
@blp.response(201, StaffSchema)
def appoint_staff(data, municipality_id):
    """Appoint municipal staff (admin)."""
    return circles.appoint_staff(
        current_user, circles.get_municipality(municipality_id), data["email"]
    )
