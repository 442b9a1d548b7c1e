"""Email through the configured SMTP server (CIRCLES_SMTP_*); no host means no email."""

import smtplib
import ssl
from contextlib import suppress
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def configured(config) -> bool:
    """Whether an SMTP server is set up."""
    return bool(config["CIRCLES_SMTP_HOST"])


def message(config, to_name: str, to_address: str, subject: str, body: str) -> EmailMessage:
    """A plain-text email from the configured sender."""
    mail = EmailMessage()
    mail["From"] = config["CIRCLES_SMTP_FROM"]
    mail["To"] = Address(display_name=to_name, addr_spec=to_address)
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain="circles")
    mail["Auto-Submitted"] = "auto-generated"  # tells mail servers not to answer it
    mail.set_content(body)
    return mail


def send(config, mail: EmailMessage) -> None:
    """Hand the email to the SMTP server; raises if it was not accepted."""
    smtp = smtplib.SMTP(config["CIRCLES_SMTP_HOST"], config["CIRCLES_SMTP_PORT"], timeout=20)
    try:
        if config["CIRCLES_SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["CIRCLES_SMTP_USER"]:
            smtp.login(config["CIRCLES_SMTP_USER"], config["CIRCLES_SMTP_PASSWORD"])
        smtp.send_message(mail)
    finally:
        # Once the server has the message, a failed goodbye must not make us send it again.
        with suppress(smtplib.SMTPException, OSError):
            smtp.quit()
