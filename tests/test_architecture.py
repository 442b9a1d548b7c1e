"""The package's shape (README, Architecture): no import cycles, and each part imports only what
it may. Every import counts, those inside functions too: hiding one there does not break a cycle."""

import ast
import re
from pathlib import Path

from circles.config import PACKAGE_DIR

# Shared by every part: settings, extension objects, the transaction boundary, the job registry.
BASE = {"circles.config", "circles.extensions", "circles.db", "circles.jobs"}
DOMAINS = sorted(p.parent.name for p in PACKAGE_DIR.glob("*/__init__.py"))


def module_name(path: Path, root: Path) -> str:
    """circles/help/jobs.py as circles.help.jobs, a package as its folder's name."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.AST, modules: set[str]) -> set[str]:
    """The package's modules one import statement brings in (a name imported from a package
    counts as its module when it is one)."""
    found = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            while name and name not in modules:
                name = name.rpartition(".")[0]
            found.add(name)
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
            inner = f"{node.module}.{alias.name}"
            found.add(inner if inner in modules else node.module)
    return found & modules


def import_graph(root: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """Each module of the package, and the package's modules it imports anywhere in its code."""
    paths = {module_name(p, root): p for p in root.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = set().union(*(imported(n, modules) for n in ast.walk(tree))) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other round a cycle (Tarjan's components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def edges(graph: dict[str, set[str]]):
    """Every import as (importer, imported)."""
    return sorted((a, b) for a, targets in graph.items() for b in targets)


def domain_of(module: str) -> str | None:
    """circles.help.jobs is in help; circles.cli is no domain's."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in DOMAINS else None


def named_domains(domain: str) -> set[str]:
    """The domains a domain's docstring says it imports: "Imports: core, accounts (why)."."""
    doc = ast.get_docstring(ast.parse((PACKAGE_DIR / domain / "__init__.py").read_text())) or ""
    assert "Imports:" in doc, f"circles/{domain}/__init__.py must name the domains it imports"
    names = re.sub(r"\([^)]*\)", "", doc.split("Imports:", 1)[1])  # the reasons in brackets
    return set(re.findall(r"[a-z]+", names)) & set(DOMAINS)


GRAPH = import_graph()


def test_no_modules_import_each_other_round_a_cycle():
    assert cycles(GRAPH) == []


def test_a_cycle_hidden_inside_a_function_is_still_found(tmp_path):
    package = tmp_path / "circles"
    (package / "events").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "events" / "__init__.py").write_text("")
    (package / "events" / "events.py").write_text(
        "def update():\n    from circles.events import bookings\n"
    )
    (package / "events" / "bookings.py").write_text("from circles.events.events import update\n")
    assert cycles(import_graph(package)) == [["circles.events.bookings", "circles.events.events"]]


def test_core_imports_no_domain():
    wrong = [(a, b) for a, b in edges(GRAPH) if domain_of(a) == "core" and domain_of(b) != "core"]
    assert [(a, b) for a, b in wrong if b not in BASE] == []


def test_domains_import_neither_the_app_nor_its_assembly():
    # The app factory, blueprints, cli and scheduler put the domains together, not the reverse.
    wrong = [(a, b) for a, b in edges(GRAPH) if domain_of(a) and not domain_of(b) and b not in BASE]
    assert wrong == []


def test_pages_never_import_the_api():
    pages = ("circles.organizing.pages", "circles.municipal.pages")
    wrong = [(a, b) for a, b in edges(GRAPH) if a.startswith(pages) and ".api." in f"{b}."]
    assert wrong == []


def test_api_routes_never_import_other_routes():
    wrong = [(a, b) for a, b in edges(GRAPH) if a.endswith(".routes") and b.endswith(".routes")]
    assert wrong == []


def test_each_domain_imports_only_the_domains_its_docstring_names():
    wrong = []
    for a, b in edges(GRAPH):
        mine, theirs = domain_of(a), domain_of(b)
        if mine and theirs and mine != theirs and theirs not in named_domains(mine):
            wrong.append(f"{a} -> {b}")
    assert wrong == []


def test_each_domain_names_only_domains_it_imports():
    # A stale docstring would allow an import nobody decided on.
    for domain in DOMAINS:
        used = {domain_of(b) for a, b in edges(GRAPH) if domain_of(a) == domain} - {domain, None}
        assert named_domains(domain) == used, domain
