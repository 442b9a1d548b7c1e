"""Lists paged in the database: a count() and one page of rows, whatever the list's length."""

from functools import lru_cache

from sqlalchemy import Integer, Select, bindparam, func, select
from sqlalchemy.types import TypeEngine

from circles.db import read_columns
from circles.extensions import db

PAGE_SIZE = bindparam("page_size", type_=Integer)
PAGE_START = bindparam("page_start", type_=Integer)


def count(query: Select, params: dict | None = None) -> int:
    """How many rows the query gives, counted by the database."""
    return read_columns(_counted(query), params).scalar()


def first(query: Select, limit: int) -> list:
    """The first rows of an ordered query, for pages that show only the top of a list."""
    return list(db.session.scalars(query.limit(limit)))


def paginate(pagination_parameters, items: Select | list, params: dict | None = None) -> list:
    """One page of an ordered Select (or of a list computed in Python); the total goes into
    the X-Pagination header. A Select of one thing gives those things, of several rows;
    columns only are read as plain rows, without the ORM's steps for each.

    A Select is cut by LIMIT/OFFSET and counted by SQL, so the cost does not grow with the
    list. A list is for what only Python can order (ranked helpers, the occurrences of a
    series); its producer must keep it bounded. A Select built once with bound parameters
    (params: their values) is paged and counted by statements built once too: building a
    statement, and the key SQLAlchemy caches its SQL under, cost more than running it.
    """
    size, start = pagination_parameters.page_size, pagination_parameters.first_item
    if isinstance(items, list):
        pagination_parameters.item_count = len(items)
        return items[start : start + size]
    paging = {**(params or {}), "page_size": size, "page_start": start}
    page, columns_only, one_thing = _paged(items)
    found = (read_columns if columns_only else db.session.execute)(page, paging)
    rows = list(found.scalars() if one_thing else found)
    # A first page that is not full is the whole list: no need to count it.
    whole = start == 0 and len(rows) < size
    pagination_parameters.item_count = len(rows) if whole else count(items, params)
    return rows


@lru_cache(maxsize=64)
def _paged(query: Select) -> tuple[Select, bool, bool]:
    """The query cut to a page; whether it selects columns only (read as plain rows, without
    the ORM's steps for each); and whether it selects one thing (its rows are those things)."""
    described = query.column_descriptions
    columns_only = all(isinstance(column["type"], TypeEngine) for column in described)
    return query.limit(PAGE_SIZE).offset(PAGE_START), columns_only, len(described) == 1


@lru_cache(maxsize=64)
def _counted(query: Select) -> Select:
    return select(func.count()).select_from(query.order_by(None).subquery())
