"""Schemas the API and the staff and organizer pages share: the period asked for."""

from datetime import date

from marshmallow import Schema, ValidationError, fields

from circles.core.i18n import translate


class MonthField(fields.Field):
    """A month as 2026-03, or any date in it as 2026-03-17."""

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        try:
            text = str(value)
            return date.fromisoformat(text + "-01" if len(text) == 7 else text).replace(day=1)
        except ValueError as error:
            raise ValidationError(translate("stats.bad_month")) from error


class PeriodQuerySchema(Schema):
    """From which month to which month (both included); the last twelve by default."""

    first = MonthField(data_key="from")
    last = MonthField(data_key="to")
