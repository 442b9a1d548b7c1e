"""Every refusal of a field reads in the caller's language and names the field as people know it."""

import re

import pytest

from circles.core.validation import TEMPLATES, key_of, localized
from tests.factories import add_member, make_admin, make_circle

# Words marshmallow's (and webargs') English is made of, and no Danish text of ours uses.
ENGLISH = re.compile(
    r"\b(must|not|valid|field|required|invalid|length|missing|unknown|between|shorter|longer|"
    r"greater|less|string|integer|number|null|pattern|choices|type)\b",
    re.IGNORECASE,
)
# Values that break every kind of rule: wrong types, empty, too long, too big, far too small.
BAD_VALUES = [{"nested": 1}, "", "x" * 20_000, 10**40, -(10**9), "80O0", [1, "to"], None, True]


def request_fields(spec: dict) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(method, path) -> {"json": body fields, "query": query fields} of every operation."""
    schemas = spec["components"]["schemas"]

    def resolve(schema):
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    found = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            body = operation.get("requestBody", {}).get("content", {})
            json_schema = resolve(body.get("application/json", {}).get("schema", {}))
            query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            if json_schema.get("properties") or query:
                found[(method.upper(), path)] = {
                    "json": set(json_schema.get("properties", {})),
                    "query": query,
                }
    return found


def messages_of(errors) -> list[tuple[str, str]]:
    """(field, message) of an error body's errors, however nested."""
    found = []

    def walk(node, field):
        if isinstance(node, dict):
            for name, inner in node.items():
                walk(inner, field if str(name).isdigit() else name)
        elif isinstance(node, list):
            for inner in node:
                walk(inner, field)
        else:
            found.append((field, node))

    walk(errors, None)
    return found


@pytest.fixture
def danish_admin(app, ctx, make_client):
    """Ada, administrator and organizer of a circle, who reads Danish."""
    circle = make_circle()
    ada = make_admin(language="da")
    add_member(ada, circle, role="organizer")
    return make_client(ada), circle


def test_every_field_of_every_operation_is_refused_in_danish_with_its_human_name(app, danish_admin):
    client, circle = danish_admin
    spec = client.get("/api/openapi.json").get_json()
    operations = request_fields(spec)
    assert len(operations) > 30
    english, raw_names, reached, messages = [], [], set(), 0
    for (method, path), wanted in operations.items():
        url = re.sub(r"\{[^}]+\}", str(circle.id), path)
        bodies = [{"not_a_field": 1}, {}]
        bodies += [{name: bad for name in wanted["json"]} for bad in BAD_VALUES]
        queries = [{name: bad for name in wanted["query"]} for bad in BAD_VALUES if bad]
        tries = [(body, None) for body in bodies if wanted["json"]]
        tries += [(None, query) for query in queries if wanted["query"]]
        for body, query in tries:
            response = client.open(url, method=method, json=body, query_string=query)
            if response.status_code != 422:
                continue
            errors = response.get_json()["errors"]
            for field, message in messages_of(errors):
                messages += 1
                reached.add((method, path, field))
                if ENGLISH.search(message) or key_of(message):
                    english.append((method, path, field, message))
                if field and "_" in field and field in message and field != "not_a_field":
                    raw_names.append((method, path, field, message))
    assert english == []
    assert raw_names == []
    wanted_fields = {
        (method, path, field)
        for (method, path), wanted in operations.items()
        for field in wanted["json"] | wanted["query"]
    }
    # Nearly every field was refused at least once (some accept anything a client may send).
    print(f"refused in Danish: {len(reached & wanted_fields)} of {len(wanted_fields)} fields,")
    print(f"{len(operations)} operations, {messages} messages, none in English")
    assert len(reached & wanted_fields) > 0.9 * len(wanted_fields), (
        len(reached & wanted_fields),
        len(wanted_fields),
    )


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_each_of_marshmallows_messages_has_a_text_in_both_languages(template, ctx):
    example = template.replace("{input}", "x").replace("{input!r}", "'x'")
    example = re.sub(r"\{\w+\}", "8", example)
    for language in ("da", "en"):
        (text,) = localized({"birth_date": [example]}, language)["birth_date"]
        assert text != example
        assert ("Fødselsdato" if language == "da" else "Birth date") in text
    (danish,) = localized({"birth_date": [example]}, "da")["birth_date"]
    assert not ENGLISH.search(danish), danish


def test_a_new_member_who_writes_a_bad_postcode_and_birth_date_reads_danish(app, ctx):
    client = app.test_client()
    body = {"x": 1, "password": "kort", "birth_date": "17-05-1948", "postcode": "80O0"}
    response = client.post("/api/v1/auth/register", json=body, headers={"Accept-Language": "da"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert errors["birth_date"] == ["Fødselsdato: skal være en dato, fx 1948-05-17."]
    assert errors["postcode"] == ["Postnummer: skal være fire cifre, fx 8000."]
    assert errors["password"] == ["Adgangskode: skal være mellem 8 og 200 tegn."]
    assert errors["name"] == ["Navn: skal udfyldes."]
    assert errors["x"] == ["»x«: dette felt kender vi ikke."]


def test_an_english_caller_reads_english_with_human_names(app, ctx):
    client = app.test_client()
    body = {"birth_date": "17-05-1948", "postcode": "80O0"}
    response = client.post("/api/v1/auth/register", json=body, headers={"Accept-Language": "en"})
    errors = response.get_json()["errors"]["json"]
    assert errors["birth_date"] == ["Birth date: must be a date, e.g. 1948-05-17."]
    assert errors["postcode"] == ["Postcode: must be four digits, e.g. 8000."]
    assert errors["email"] == ["Email: please fill this in."]


def test_unknown_pages_and_wrong_methods_answer_in_danish(app, ctx):
    client = app.test_client()
    danish = {"Accept-Language": "da"}
    missing = client.get("/api/v1/nowhere", headers=danish).get_json()
    assert missing["key"] == "error.not_found" and not ENGLISH.search(missing["message"])
    wrong = client.delete("/api/v1/auth/register", headers=danish).get_json()
    assert wrong["key"] == "error.method_not_allowed" and not ENGLISH.search(wrong["message"])
