"""Every resource of the API, mounted under /api/v1."""

from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Flask
from marshmallow import Schema

from circles.api import CirclesApi
from circles.api.arrangements.routes import blp as arrangements
from circles.api.arrangements.routes import mine as relationships
from circles.api.audit.routes import blp as audit
from circles.api.auth.routes import blp as auth
from circles.api.blocks.routes import blp as blocks
from circles.api.bookings.routes import blp as bookings
from circles.api.calls.routes import blp as calls
from circles.api.categories.routes import blp as categories
from circles.api.checkins.routes import blp as checkins
from circles.api.circles.routes import blp as circles
from circles.api.events.routes import blp as events
from circles.api.events.routes import calendar_blp as calendar
from circles.api.help_requests.routes import blp as help_requests
from circles.api.matches.routes import blp as matches
from circles.api.me.routes import blp as me
from circles.api.members.routes import blp as members
from circles.api.municipalities.routes import blp as municipalities
from circles.api.notifications.routes import blp as notifications
from circles.api.offers.routes import blp as offers
from circles.api.proposals.routes import blp as proposals
from circles.api.push.routes import blp as push
from circles.api.reports.routes import blp as reports
from circles.api.stats.routes import blp as stats

BLUEPRINTS = [
    auth,
    me,
    relationships,
    circles,
    municipalities,
    categories,
    notifications,
    help_requests,
    offers,
    matches,
    blocks,
    arrangements,
    push,
    events,
    bookings,
    proposals,
    calendar,
    checkins,
    stats,
    reports,
    members,
    audit,
    calls,
]


def schema_name(schema) -> str:
    """OpenAPI component names: the class name without 'Schema', and 'Patch' for partial ones."""
    name = resolve_schema_cls(schema).__name__.removesuffix("Schema")
    return name + "Patch" if isinstance(schema, Schema) and schema.partial else name


def register_blueprints(app: Flask) -> CirclesApi:
    """Create the Api on the app and mount each resource.

    One Api per app (not in extensions.py): its OpenAPI spec is built per app, and tests
    create many apps.
    """
    plugin = MarshmallowPlugin(schema_name_resolver=schema_name)
    api = CirclesApi(app, spec_kwargs={"marshmallow_plugin": plugin})
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix="/api/v1" + blueprint.url_prefix)
    app.extensions["circles_api"] = api
    return api
