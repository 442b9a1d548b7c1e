"""The organizers' phone desk: look a member up, register someone who phoned in."""

from flask import current_app, request
from flask_login import current_user

from circles.core import geo
from circles.core.api import Blueprint
from circles.core.errors import Invalid, TooLarge
from circles.core.fields import pdf_response
from circles.core.i18n import local_today
from circles.core.pagination import paginate
from circles.organizing import desk, former, member_import, printing
from circles.organizing.api.members.schemas import (
    ImportSchema,
    MemberCardSchema,
    MemberQuerySchema,
    NotifyBySchema,
)
from circles.organizing.member_import import MAX_FILE_BYTES
from circles.organizing.schemas import MemberHomeSchema, NewMemberSchema

UPLOAD = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        }
    }
}

blp = Blueprint("members", __name__, url_prefix="/circles", description="The phone desk")


@blp.route("/<int:circle_id>/members", methods=["GET"])
@blp.login_required
@blp.arguments(MemberQuerySchema, location="query")
@blp.response(200, MemberCardSchema(many=True))
@blp.paginate()
def find_members(query, circle_id, pagination_parameters):
    """Members whose name or phone holds q, with their contacts (the circle's organizers, admin)."""
    found = desk.find_members(current_user, circle_id, query["q"])
    return paginate(pagination_parameters, found)


@blp.route("/<int:circle_id>/members", methods=["POST"])
@blp.login_required
@blp.arguments(NewMemberSchema)
@blp.response(201, MemberCardSchema)
def register_member(data, circle_id):
    """Register someone who phoned in as a member (the circle's organizers, admin)."""
    finder = geo.address_finder(current_app.config)
    return former.member_card(desk.add_member(current_user, circle_id, data, local_today(), finder))


@blp.route("/<int:circle_id>/members/<int:user_id>", methods=["GET"])
@blp.login_required
@blp.response(200, MemberCardSchema)
def get_member(circle_id, user_id):
    """One member with their contacts (the circle's organizers, admin)."""
    return former.member_card(desk.member(current_user, circle_id, user_id))


@blp.route("/<int:circle_id>/members/<int:user_id>/notify-by", methods=["PUT"])
@blp.login_required
@blp.arguments(NotifyBySchema)
@blp.response(200, MemberCardSchema)
def set_notify_by(data, circle_id, user_id):
    """How the member hears from Circles, e.g. ["sms"] (the circle's organizers, admin)."""
    return former.member_card(
        desk.set_notify_by(current_user, circle_id, user_id, data["notify_by"])
    )


@blp.route("/<int:circle_id>/members/<int:user_id>/home", methods=["PUT"])
@blp.login_required
@blp.arguments(MemberHomeSchema)
@blp.response(200, MemberCardSchema)
def place_member(data, circle_id, user_id):
    """Set where a member lives, by a point or a street address (the circle's organizers, admin)."""
    finder = geo.address_finder(current_app.config)
    return former.member_card(desk.place_member(current_user, circle_id, user_id, data, finder))


def uploaded_file() -> bytes:
    """The CSV file of a multipart form, refused when missing or too large."""
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("import.file_missing", "file", location="files")
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise TooLarge("import.file_too_large")
    return raw


def checked(save: bool) -> dict:
    """The file's rows with their problems; saved when asked and all rows are fine."""
    schema = NewMemberSchema()
    rows = member_import.check(
        current_user, request.view_args["circle_id"], uploaded_file(), schema.load,
        local_today(), save=save,
    )  # fmt: skip
    ok = bool(rows) and not any(row.problems for row in rows)
    return {"ok": ok, "count": len(rows), "rows": rows}


@blp.route("/<int:circle_id>/import/preview", methods=["POST"])
@blp.login_required
@blp.doc(**UPLOAD)
@blp.response(200, ImportSchema)
def preview_import(circle_id):
    """Read a member list (CSV, field file) and show each row's problems; nothing is saved
    (the circle's organizers, admin)."""
    return checked(save=False)


@blp.route("/<int:circle_id>/import", methods=["POST"])
@blp.login_required
@blp.doc(**UPLOAD)
@blp.response(201, ImportSchema)
def run_import(circle_id):
    """Import a member list (CSV, field file): every row, or none when any has a problem
    (the circle's organizers, admin)."""
    result = checked(save=True)
    if not result["ok"]:
        problems = {str(row.line): row.problems for row in result["rows"] if row.problems}
        raise Invalid("import.has_problems", errors={"files": problems})
    return result


@blp.route("/<int:circle_id>/members/<int:user_id>/sign-in-card", methods=["POST"])
@blp.login_required
@blp.doc(responses={"200": {"content": {"application/pdf": {}}}})
def print_sign_in_card(circle_id, user_id):
    """A new sign-in card with a QR code, as a PDF; older cards stop working (the circle's
    organizers, admin)."""
    base = current_app.config["CIRCLES_BASE_URL"]
    pdf = printing.new_sign_in_card(current_user, circle_id, user_id, base)
    return pdf_response(pdf, f"sign-in-card-{user_id}.pdf")
