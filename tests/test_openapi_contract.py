"""The OpenAPI document tells the truth: schemathesis calls every operation as anyone, a member
and an organizer, and every answer must be documented, valid against its schema, and never a 500."""

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from circles.accounts import services as accounts
from circles.extensions import db
from tests.factories import make_circle, make_member

# A bounded number of generated cases per operation keeps each run near a minute.
CASES_PER_OPERATION = 3


@pytest.fixture
def api_schema(app):
    """The served document, loaded through the WSGI app itself."""
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


def bearer(role: str) -> dict:
    """Headers for a member or an organizer of a circle in Aarhus (a bearer token, no cookies)."""
    person = make_member(make_circle(name="Trøjborg"), role=role, name="Karen Jensen")
    _, token = accounts.issue_token(person, "contract test")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def member(ctx):
    return bearer("member")


@pytest.fixture
def organizer(ctx):
    return bearer("organizer")


# Left out, and why: positive_data_acceptance expects every schema-valid request to succeed,
# but the domain refuses more than a schema can say (a well-formed postcode no town has, a
# card code that was never printed); ignored_auth swaps the credentials of a call whose
# bearer token we set ourselves, so for signed-in callers it would test our own header.
# Anonymous calls keep ignored_auth: there it proves protected operations refuse nobody.
EXCLUDED = [checks.positive_data_acceptance]
SIGNED_IN_EXCLUDED = [*EXCLUDED, checks.ignored_auth]


# Cases run per caller and database, printed at the end (pytest -s) for the record.
CASES = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_case_counts():
    yield
    for (database, role), count in sorted(CASES.items()):
        print(f"schemathesis cases: {database} {role}: {count}")


def call(app, case, role: str, headers: dict, excluded: list) -> None:
    """One generated call in its own app context, as in production (no user cached in g)."""
    database = db.engine.dialect.name
    with app.app_context():
        CASES[(database, role)] += 1
        # The WSGI transport hands back the body as sent, compressed or not, and does not decode
        # it: ask for it plain. Compression has its own tests (tests/test_delivery.py).
        plain = {"Accept-Encoding": "identity", **headers}
        case.call_and_validate(headers=plain, excluded_checks=excluded)


BOUNDED = settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@BOUNDED
def test_every_operation_keeps_to_the_document_for_anyone(case, app, ctx):
    call(app, case, "anyone", {}, EXCLUDED)


@schema.parametrize()
@BOUNDED
def test_every_operation_keeps_to_the_document_for_a_member(case, app, member):
    call(app, case, "member", member, SIGNED_IN_EXCLUDED)


@schema.parametrize()
@BOUNDED
def test_every_operation_keeps_to_the_document_for_an_organizer(case, app, organizer):
    call(app, case, "organizer", organizer, SIGNED_IN_EXCLUDED)
