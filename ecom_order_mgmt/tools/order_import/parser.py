# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parse step of an order import: a file into valid orders and errors.

:func:`parse_file` reads the file (:mod:`.reading`), finds the column of
each field with a layout (:mod:`.layout`), converts the cells of each row
(:mod:`.cells`) and groups the rows into orders (one row per order line),
checking that the fields of an order repeat alike on its rows. The result
(:class:`.result.ImportResult`) speaks of fields, never of the file's
column names.
"""
from .cells import CellError, convert_cell
from .layout import SUITE_LAYOUT
from .messages import (
    MSG_DIFFERS,
    MSG_DUPLICATE_COLUMN,
    MSG_MISSING_COLUMNS,
    MSG_NO_DATA,
    MSG_TOO_LARGE,
    MSG_TOO_MANY_ROWS,
)
from .reading import FileError, cell_text, file_extension, is_blank, read_rows, shown
from .result import ImportResult, ParsedLine, ParsedOrder
from .schema import CHECKED_HEADER_FIELDS, COLUMN_BY_KEY, DEFAULTS, KEY_FIELDS

# Converted cells remembered per field (channel, time, buyer, address, mode
# and prices repeat on many lines); each cache stops growing at this size.
_CACHE_SIZE = 2048


def _size_mb(size):
    return "%.3g" % (size / (1024.0 * 1024.0))


def parse_file(content, filename, max_bytes=20 * 1024 * 1024, max_rows=100000,
               layout=SUITE_LAYOUT):
    """Parse a CSV or XLSX order export into an :class:`ImportResult`.

    ``content`` is the file's bytes, ``filename`` gives the format by its
    extension (.csv or .xlsx), ``layout`` the names of its columns. Files
    over ``max_bytes`` or with more than ``max_rows`` data rows are refused
    with a file-level error. Never raises for bad input: every problem is an
    error in the result.
    """
    result = ImportResult(filename)
    try:
        extension = file_extension(filename)
    except FileError as exc:
        result.add_error(None, None, exc.message, exc.params)
        return result
    if len(content) > max_bytes:
        result.add_error(None, None, MSG_TOO_LARGE,
                         {"size": _size_mb(len(content)), "limit": _size_mb(max_bytes)})
        return result
    if not isinstance(content, bytes):
        content = bytes(content)
    rows = None
    try:
        result.encoding, rows = read_rows(content, extension)
        _parse_rows(rows, result, max_rows, layout)
    except FileError as exc:
        result.clear()
        result.add_error(None, None, exc.message, exc.params)
    finally:
        if rows is not None:
            rows.close()
    return result


def _parse_rows(rows, result, max_rows, layout):
    """Read header and data rows into ``result``; raises FileError."""
    indexes = None
    orders = {}  # key -> ParsedOrder, insertion order = first appearance
    caches = {}  # field key -> {raw cell: (value, error)}
    for row, cells in rows:
        if is_blank(cells):
            continue
        if indexes is None:
            result.header = [cell_text(cell) for cell in cells]
            indexes = _read_header(cells, result, layout)
            if indexes is None:
                return
            continue
        result.total_rows += 1
        if result.total_rows > max_rows:
            raise FileError(MSG_TOO_MANY_ROWS, max=max_rows)
        result.add_row(row, cells)
        values = _parse_row(row, layout.row_cells(cells, indexes), caches, result)
        if any(values[key] is None for key in KEY_FIELDS):
            # Without a valid key the row belongs to no order: reject it alone.
            result.reject_row(row)
            continue
        _add_to_order(row, values, result, orders)
    if not result.total_rows:
        raise FileError(MSG_NO_DATA)
    result.add_orders(orders.values())


def _read_header(cells, result, layout):
    """{field key: column index} of the header row, or None after recording
    the file-level errors (required fields without a column, duplicates)."""
    header = layout.map_header(cells)
    result.ignored_columns.extend(header.ignored)
    if header.missing:
        result.add_error(None, None, MSG_MISSING_COLUMNS, {
            "columns": ", ".join(COLUMN_BY_KEY[key].label for key in header.missing)})
    for key in header.duplicates:
        result.add_error(None, None, MSG_DUPLICATE_COLUMN, {"column": COLUMN_BY_KEY[key].label})
    return None if header.missing or header.duplicates else header.indexes


def _parse_row(row, raw_values, caches, result):
    """Converted values of one data row ({field key: raw cell}); its errors
    go into ``result``, a field that cannot be converted is None."""
    values = {}
    for key, raw in raw_values.items():
        col = COLUMN_BY_KEY[key]
        cache = caches.setdefault(key, {})
        cache_key = (type(raw), raw)
        try:
            value, error = cache[cache_key]
        except KeyError:
            try:
                value, error = convert_cell(col, raw), None
            except CellError as exc:
                value, error = None, exc
            if len(cache) < _CACHE_SIZE:
                cache[cache_key] = (value, error)
        values[key] = value
        if error is not None:
            result.add_error(row, key, error.message, dict(error.params, column=col.label))
    for key, default in DEFAULTS.items():
        values.setdefault(key, default)
    return values


def _comparable(field, value):
    # The same phone written "138 0013 8000" and "13800138000" is the same.
    if field == "phone":
        return "".join(char for char in value if char.isdigit())
    return value


def _add_to_order(row, values, result, orders):
    """Group the row into its order, checking the repeated header fields."""
    key = tuple(values[field] for field in KEY_FIELDS)
    order = orders.get(key)
    if order is None:
        order = orders[key] = ParsedOrder(key[0], key[1], values, row)
    else:
        for field in CHECKED_HEADER_FIELDS:
            first, value = getattr(order, field), values[field]
            if first is None or value is None:
                continue  # already reported on the row that holds it
            if _comparable(field, first) != _comparable(field, value):
                result.add_error(row, field, MSG_DIFFERS, {
                    "column": COLUMN_BY_KEY[field].label, "value": shown(value),
                    "first": order.first_row, "expected": shown(first)})
    order.rows.append(row)
    if values["product_code"] and values["quantity"] and values["unit_price"] is not None:
        order.lines.append(ParsedLine(values["product_code"], values["quantity"],
                                      values["unit_price"], row))
