"""`flask --app wsgi circles ...`: admin accounts, demo data, and the scheduler."""

from pathlib import Path

import click
from flask.cli import AppGroup

from circles.accounts import services as accounts
from circles.accounts import sessions
from circles.db import transaction
from circles.extensions import db

circles_cli = AppGroup("circles", help="Run a Circles installation.")


@circles_cli.command("add-admin")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
@click.password_option(help="Asked for when not given.")
def add_admin(email, name, password):
    """Create an admin, or make an existing account one."""
    with transaction():
        user = accounts.find_by_email(email)
        if user is None:
            user = accounts.register(email=email, password=password, name=name, birth_date=None)
        else:
            sessions.change_password(user, password)
        user.is_admin = True
    click.echo(f"{user.email} is an admin.")


@circles_cli.command("demo")
def demo():
    """Load the demo municipality, circles and people (safe to run twice)."""
    from circles.demo.data import load_demo

    with transaction():  # all of the demo, or none of it
        lines = load_demo()
    for line in lines:
        click.echo(line)


@circles_cli.command("scheduler")
def scheduler():
    """Run the scheduled jobs (reminders, outreach, digests) until stopped."""
    import logging

    from flask import current_app

    from circles import scheduler as runner
    from circles.jobs import all_jobs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Scheduler: {', '.join(sorted(all_jobs()))}. Stop it with Ctrl-C.")
    runner.run(current_app._get_current_object())


@circles_cli.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup(destination):
    """Write a consistent snapshot of the database to DESTINATION while Circles runs."""
    from circles.ops import backup as backups

    backups.backup(db.engine, destination)
    click.echo(f"Backed up to {destination}.")


@circles_cli.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(source):
    """Load SOURCE (made by `backup`) into the configured database, which must be empty."""
    from circles.ops import backup as backups

    try:
        backups.restore(db.engine, source)
    except backups.NotEmpty as error:
        raise click.ClickException(
            f"{error} already holds tables: restore into a new, empty database."
        ) from error
    click.echo(f"Restored {source}.")
