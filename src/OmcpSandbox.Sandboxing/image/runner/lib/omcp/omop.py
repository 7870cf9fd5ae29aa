"""Read-only access to the OMOP CDM tables from sandboxed code.

Each call sends a request to the host through the runner's channel. The host checks it, runs it as a read-only
database role and returns at most the row limit. Example::

    from omcp import omop
    df = omop.sql("SELECT gender_concept_id, count(*) AS n FROM person GROUP BY 1", limit=100)
    people = omop.table("person", limit=10, columns=["person_id", "year_of_birth"], filters={"gender_concept_id": 8532})

Errors from the host (an invalid table, a rejected statement, a timeout) raise RuntimeError with the host's message.
"""

import _omcp_channel
import pandas

__all__ = ["sql", "table", "tables"]


def _call(method, params):
    return _omcp_channel.call_host(method, params)


def _frame(result):
    frame = pandas.DataFrame(result.get("rows") or [], columns=result.get("columns") or [])
    # Whether the host cut the result at the limit, and the id it logged the query under.
    frame.attrs["truncated"] = bool(result.get("truncated", False))
    frame.attrs["query_id"] = result.get("query_id")
    return frame


def sql(query, limit=100):
    """Run one SELECT or WITH ... SELECT statement over the OMOP tables and return the rows as a DataFrame.

    ``limit`` caps the rows returned; the host clamps it to its own maximum. ``df.attrs["truncated"]`` is true when
    more rows matched.
    """
    if not isinstance(query, str):
        raise TypeError("query must be a string of SQL")
    return _frame(_call("omop.sql", {"sql": query, "limit": int(limit)}))


def table(table_name, limit=100, columns=None, filters=None):
    """Return rows of one OMOP table as a DataFrame.

    ``columns`` is a list of column names (all visible columns when omitted). ``filters`` maps a column to a value
    (equality), a list of values (IN) or None (IS NULL).
    """
    params = {
        "table_name": table_name,
        "limit": int(limit),
        "columns": list(columns) if columns is not None else None,
        "filters": dict(filters) if filters is not None else None,
    }
    return _frame(_call("omop.table", params))


def tables():
    """Return the names of the OMOP tables the sandbox may query."""
    result = _call("omop.tables", {})
    if isinstance(result, dict):
        result = result.get("tables", [])
    return [entry["name"] if isinstance(entry, dict) else entry for entry in result]
