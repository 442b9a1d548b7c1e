"""`flask --app wsgi circles ...`: admin accounts, demo data, and the scheduler."""

import click
from flask.cli import AppGroup

from circles.accounts import services as accounts
from circles.db import transaction

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
            accounts.set_password(user, password)
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
