"""Web Push subscriptions as the browser's PushSubscription.toJSON() gives them."""

import base64
import binascii

from marshmallow import Schema, ValidationError, fields, validate


def base64url_of_length(length: int, first_byte: int | None = None):
    """A validator for base64url text that decodes to length bytes (starting with first_byte)."""

    def check(value: str) -> None:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError) as error:
            raise ValidationError("validation.base64url") from error
        if len(raw) != length or (first_byte is not None and raw[0] != first_byte):
            raise ValidationError("validation.key_length")

    return check


class PushKeysSchema(Schema):
    """The browser's encryption keys for this subscription."""

    # An uncompressed P-256 point (0x04, x, y) and a 16-byte authentication secret.
    p256dh = fields.String(required=True, validate=base64url_of_length(65, first_byte=4))
    auth = fields.String(required=True, validate=base64url_of_length(16))


class PushSubscriptionSchema(Schema):
    """A browser that accepts Web Push for me; only https push services are accepted."""

    id = fields.Integer(dump_only=True)
    endpoint = fields.Url(required=True, schemes={"https"}, validate=validate.Length(max=1000))
    keys = fields.Nested(PushKeysSchema, required=True, load_only=True)
    expirationTime = fields.Raw(load_only=True, allow_none=True)  # sent by browsers; unused
    created_at = fields.DateTime(dump_only=True)


class PushKeySchema(Schema):
    """The server's public VAPID key, for PushManager.subscribe's applicationServerKey."""

    public_key = fields.String()
