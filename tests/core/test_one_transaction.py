"""Only the request or job boundary commits: no service, view or page commits on its own."""

import ast
from pathlib import Path

import circles

PACKAGE = Path(circles.__file__).parent
# The one place that commits: the request boundary, and transaction() for jobs and the CLI.
ALLOWED = {PACKAGE / "db.py"}


def commits_in(path: Path) -> list[int]:
    """The lines of each `.commit` in the module, called or passed on."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "commit"]


def test_nothing_but_the_boundary_commits():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in ALLOWED
        for line in commits_in(path)
    ]
    assert found == [], "commit at the boundary (circles/db.py), not in: " + ", ".join(found)


def test_the_check_sees_a_commit_where_there_is_one(tmp_path):
    service = tmp_path / "service.py"
    service.write_text("def save(db, outer):\n    db.session.commit()\n    outer.commit()\n")
    assert commits_in(service) == [2, 3]
    assert commits_in(PACKAGE / "db.py") != []


def own_transactions_in(path: Path) -> list[int]:
    """The lines that open a transaction beside the request's (`engine.begin()`/`.connect()`)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and n.attr in ("begin", "connect")
        and isinstance(n.value, ast.Attribute)
        and n.value.attr == "engine"
    ]


def test_no_service_opens_a_transaction_of_its_own():
    # A refusal that must still be kept (a wrong sign-in code counts as a try) asks the boundary
    # with db.commit_despite_refusal() instead of writing through a connection of its own.
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in ALLOWED
        for line in own_transactions_in(path)
    ]
    assert found == []


def test_only_the_sign_in_code_keeps_a_refused_requests_work():
    callers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if path not in ALLOWED and "commit_despite_refusal" in path.read_text()
    )
    assert callers == ["circles/accounts/sms_codes.py"]


def test_the_check_sees_a_transaction_of_its_own(tmp_path):
    service = tmp_path / "service.py"
    service.write_text("def count(db):\n    with db.engine.begin() as c:\n        pass\n")
    assert own_transactions_in(service) == [2]
