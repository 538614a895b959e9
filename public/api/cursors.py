"""Opaque cursors: the position after a list's last row, for that list."""

import base64
import binascii
import json
from datetime import UTC, datetime


class BadCursor(ValueError):
    pass


#: The largest id a database column holds.
MAX_ID = 2**63 - 1


def encode(kind, *values):
    """An opaque cursor for the position after a row (its sort values), for
    the list named `kind` only."""
    raw = [kind, *(v.isoformat() if isinstance(v, datetime) else v for v in values)]
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


def decode(cursor, kind, *types):
    """The sort values a cursor of the `kind` list holds, each converted by
    `types`; BadCursor for anything this API did not hand out."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(
            base64.urlsafe_b64decode(padded.encode()),
            parse_constant=_no_constant,
        )
        if not isinstance(values, list) or values[:1] != [kind]:
            raise BadCursor
        values = values[1:]
        if len(values) != len(types):
            raise BadCursor
        return [convert(value) for convert, value in zip(types, values, strict=True)]
    except (
        ValueError,
        TypeError,
        OverflowError,
        RecursionError,  # "[[[[…": json nests no deeper than the stack
        binascii.Error,
        UnicodeError,
    ) as error:
        raise BadCursor("This cursor is not one the API gave.") from error


def _no_constant(name):
    raise ValueError(f"{name} is not a position")


def row_id(value):
    """A row's id, as the database holds one."""
    if type(value) is not int or not 0 < value <= MAX_ID:
        raise ValueError("not an id")
    return value


def text(value):
    if not isinstance(value, str):
        raise ValueError("not text")
    return value


def aware_datetime(value):
    at = datetime.fromisoformat(text(value))
    if at.tzinfo is None:
        raise ValueError("naive")
    return at.astimezone(UTC)  # out of range for the database: OverflowError


def next_link(request, cursor):
    """The absolute address of the next page: the same query, a new cursor."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
