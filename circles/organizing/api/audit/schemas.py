"""Schemas for the audit log as organizers and members read it."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.i18n import catalog, current_language, translate


def described(entry) -> str:
    """The act in a plain sentence in the reader's language; unknown acts by their code."""
    key = f"audit.{entry.action}"
    if key not in catalog(current_language()):
        return translate("audit.other", action=entry.action)
    actor = entry.actor.name if entry.actor else translate("audit.system")
    member = entry.subject.name if entry.subject else ""
    return translate(key, actor=actor, member=member)


class AuditEntrySchema(Schema):
    """One act: when, who, what, for whom."""

    id = fields.Integer()
    created_at = fields.DateTime()
    action = fields.String()
    text = fields.Function(described)
    actor_id = fields.Integer(allow_none=True)
    actor_name = fields.String(attribute="actor.name", allow_none=True)
    member_id = fields.Integer(attribute="subject_id", allow_none=True)
    member_name = fields.String(attribute="subject.name", allow_none=True)
    circle_id = fields.Integer(allow_none=True)
    target_type = fields.String(allow_none=True)
    target_id = fields.Integer(allow_none=True)


class AuditQuerySchema(Schema):
    """Filters: who acted, for or on whom, which kind of act, which days (local)."""

    actor_id = fields.Integer()
    member_id = fields.Integer()
    action = fields.String(validate=validate.Regexp(r"^[a-z_]+(\.[a-z_]+)?$"))
    from_ = fields.Date(data_key="from")
    to = fields.Date()

    @validates_schema
    def in_order(self, data, **kwargs):
        """The first day comes before the last."""
        if "from_" in data and "to" in data and data["from_"] > data["to"]:
            raise ValidationError("Must not be after 'to'.", "from")
