"""Schemas for the municipal dashboard: the period asked for, and the figures' shape."""

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
    """From which month to which month (both included). The municipal dashboard wants both in
    one calendar year (this year so far by default); the organizers' figures take any span."""

    first = MonthField(data_key="from")
    last = MonthField(data_key="to")


class CellSchema(Schema):
    """A hidden cell: shown cells are plain numbers."""

    suppressed = fields.Boolean()
    reason = fields.String(metadata={"description": "fewer_than_5, or hidden to protect another"})
    label = fields.String()


class FigureSchema(Schema):
    """One figure: rows by columns of numbers or hidden cells."""

    key = fields.String()
    title = fields.String()
    unit = fields.String()
    chart = fields.String()
    columns = fields.List(fields.Dict())
    rows = fields.List(fields.Dict())


class StatsSchema(Schema):
    """The municipality's figures for the months asked (within one calendar year), by month and
    circle, with the year's totals."""

    municipality = fields.Dict()
    first = fields.String(data_key="from")
    last = fields.String(data_key="to")
    months = fields.List(fields.String())
    total_months = fields.List(
        fields.String(), metadata={"description": "the months the total column adds up"}
    )
    circles = fields.List(fields.Dict())
    figures = fields.List(fields.Nested(FigureSchema))
