"""The WSGI entry point: `flask --app wsgi ...` and any WSGI server."""

from circles import create_app

app = create_app()
