"""Areas people can join: a circle's postcodes and polygon; how a home point was found.

Follows 0009. A circle's area was only a radius around its centre, and a member known by
postcode got the postcode's centre as home, which can lie kilometres from their street (8000's
lies in the bay). Circles gain a list of postcodes and an optional GeoJSON polygon; people
and requests gain location_source, so a postcode's centre is never taken for a home.
Existing homes equal to their postcode's centre are marked 'postcode'; other points 'address'
when an address is kept, else 'device'; requests take their requester's when at that point.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

from circles.core.geo import postcode_place

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("circles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("area_postcodes", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("area_polygon", sa.JSON(), nullable=True))
    with op.batch_alter_table("circles", schema=None) as batch_op:
        batch_op.alter_column("area_postcodes", server_default=None)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_source", sa.String(length=10), nullable=True))
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_source", sa.String(length=10), nullable=True))

    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("postcode", sa.String),
        sa.column("address", sa.String),
        sa.column("latitude", sa.Float),
        sa.column("longitude", sa.Float),
        sa.column("location_source", sa.String),
    )
    connection = op.get_bind()
    located = connection.execute(
        sa.select(users.c.id, users.c.postcode, users.c.address, users.c.latitude, users.c.longitude)
        .where(users.c.latitude.is_not(None), users.c.longitude.is_not(None))
    ).all()
    for user_id, postcode, address, latitude, longitude in located:
        centre = postcode_place(postcode) if postcode else None
        at_centre = centre is not None and (
            abs(centre.latitude - latitude) < 1e-6 and abs(centre.longitude - longitude) < 1e-6
        )
        source = "postcode" if at_centre else "address" if address else "device"
        connection.execute(
            users.update().where(users.c.id == user_id).values(location_source=source)
        )
    # A request's point is its requester's home as it was; a centre then is one now.
    requests = sa.table(
        "help_requests",
        sa.column("requester_id", sa.Integer),
        sa.column("latitude", sa.Float),
        sa.column("longitude", sa.Float),
        sa.column("location_source", sa.String),
    )
    connection.execute(
        requests.update().values(
            location_source=sa.select(users.c.location_source)
            .where(
                users.c.id == requests.c.requester_id,
                users.c.latitude == requests.c.latitude,
                users.c.longitude == requests.c.longitude,
            )
            .scalar_subquery()
        )
    )


def downgrade():
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.drop_column("location_source")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("location_source")
    with op.batch_alter_table("circles", schema=None) as batch_op:
        batch_op.drop_column("area_polygon")
        batch_op.drop_column("area_postcodes")
