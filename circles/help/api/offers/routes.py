"""Standing offers of help: my own, to add, change and withdraw."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.help import requests as help_requests
from circles.help.schemas import NewOfferSchema, OfferSchema

blp = Blueprint("offers", __name__, url_prefix="/offers", description="Standing offers of help")


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, OfferSchema(many=True))
def list_offers():
    """My standing offers (signed in)."""
    return help_requests.offers_of(current_user)


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(NewOfferSchema)
@blp.response(201, NewOfferSchema)
def create_offer(data):
    """Offer a kind of help (signed in); organizers may offer it for a member of their circle."""
    return help_requests.create_offer(current_user, data)


@blp.route("/<int:offer_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(OfferSchema(partial=True))
@blp.response(200, OfferSchema)
def patch_offer(changes, offer_id):
    """Change one of my offers."""
    offer = help_requests.own_offer(current_user, offer_id)
    return help_requests.update_offer(offer, changes)


@blp.route("/<int:offer_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def delete_offer(offer_id):
    """Withdraw one of my offers."""
    help_requests.delete_offer(help_requests.own_offer(current_user, offer_id))
