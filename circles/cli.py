"""`flask --app wsgi circles ...`: admin accounts, demo data, and the scheduler."""

import click
from flask.cli import AppGroup

from circles.accounts import services as accounts
from circles.accounts import sessions
from circles.extensions import db

circles_cli = AppGroup("circles", help="Run a Circles installation.")


@circles_cli.command("add-admin")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
@click.password_option(help="Asked for when not given.")
def add_admin(email, name, password):
    """Create an admin, or make an existing account one."""
    user = accounts.find_by_email(email)
    if user is None:
        user = accounts.register(email=email, password=password, name=name, birth_date=None)
    else:
        sessions.change_password(user, password)
    user.is_admin = True
    db.session.commit()
    click.echo(f"{user.email} is an admin.")


@circles_cli.command("demo")
def demo():
    """Load the demo municipality, circles and people (safe to run twice)."""
    from circles.demo.data import load_demo

    for line in load_demo():
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
