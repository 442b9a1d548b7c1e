"""Fields and validators shared by the API's schemas."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Response, current_app, g
from flask_login import current_user
from marshmallow import ValidationError, fields, validate

from circles.core import vocabulary

NAME = validate.Length(min=1, max=200)
LANGUAGE = validate.OneOf(("da", "en"))


def not_blank(value: str) -> None:
    """Refuse text that is only white space."""
    if not value.strip():
        raise ValidationError("validation.not_blank")


def plausible_birth_date(value: date) -> None:
    """A birth date in the past and after 1900."""
    if value < date(1900, 1, 1) or value > date.today():
        raise ValidationError("validation.birth_date")


def postcode_field(**kwargs) -> fields.String:
    """A four-digit Danish postcode."""
    return fields.String(
        validate=validate.Regexp(r"^\d{4}$", error="validation.postcode"), **kwargs
    )


def latitude_field(**kwargs) -> fields.Float:
    """A latitude in degrees."""
    return fields.Float(validate=validate.Range(-90, 90), allow_nan=False, **kwargs)


def longitude_field(**kwargs) -> fields.Float:
    """A longitude in degrees."""
    return fields.Float(validate=validate.Range(-180, 180), allow_nan=False, **kwargs)


def codes_field(choices: tuple[str, ...], **kwargs) -> fields.List:
    """A list of codes from a fixed vocabulary, each at most once."""
    return fields.List(
        fields.String(validate=validate.OneOf(choices)),
        validate=validate.Length(max=len(choices)),
        **kwargs,
    )


def skills_field(**kwargs):
    """Kinds of help a person can give."""
    return codes_field(vocabulary.CATEGORIES, **kwargs)


def experiences_field(**kwargs):
    """Things lived through that a person is willing to share."""
    return codes_field(vocabulary.EXPERIENCES, **kwargs)


def availability_field(**kwargs):
    """Usual free times, as day_part codes like tue_morning."""
    return codes_field(vocabulary.AVAILABILITY, **kwargs)


class LocalDateTime(fields.DateTime):
    """A UTC time written out in the caller's zone, with its offset (10:00+02:00, not 08:00Z)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return super()._serialize(value.astimezone(reader_zone()), attr, obj, **kwargs)

    @staticmethod
    def write_datetime(value: datetime) -> str:
        """As _serialize writes a datetime in ISO format (core.api.Answer writes it so)."""
        return value.astimezone(reader_zone()).isoformat()


def reader_zone() -> ZoneInfo:
    """The signed-in member's zone, else the default; found once per request, as a list
    writes out two times for each of its rows."""
    zone = g.get("reader_zone")
    if zone is None:
        user = current_user._get_current_object()
        name = current_app.config["CIRCLES_DEFAULT_TIMEZONE"]
        if user is not None and user.is_authenticated:
            name = user.timezone
        zone = g.reader_zone = ZoneInfo(name)
    return zone


def pdf_response(pdf: bytes, filename: str) -> Response:
    """A PDF to open in the browser, with a name for saving it."""
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
