"""Relatives and friends who help: an invitation, and a link as each side sees it."""

from marshmallow import Schema, fields, validate

from circles.core.fields import NAME, not_blank


class InviteSchema(Schema):
    """Whom to invite: a name, and an email or a phone number."""

    name = fields.String(required=True, validate=[NAME, not_blank])
    email = fields.Email(validate=validate.Length(max=254))
    phone = fields.String(validate=validate.Length(max=40))


class RelativeSchema(Schema):
    """A relative the member invited, as the member sees them."""

    id = fields.Integer()
    name = fields.String()
    email = fields.String()
    phone = fields.String(attribute="phone_e164")
    status = fields.String()
    said_yes_to_organizer = fields.Function(lambda link: link.recorded_by_id is not None)
    accepted_at = fields.DateTime()
    ended_at = fields.DateTime()


class HelpedMemberSchema(Schema):
    """A member the signed-in person helps or is invited to help: only the member's name."""

    id = fields.Integer()
    member_id = fields.Integer()
    member_name = fields.String(attribute="member.name")
    status = fields.String()
