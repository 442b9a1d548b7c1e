"""How many rows the database reads for a query: for tests that hold a list to an index."""

import json

from sqlalchemy import text

from circles.extensions import db


def rows_read_for(query, table: str) -> tuple[int, list[str]]:
    """How many rows of table the database reads to answer the query, and the plan's lines.

    PostgreSQL: the rows its scans of the table return or throw away (EXPLAIN ANALYZE), after
    ANALYZE of every table, as a real database keeps statistics. SQLite says no counts: a scan
    of the whole table without an index ("SCAN table") means it read every row, counted as -1.
    """
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        plan = [row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
        return (-1 if any(line.split() == ["SCAN", table] for line in plan) else 0), plan
    db.session.execute(text("ANALYZE"))
    plan = db.session.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")).scalar()[0]["Plan"]
    read, nodes = 0, [plan]
    while nodes:
        node = nodes.pop()
        if "Scan" in node["Node Type"] and node.get("Relation Name") == table:
            read += node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
        nodes += node.get("Plans", [])
    return read, [json.dumps(plan)]
