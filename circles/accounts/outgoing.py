"""Account messages (reset and confirmation links, sign-in codes) sent off the request thread.

Sending takes seconds when there is someone to send to and none when there is not; sent in
the background, every answer takes as long, so timing does not tell who has an account.
"""

import logging
import threading

from flask import current_app

from circles.notify import mail, sms

log = logging.getLogger(__name__)

# The settings the senders read; copied, so the thread needs no app context.
SETTINGS = ("CIRCLES_SMTP_", "CIRCLES_SMS_")


def _settings() -> dict:
    config = current_app.config
    return {key: value for key, value in config.items() if key.startswith(SETTINGS)}


def _in_background(what: str, send, *args) -> threading.Thread:
    def run():
        try:
            send(*args)
        except Exception as error:  # nobody waits for the answer: the log is where it shows
            log.warning("sending %s failed: %s", what, error.__class__.__name__)

    thread = threading.Thread(target=run, name=f"send-{what}", daemon=True)
    thread.start()
    return thread


def email(to_name: str, to_address: str, subject: str, body: str) -> threading.Thread | None:
    """Send an email soon; None (and a warning) when no SMTP server is set up."""
    config = _settings()
    if not mail.configured(config):
        log.warning("no SMTP server is set up: an account email was not sent")
        return None
    message = mail.message(config, to_name, to_address, subject, body)
    return _in_background("email", mail.send, config, message)


def text(to_e164: str, words: str) -> threading.Thread | None:
    """Send an SMS soon; None (and a warning) when no SMS provider is set up."""
    config = _settings()
    if not sms.configured(config):
        log.warning("no SMS provider is set up: a sign-in code was not sent")
        return None
    return _in_background("sms", sms.send, config, to_e164, words)
