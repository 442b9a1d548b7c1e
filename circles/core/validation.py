"""Validation messages in the caller's language, naming each field as people know it.

marshmallow writes its refusals in English ("Missing data for required field.", "Length must
be between 8 and 200."). Here, in one place, each of its message templates is read back to a
catalog key with its parameters (validation.required, validation.length_between with min and
max), and written in the reader's language with the field's human name (field.<name>, else
organize.field.<name>): "Fødselsdato: skal være en dato, fx 1948-05-17.". Our own validators
raise a catalog key ("validation.postcode"). A message nobody taught us becomes the catalog's
"not valid" text, so no English slips through.
"""

import re
from collections.abc import Mapping
from functools import cache

from marshmallow import Schema, fields, validate

from circles.core.i18n import catalog, translate

# marshmallow's templates (as its classes hold them, or as they come out formatted) -> our keys.
_RANGE = validate.Range
TEMPLATES = {
    fields.Field.default_error_messages["required"]: "required",
    fields.Field.default_error_messages["null"]: "null",
    fields.Field.default_error_messages["validator_failed"]: "invalid",
    validate.NoneOf.default_message: "invalid",
    validate.Predicate.default_message: "invalid",
    validate.Equal.default_message: "invalid",
    Schema._default_error_messages["unknown"]: "unknown",
    Schema._default_error_messages["type"]: "type",
    fields.Nested.default_error_messages["type"]: "type",
    fields.Boolean.default_error_messages["invalid"]: "boolean",
    fields.Date.default_error_messages["invalid"]: "date",
    fields.Date.default_error_messages["format"]: "date",
    "Not a valid datetime.": "datetime",
    "Not a valid aware datetime.": "datetime",
    "Not a valid naive datetime.": "datetime",
    '"{input}" cannot be formatted as a datetime.': "datetime",
    "Not a valid time.": "time",
    '"{input}" cannot be formatted as a time.': "time",
    fields.Number.default_error_messages["invalid"]: "number",
    fields.Number.default_error_messages["too_large"]: "too_large",
    fields.Float.default_error_messages["special"]: "number",
    fields.Integer.default_error_messages["invalid"]: "integer",
    fields.String.default_error_messages["invalid"]: "string",
    fields.String.default_error_messages["invalid_utf8"]: "string",
    fields.Mapping.default_error_messages["invalid"]: "mapping",
    fields.List.default_error_messages["invalid"]: "list",
    fields.Tuple.default_error_messages["invalid"]: "list",
    fields.Email.default_error_messages["invalid"]: "email",
    fields.URL.default_error_messages["invalid"]: "url",
    fields.UUID.default_error_messages["invalid_uuid"]: "string",
    validate.OneOf.default_message: "one_of",
    validate.ContainsOnly.default_message: "one_of",
    validate.Regexp.default_message: "pattern",
    validate.Length.message_min: "length_min",
    validate.Length.message_max: "length_max",
    validate.Length.message_all: "length_between",
    validate.Length.message_equal: "length_equal",
    _RANGE.message_min.format(min_op=_RANGE.message_gte): "range_min",
    _RANGE.message_min.format(min_op=_RANGE.message_gt): "range_above",
    _RANGE.message_max.format(max_op=_RANGE.message_lte): "range_max",
    _RANGE.message_max.format(max_op=_RANGE.message_lt): "range_below",
    **{
        _RANGE.message_all.format(min_op=low, max_op=high): "range_between"
        for low in (_RANGE.message_gte, _RANGE.message_gt)
        for high in (_RANGE.message_lte, _RANGE.message_lt)
    },
}


def _pattern(template: str) -> re.Pattern:
    """A template such as 'Length must be between {min} and {max}.' as a regular expression."""
    parts = re.split(r"\{(\w+)(?:![rs])?\}", template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$", re.DOTALL)


# The longest first: "Must be greater than or equal to {min} and less than ..." is not range_min.
PATTERNS = [(_pattern(t), TEMPLATES[t]) for t in sorted(TEMPLATES, key=len, reverse=True)]
NOT_FIELDS = ("_schema", "json", "query", "form", "files", "headers", "cookies", "path")


def key_of(message: str) -> tuple[str, dict] | None:
    """The catalog key (and parameters) of one of marshmallow's messages, or None."""
    for pattern, key in PATTERNS:
        found = pattern.match(message)
        if found:
            return f"validation.{key}", found.groupdict()
    return None


def field_name(name: str | None, language: str) -> str:
    """A field as people know it: birth_date -> "Fødselsdato"; an unknown one as sent."""
    if not name:
        return translate("field._schema", language)
    for key in (f"field.{name}", f"organize.field.{name}"):
        if key in catalog(language):
            return translate(key, language)
    return f"»{name}«" if language == "da" else f'"{name}"'


def message_text(message: str, field: str | None, language: str) -> str:
    """One refusal in the language, naming the field."""
    human = field_name(field, language)
    if message in catalog(language) or message in catalog("en"):  # our own validators' keys
        return translate(message, language, field=human)
    if message in _texts(language):  # already written in the reader's language
        return message
    known = key_of(message)
    key, params = known if known else ("validation.invalid", {})
    return translate(key, language, field=human, **params)


def localized(messages, language: str, field: str | None = None):
    """marshmallow's (or webargs') messages, nested as they come, in the language."""
    if isinstance(messages, Mapping):
        return {
            name: localized(
                inner,
                language,
                field
                if isinstance(name, int) or str(name).isdigit() or name in NOT_FIELDS
                else name,
            )
            for name, inner in messages.items()
        }
    if isinstance(messages, list | tuple):
        return [localized(inner, language, field) for inner in messages]
    return message_text(str(messages), field, language)


def flat(messages, language: str) -> list[str]:
    """The messages in the language as one list, each naming its field (for pages and imports)."""
    found = localized(messages, language)
    texts = []

    def walk(node):
        if isinstance(node, Mapping):
            for inner in node.values():
                walk(inner)
        elif isinstance(node, list):
            for inner in node:
                walk(inner)
        else:
            texts.append(node)

    walk(found)
    return list(dict.fromkeys(texts))


@cache
def _texts(language: str) -> set[str]:
    """Every plain text of the language's catalog."""
    return {text for text in catalog(language).values() if isinstance(text, str)}
