"""Lists paged in the database: a count() and one page of rows, whatever the list's length."""

from sqlalchemy import Select, func, select

from circles.extensions import db


def count(query: Select) -> int:
    """How many rows the query gives, counted by the database."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def first(query: Select, limit: int) -> list:
    """The first rows of an ordered query, for pages that show only the top of a list."""
    return list(db.session.scalars(query.limit(limit)))


def paginate(pagination_parameters, items: Select | list) -> list:
    """One page of an ordered Select (or of a list computed in Python); the total goes into
    the X-Pagination header.

    A Select is cut by LIMIT/OFFSET and counted by SQL, so the cost does not grow with the
    list. A list is for what only Python can order (ranked helpers, the occurrences of a
    series); its producer must keep it bounded.
    """
    size, start = pagination_parameters.page_size, pagination_parameters.first_item
    if isinstance(items, list):
        pagination_parameters.item_count = len(items)
        return items[start : start + size]
    rows = list(db.session.scalars(items.limit(size).offset(start)))
    # A first page that is not full is the whole list: no need to count it.
    whole = start == 0 and len(rows) < size
    pagination_parameters.item_count = len(rows) if whole else count(items)
    return rows
