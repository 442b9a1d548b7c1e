"""Every resource of the API, mounted under /api/v1."""

from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Flask
from marshmallow import Schema

from circles.accounts.api.auth.routes import blp as auth
from circles.accounts.api.me.routes import blp as me
from circles.accounts.api.recovery.routes import blp as recovery
from circles.accounts.api.relatives.routes import blp as relatives
from circles.accounts.api.sessions.routes import blp as my_sessions
from circles.accounts.api.two_factor.routes import blp as two_factor
from circles.core.api import CirclesApi
from circles.core.openapi import document_refusals
from circles.events.api.bookings.routes import blp as bookings
from circles.events.api.events.routes import blp as events
from circles.events.api.events.routes import calendar_blp as calendar
from circles.events.api.proposals.routes import blp as proposals
from circles.help.api.arrangements.routes import blp as arrangements
from circles.help.api.arrangements.routes import mine as relationships
from circles.help.api.blocks.routes import blp as blocks
from circles.help.api.categories.routes import blp as categories
from circles.help.api.matches.routes import blp as matches
from circles.help.api.messages.routes import blp as messages
from circles.help.api.offers.routes import blp as offers
from circles.help.api.requests.routes import blp as help_requests
from circles.help.api.sms.routes import blp as sms_inbound
from circles.membership.api.circles.routes import blp as circles
from circles.municipal.api.checkins.routes import blp as checkins
from circles.municipal.api.municipalities.routes import blp as municipalities
from circles.municipal.api.stats.routes import blp as stats
from circles.notify.api.notifications.routes import blp as notifications
from circles.notify.api.push.routes import blp as push
from circles.notify.api.sms.routes import blp as sms_receipts
from circles.organizing.api.audit.routes import blp as audit
from circles.organizing.api.calls.routes import blp as calls
from circles.organizing.api.figures.routes import blp as circle_figures
from circles.organizing.api.member_data.routes import blp as member_data
from circles.organizing.api.members.routes import blp as members
from circles.organizing.api.reports.routes import blp as reports

BLUEPRINTS = [
    auth,
    recovery,
    me,
    my_sessions,
    two_factor,
    relatives,
    relationships,
    circles,
    municipalities,
    categories,
    notifications,
    help_requests,
    offers,
    matches,
    messages,
    blocks,
    arrangements,
    push,
    sms_receipts,
    sms_inbound,
    events,
    bookings,
    proposals,
    calendar,
    checkins,
    stats,
    reports,
    members,
    member_data,
    audit,
    calls,
    circle_figures,
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
    document_refusals(api)
    app.extensions["circles_api"] = api
    return api
