# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parse step of an order import: a file into valid orders and errors.

:func:`parse_file` reads the file (:mod:`.reading`), finds the column of
each field with a layout (:mod:`.layout`), converts the cells of each row
(:mod:`.cells`) and groups the rows into orders (one row per order line),
checking that the fields of an order repeat alike on its rows. The result
(:class:`.result.ImportResult`) speaks of fields, never of the file's
column names.

:func:`parse_upload` does the same for what a user uploads: one file, a
.zip, or the two reports of a Tmall/Taobao pair; the layout of each file is
recognised from its header among the given layouts (import profiles), and
a platform's orders are then completed by :mod:`.platform` (status,
address, amounts, the item report joined to the order report).
"""
from . import bundle, platform
from .cells import CellError, convert_cell
from .layout import SUITE_LAYOUT
from .messages import (
    MSG_DIFFERS,
    MSG_DUPLICATE_COLUMN,
    MSG_MISSING_COLUMNS,
    MSG_MIXED_LAYOUTS,
    MSG_NEEDS_ITEMS,
    MSG_NEEDS_ORDERS,
    MSG_NO_DATA,
    MSG_NOT_A_PAIR,
    MSG_TOO_LARGE,
    MSG_TOO_MANY_ROWS,
)
from .reading import FileError, cell_text, file_extension, is_blank, read_rows, shown
from .result import ITEM_ROWS, ImportResult, ParsedOrder, Part
from .schema import (
    CHECKED_HEADER_FIELDS,
    COLUMN_BY_KEY,
    DEFAULTS,
    KEY_FIELDS,
    PLATFORM_CHECKED_FIELDS,
    PLATFORM_DEFAULTS,
)
from .signature import ITEMS, ORDERS, header_of, recognise

# Converted cells remembered per field (channel, time, buyer, address, mode
# and prices repeat on many lines); each cache stops growing at this size.
_CACHE_SIZE = 2048
# Cells a platform's row may leave empty: an address it cannot split is
# kept for CS to check, a product without merchant code is found by the
# SKU map, the payment mode is the platform's.
_LENIENT_ON_PLATFORMS = ("province", "city", "district", "street", "product_code",
                         "payment_mode")
_PLATFORM_DEFAULTS = dict(DEFAULTS, **PLATFORM_DEFAULTS)


def _size_mb(size):
    return "%.3g" % (size / (1024.0 * 1024.0))


class _Sheet(object):
    """One file being read: its rows, header, layout and role in a pair."""

    def __init__(self, filename, content):
        self.filename = filename
        self.encoding, self.rows = read_rows(content, file_extension(filename))
        self.header = self.header_row = None
        for row, cells in self.rows:
            if not is_blank(cells):
                self.header, self.header_row = cells, row
                break
        self.layout = self.role = None

    def close(self):
        self.rows.close()


class _Reading(object):
    """What the reading of one file needs besides its rows."""

    def __init__(self, result, layout, max_rows, others, channel_code, offset=0):
        self.result = result
        self.layout = layout
        self.max_rows = max_rows
        self.others = others  # layouts whose header must not appear in the rows
        self.channel_code = channel_code
        self.offset = offset  # row numbers of the item report of a pair
        self.caches = {}  # field key -> {raw cell: (value, error)}
        self.shops = set()  # the shops the rows name
        self.platform = layout.rules is not None
        self.defaults = _PLATFORM_DEFAULTS if self.platform else DEFAULTS
        self.required = {key: COLUMN_BY_KEY[key].required and not (
            self.platform and key in _LENIENT_ON_PLATFORMS) for key in COLUMN_BY_KEY}
        if self.platform:
            self.required["paid_amount"] = True
        self.checked = CHECKED_HEADER_FIELDS + (
            PLATFORM_CHECKED_FIELDS + ("status", "after_sale_status", "shop")
            if self.platform else ())


def parse_file(content, filename, max_bytes=20 * 1024 * 1024, max_rows=100000,
               layout=SUITE_LAYOUT, layouts=None, channel_code=None):
    """Parse a CSV or XLSX order export into an :class:`ImportResult`.

    ``content`` is the file's bytes, ``filename`` gives the format by its
    extension (.csv or .xlsx), ``layout`` the names of its columns; with
    ``layouts``, the layout is the one of them whose signature the header
    has (else ``layout``). ``channel_code`` is the channel of the rows of a
    file without channel column (a platform's export). Files over
    ``max_bytes`` or with more than ``max_rows`` data rows are refused with
    a file-level error. Never raises for bad input: every problem is an
    error in the result.
    """
    result = ImportResult(filename)
    try:
        file_extension(filename)
    except FileError as exc:
        result.add_error(None, None, exc.message, exc.params)
        return result
    if len(content) > max_bytes:
        result.add_error(None, None, MSG_TOO_LARGE,
                         {"size": _size_mb(len(content)), "limit": _size_mb(max_bytes)})
        return result
    return _parse([(filename, content)], result, max_rows, layout, layouts, channel_code)


def parse_upload(files, max_bytes=20 * 1024 * 1024, max_rows=100000, layout=SUITE_LAYOUT,
                 layouts=None, channel_code=None, forced=None):
    """Parse an upload into an :class:`ImportResult`: ``files`` is
    ``[(filename, bytes)]``, one file, one .zip of one or two files, or the
    order report and the item report of a pair (in any order).

    ``forced`` is the layout to read the files with (the user chose it),
    else each file's layout is recognised among ``layouts`` by its header;
    other arguments as :func:`parse_file`. Never raises for bad input.
    """
    result = ImportResult(files[0][0] if files else None)
    try:
        if len(files) == 1 and bundle.is_zip(files[0][0]):
            files = bundle.unpack(bytes(files[0][1]), max_bytes)
            result.filename = files[0][0]
        for name, _content in files:
            file_extension(name)
        size = sum(len(content) for _name, content in files)
        if size > max_bytes:
            raise FileError(MSG_TOO_LARGE, size=_size_mb(size), limit=_size_mb(max_bytes))
    except FileError as exc:
        result.add_error(None, None, exc.message, exc.params)
        return result
    return _parse(files, result, max_rows, layout, layouts, channel_code, forced)


def _parse(files, result, max_rows, layout, layouts, channel_code, forced=None):
    sheets = []
    try:
        for name, content in files:
            if not isinstance(content, bytes):
                content = bytes(content)
            sheets.append(_Sheet(name, content))
        _choose_layouts(sheets, layout, list(layouts or []), forced)
        if len(sheets) == 2 and sheets[0].role == ITEMS:
            sheets.reverse()
        main = sheets[0]
        result.filename, result.layout = main.filename, main.layout
        result.encoding = main.encoding
        others = [SUITE_LAYOUT] + list(layouts or [])
        reading = _Reading(result, main.layout, max_rows, others, channel_code)
        orders = _read_orders(main, reading)
        result.shops = reading.shops
        rules = main.layout.rules
        if rules is not None:
            platform.skip_orders(result, orders, rules)
        if len(sheets) == 2 and not result.file_errors:
            items = _Reading(result, main.layout.items, max_rows, others, channel_code,
                             offset=ITEM_ROWS)
            platform.join_items(sheets[1], items, orders, _read_rows)
        if not result.file_errors:
            if rules is not None:
                platform.complete_orders(result, orders, main.layout)
            result.add_orders(orders.values())
    except FileError as exc:
        result.clear()
        result.add_error(None, None, exc.message, exc.params)
    finally:
        for sheet in sheets:
            sheet.close()
    return result


def _choose_layouts(sheets, layout, layouts, forced):
    """Give each sheet its layout and role; raises FileError when the files
    are not one export (or the two reports of one pair)."""
    for sheet in sheets:
        if sheet.header is None:
            raise FileError(MSG_NO_DATA)
        if forced is not None:
            chosen, role = forced, ORDERS
            if forced.items is not None and forced.items.matches(sheet.header) \
                    and not forced.matches(sheet.header):
                role = ITEMS
        else:
            # the default layout is a candidate too: a header with its
            # signature and a profile's is two exports in one file
            chosen, role = recognise(sheet.header, layouts + [layout])
            chosen, role = (chosen, role) if chosen else (layout, ORDERS)
        sheet.layout, sheet.role = chosen, role
    first = sheets[0]
    if len(sheets) == 1:
        if first.layout.items is not None:
            message = MSG_NEEDS_ITEMS if first.role == ORDERS else MSG_NEEDS_ORDERS
            raise FileError(message, file=first.filename, layout=first.layout.name)
        return
    second = sheets[1]
    if first.layout is not second.layout or first.layout.items is None \
            or {first.role, second.role} != {ORDERS, ITEMS}:
        raise FileError(MSG_NOT_A_PAIR, first=first.filename, second=second.filename)


def _read_orders(sheet, reading):
    """{order key: ParsedOrder} of the rows of the (main) file."""
    result = reading.result
    result.parts.append(Part(sheet.filename, list(sheet.header), sheet.encoding))
    result.header = [cell_text(cell) for cell in sheet.header]
    orders = {}  # key -> ParsedOrder, insertion order = first appearance
    for row, values in _read_rows(sheet, reading):
        if values is None or any(values[key] is None for key in KEY_FIELDS):
            # Without a valid key the row belongs to no order: reject it alone.
            result.reject_row(row)
            continue
        _add_to_order(row, values, reading, orders)
    return orders


def _read_rows(sheet, reading):
    """Yield (row, values) of the data rows of a sheet (values None: a row
    left out); the header problems are file-level errors of the result."""
    result, layout = reading.result, reading.layout
    header = _read_header(sheet.header, result, layout)
    if header is None:
        return
    indexes, fallbacks = header
    for row, cells in sheet.rows:
        if is_blank(cells):
            continue
        result.total_rows += 1
        if result.total_rows > reading.max_rows:
            raise FileError(MSG_TOO_MANY_ROWS, max=reading.max_rows)
        key = row + reading.offset
        result.add_row(key, cells)
        before = result.error_count
        values = _parse_row(key, layout.row_cells(cells, indexes, fallbacks), reading)
        if result.error_count > before:
            # a row that does not read may be the header of another export
            # pasted below this one
            other = header_of(cells, reading.others)
            if other is not None:
                raise FileError(MSG_MIXED_LAYOUTS, row=row, layout=other)
        yield key, values
    if not result.total_rows:
        raise FileError(MSG_NO_DATA)


def _read_header(cells, result, layout):
    """({field key: column index}, fallbacks) of the header row, or None
    after recording the file-level errors (required fields without a
    column, duplicates)."""
    header = layout.map_header(cells)
    result.ignored_columns.extend(name for name in header.ignored
                                  if name not in result.ignored_columns)
    if header.missing:
        result.add_error(None, None, MSG_MISSING_COLUMNS, {
            "columns": ", ".join(COLUMN_BY_KEY[key].label for key in header.missing)})
    for key in header.duplicates:
        result.add_error(None, None, MSG_DUPLICATE_COLUMN, {"column": COLUMN_BY_KEY[key].label})
    if header.missing or header.duplicates:
        return None
    return header.indexes, header.fallbacks


def _parse_row(row, raw_values, reading):
    """Converted values of one data row ({field key: raw cell}); its errors
    go into the result, a field that cannot be converted is None."""
    values, result, caches = {}, reading.result, reading.caches
    for key, raw in raw_values.items():
        col = COLUMN_BY_KEY[key]
        cache = caches.setdefault(key, {})
        cache_key = (type(raw), raw)
        try:
            value, error = cache[cache_key]
        except KeyError:
            try:
                value = convert_cell(col, raw, reading.required[key], reading.defaults)
                error = None
            except CellError as exc:
                value, error = None, exc
            if len(cache) < _CACHE_SIZE:
                cache[cache_key] = (value, error)
        values[key] = value
        if error is not None:
            result.add_error(row, key, error.message, dict(error.params, column=col.label))
    for key, default in reading.defaults.items():
        values.setdefault(key, default)
    if reading.platform:
        values.setdefault("channel_code", reading.channel_code or "")
        if values.get("shop"):
            reading.shops.add(values["shop"])
    elif values.get("channel_code"):
        result.channel_codes.add(values["channel_code"])
    return values


def _comparable(field, value):
    # The same phone written "138 0013 8000" and "13800138000" is the same.
    if field == "phone":
        return "".join(char for char in value if char.isdigit())
    return value


def _add_to_order(row, values, reading, orders):
    """Group the row into its order, checking the repeated header fields."""
    result = reading.result
    key = tuple(values[field] for field in KEY_FIELDS)
    order = orders.get(key)
    if order is None:
        order = orders[key] = ParsedOrder(key[0], key[1], values, row)
    else:
        for field in reading.checked:
            first, value = getattr(order, field), values.get(field)
            if first is None or value is None:
                continue  # already reported on the row that holds it
            if _comparable(field, first) != _comparable(field, value):
                result.add_error(row, field, MSG_DIFFERS, {
                    "column": COLUMN_BY_KEY[field].label, "value": shown(value),
                    "first": order.first_row, "expected": shown(first)})
    order.rows.append(row)
    line = platform.make_line(row, values, reading.platform)
    if line is not None:
        order.lines.append(line)
