"""Every resource of the API, mounted under /api/v1."""

from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Flask
from marshmallow import Schema

from circles.api import CirclesApi
from circles.api.auth.routes import blp as auth
from circles.api.categories.routes import blp as categories
from circles.api.checkins.routes import blp as checkins
from circles.api.circles.routes import blp as circles
from circles.api.me.routes import blp as me
from circles.api.municipalities.routes import blp as municipalities
from circles.api.notifications.routes import blp as notifications
from circles.api.stats.routes import blp as stats

BLUEPRINTS = [auth, me, circles, municipalities, categories, notifications, checkins, stats]


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
