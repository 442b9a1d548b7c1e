"""My two-factor sign-in: new recovery codes once the authenticator app is enrolled."""

from flask_login import current_user

from circles.accounts import two_factor
from circles.accounts.api.two_factor.schemas import RecoveryCodesSchema
from circles.core.api import Blueprint
from circles.core.errors import Conflict

blp = Blueprint("two_factor", __name__, url_prefix="/me/two-factor", description="Second step")


@blp.route("/recovery-codes", methods=["POST"])
@blp.login_required
@blp.response(201, RecoveryCodesSchema)
@blp.alt_response(409, description="No authenticator app enrolled yet")
def recovery_codes():
    """Ten new recovery codes; the old ones stop working (signed in, with an enrolled app)."""
    if not two_factor.enrolled(current_user):
        raise Conflict("error.two_factor_not_enrolled")
    return {"codes": two_factor.new_recovery_codes(current_user)}
