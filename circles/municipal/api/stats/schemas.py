"""Schemas for the municipal dashboard: the period asked for, and the figures' shape."""

from marshmallow import Schema, fields


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
    period = fields.String(
        allow_none=True, metadata={"description": "the one period a figure is over, if any"}
    )
    period_label = fields.String(allow_none=True)
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
