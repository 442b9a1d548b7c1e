"""Email through the configured SMTP server (CIRCLES_SMTP_*); no host means no email.

A batch of emails goes through one Connection: one SMTP session for all of them, opened at
the first and opened again after a failure or a long pause, never resending a message.
"""

import smtplib
import ssl
import time
from contextlib import suppress
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

TIMEOUT_SECONDS = 20
# A connection quiet this long is asked (NOOP) whether it is still there before it is used:
# servers hang up on idle clients, and a message must never go into a dead connection.
IDLE_SECONDS = 5


def configured(config) -> bool:
    """Whether an SMTP server is set up."""
    return bool(config["CIRCLES_SMTP_HOST"])


def message(
    config, to_name: str, to_address: str, subject: str, body: str, message_id: str | None = None
) -> EmailMessage:
    """A plain-text email from the configured sender.

    message_id: the same one for every try of one delivery, so that a message sent again after
    an interruption is known by mail programs as the one they have already.
    """
    mail = EmailMessage()
    mail["From"] = config["CIRCLES_SMTP_FROM"]
    mail["To"] = Address(display_name=to_name, addr_spec=to_address)
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id or make_msgid(domain="circles")
    mail["Auto-Submitted"] = "auto-generated"  # tells mail servers not to answer it
    mail.set_content(body)
    return mail


class Connection:
    """One SMTP session for a batch of emails; use it in a with block, which closes it."""

    def __init__(self, config):
        self.config = config
        self.smtp: smtplib.SMTP | None = None
        self.used_at = 0.0

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, mail: EmailMessage) -> None:
        """Hand one email to the server; raises if it was not accepted.

        After any failure the connection is closed, so the next email starts a fresh one; the
        failed email itself is not sent again here (the caller's retries decide that).
        """
        idle = time.monotonic() - self.used_at > IDLE_SECONDS
        if self.smtp is not None and idle and not self._alive():
            self.close()
        try:
            if self.smtp is None:
                self.smtp = self._open()
            self.smtp.send_message(mail)
        except BaseException:
            self.close()
            raise
        self.used_at = time.monotonic()

    def _open(self) -> smtplib.SMTP:
        config = self.config
        smtp = smtplib.SMTP(
            config["CIRCLES_SMTP_HOST"], config["CIRCLES_SMTP_PORT"], timeout=TIMEOUT_SECONDS
        )
        try:
            if config["CIRCLES_SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["CIRCLES_SMTP_USER"]:
                smtp.login(config["CIRCLES_SMTP_USER"], config["CIRCLES_SMTP_PASSWORD"])
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _alive(self) -> bool:
        try:
            return self.smtp.noop()[0] == 250
        except (smtplib.SMTPException, OSError):
            return False

    def close(self) -> None:
        """Say goodbye and hang up; a failed goodbye changes nothing already sent."""
        if self.smtp is None:
            return
        with suppress(smtplib.SMTPException, OSError):
            self.smtp.quit()
        self.smtp.close()
        self.smtp = None


def send(config, mail: EmailMessage) -> None:
    """Hand one email to the SMTP server on a connection of its own; raises if not accepted."""
    with Connection(config) as connection:
        connection.send(mail)
