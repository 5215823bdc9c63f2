# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the parsing of a file gives: orders, rows and errors.

Error rows: every error carries the 1-based row number a spreadsheet shows
(the header is row 1 in a file without leading blank lines). File-level
errors, header problems included (missing or duplicate columns, no data
rows, unreadable file), have ``row=None`` and ``column=None`` and are the
ones listed by :attr:`ImportResult.file_errors`; when there is one, nothing
is imported. Errors are sorted by row (file-level first), then by column in
the order of :data:`.schema.COLUMNS` (row-level notes with ``column=None``
first).
"""
from collections import OrderedDict, namedtuple
from decimal import Decimal

from .messages import MSG_ORDER_REJECTED, MSG_ORDER_REJECTED_ITEM
from .schema import COLUMN_ORDER, HEADER_FIELDS, PLATFORM_HEADER_FIELDS

# The rows of the second file of a pair (the item report) are numbered from
# here, so that a row number names one row of one file: row 5 of the item
# report is ITEM_ROWS + 5 (see row_part). A file has far fewer rows.
ITEM_ROWS = 10000000

# One file of the upload: its name, its header cells and its encoding.
Part = namedtuple("Part", "filename header encoding")
# An order not imported for its platform status: number, status, first row.
SkippedOrder = namedtuple("SkippedOrder", "platform_ref status row")


def row_part(row):
    """(index of the file, row number in that file) of a row number of the
    result: 0 for the file (or the order report of a pair), 1 for the item
    report of a pair."""
    if row is None:
        return 0, None
    return (1, row - ITEM_ROWS) if row > ITEM_ROWS else (0, row)


class RowError(object):
    """One problem: file row (None: file-level), column key (None: whole row)."""

    __slots__ = ("row", "column", "message", "params")

    def __init__(self, row, column, message, params=None):
        self.row = row
        self.column = column
        self.message = message
        self.params = params or {}

    def text(self):
        """Return the untranslated message formatted with its params."""
        return self.message % self.params

    def _sort_key(self):
        return (self.row or 0, COLUMN_ORDER.get(self.column, -1))

    def __eq__(self, other):
        if not isinstance(other, RowError):
            return NotImplemented
        return (self.row, self.column, self.message, self.params) == (
            other.row, other.column, other.message, other.params)

    def __repr__(self):
        return "RowError(%r, %r, %r)" % (self.row, self.column, self.text())


class ParsedLine(object):
    """One order line: product code as given, quantity, unit price, file
    row; from a platform's export also the platform's product ID, the
    product title and spec (what the channel's SKU map knows it by)."""

    __slots__ = ("product_code", "quantity", "unit_price", "row", "product_ref", "title",
                 "spec")

    def __init__(self, product_code, quantity, unit_price, row, product_ref="", title="",
                 spec=""):
        self.product_code = product_code
        self.quantity = quantity
        self.unit_price = unit_price
        self.row = row
        self.product_ref = product_ref
        self.title = title
        self.spec = spec

    def __repr__(self):
        return "ParsedLine(%r, %r, %r, row=%r)" % (
            self.product_code, self.quantity, self.unit_price, self.row)


class ParsedOrder(object):
    """One platform order: header fields from its first row, one line per row."""

    def __init__(self, channel_code, platform_ref, values, row):
        self.channel_code = channel_code
        self.platform_ref = platform_ref
        for field in HEADER_FIELDS + PLATFORM_HEADER_FIELDS:
            setattr(self, field, values.get(field))
        self.first_row = row
        self.rows = []
        self.lines = []
        # A platform's order: the address could not be split (CS checks
        # it), the freight and discount lines that make the order's total
        # what the buyer paid, and that amount (paid, or due on delivery).
        self.address_review = False
        self.freight_line = Decimal("0.00")
        self.discount_line = Decimal("0.00")
        self.payable = None
        self.postcode = ""

    @property
    def key(self):
        """The grouping key ``(channel_code, platform_ref)``."""
        return (self.channel_code, self.platform_ref)

    @property
    def amount_total(self):
        """Sum of quantity * unit price over the lines (Decimal)."""
        return sum((line.quantity * line.unit_price for line in self.lines), Decimal("0.00"))

    def __repr__(self):
        return "ParsedOrder(%r, %r, rows=%r)" % (self.channel_code, self.platform_ref, self.rows)


class ImportResult(object):
    """Outcome of :func:`parse_file`.

    Public attributes: ``orders`` (valid :class:`ParsedOrder` list, file order),
    ``header`` (original header cells), ``encoding`` ("utf-8-sig", "utf-8",
    "gb18030", or None for xlsx), ``ignored_columns`` (unknown header cells),
    ``total_rows`` (non-blank data rows read), ``filename``. Computed:
    ``errors``, ``file_errors``, ``rejected_rows``, ``rejected_order_count``.
    """

    def __init__(self, filename=None):
        self.filename = filename
        self.orders = []
        self.header = []
        self.encoding = None
        self.ignored_columns = []
        self.total_rows = 0
        # The layout the file was read with, its files (one, or the two
        # reports of a pair), the orders skipped for their platform status
        # ({platform ref: SkippedOrder}, file order), the shops the file
        # names and the channel codes of its rows.
        self.layout = None
        self.parts = []
        self.skipped = OrderedDict()
        self.shops = set()
        self.channel_codes = set()
        self._errors = []            # own errors: file-level and per cell/row
        self._error_rows = set()     # rows carrying at least one own error
        self._accepted = {}          # key -> ParsedOrder, mirrors self.orders
        self._rejected = {}          # key -> ParsedOrder rejected as a whole
        self._loose_rows = set()     # bad rows that belong to no order (bad key)
        self._raw = {}               # row -> original cells, for rejected_rows
        self._errors_cache = None

    # -- errors ------------------------------------------------------------

    def add_error(self, row, column, message, params=None):
        """Record an error (row None and column None: file-level).

        To refuse a parsed order, use :meth:`reject_order`: an error added
        here on a row of an accepted order does not remove that order.
        """
        self._errors.append(RowError(row, column, message, params))
        if row is not None:
            self._error_rows.add(row)
        self._errors_cache = None

    @property
    def errors(self):
        """All errors, sorted; includes the "order rejected because" notes."""
        if self._errors_cache is None:
            errors = list(self._errors)
            for order in self._rejected.values():
                bad_rows = [row for row in order.rows if row in self._error_rows]
                if not bad_rows:
                    continue
                part, number = row_part(bad_rows[0])
                message = MSG_ORDER_REJECTED_ITEM if part else MSG_ORDER_REJECTED
                params = {"ref": order.platform_ref, "bad_row": number}
                errors.extend(RowError(row, None, message, dict(params))
                              for row in order.rows if row not in self._error_rows)
            errors.sort(key=RowError._sort_key)
            self._errors_cache = errors
        return list(self._errors_cache)

    @property
    def file_errors(self):
        """File-level errors (row and column None); any of them blocks the import."""
        return [err for err in self._errors if err.row is None and err.column is None]

    @property
    def rejected_order_count(self):
        """The number of orders refused (by the parser or by reject_order)."""
        return len(self._rejected)

    @property
    def rejected_rows(self):
        """``[(row, original cells)]`` of every row not imported, in file order."""
        rows = set(self._loose_rows)
        for order in self._rejected.values():
            rows.update(order.rows)
        return [(row, list(self._raw.get(row, ()))) for row in sorted(rows)]

    def rejected_rows_of(self, part):
        """``[(row number in the file, original cells)]`` of the rejected
        rows of one file of the upload (0, or 1: the item report of a pair)."""
        return [(row_part(row)[1], cells) for row, cells in self.rejected_rows
                if row_part(row)[0] == part]

    def all_orders(self):
        """The orders of the file, accepted and rejected, in file order."""
        return sorted(list(self._accepted.values()) + list(self._rejected.values()),
                      key=lambda order: order.first_row)

    def assign_channel(self, code):
        """Give every order the channel `code` (a platform's export names no
        channel: the shop it came from is found after reading it)."""
        for table in (self._accepted, self._rejected):
            orders = list(table.values())
            table.clear()
            for order in orders:
                order.channel_code = code
                table[order.key] = order
        self.channel_codes = {code}

    # -- orders ------------------------------------------------------------

    def reject_order(self, key, row, message, params=None, column=None):
        """Reject an order found valid by the parser, e.g. unknown product.

        ``key`` is ``(channel_code, platform_ref)`` or the ParsedOrder itself;
        ``row`` one of its file rows. The order leaves ``orders``, the error
        is added on ``row`` (and ``column``, default the whole row) and the
        order's other rows get the "rejected because" note. Rejecting an
        already rejected order just adds the error. Raises KeyError for an
        unknown order and ValueError for a row not in that order.
        """
        if isinstance(key, ParsedOrder):
            key = key.key
        key = tuple(key)
        order = self._accepted.get(key) or self._rejected.get(key)
        if order is None:
            raise KeyError(key)
        if row not in order.rows:
            raise ValueError("Row %s is not a row of order %s" % (row, key[1]))
        if key in self._accepted:
            del self._accepted[key]
            self.orders.remove(order)
            self._rejected[key] = order
        self.add_error(row, column, message, params)

    @property
    def error_count(self):
        """The number of errors recorded so far (notes on rejected orders aside)."""
        return len(self._errors)

    def has_errors(self, order):
        """Whether a row of `order` has an error (it will be rejected)."""
        return any(row in self._error_rows for row in order.rows)

    def forget_rows(self, rows):
        """Drop the rows of orders not imported for their platform status:
        their errors and cells (they are neither errors nor rejected rows)."""
        rows = set(rows)
        if rows & self._error_rows:
            self._errors = [err for err in self._errors if err.row not in rows]
            self._error_rows -= rows
            self._errors_cache = None
        self._loose_rows -= rows
        for row in rows:
            self._raw.pop(row, None)

    # -- what the parser records --------------------------------------------

    def add_row(self, row, cells):
        """Keep the original cells of data row `row` (see rejected_rows)."""
        self._raw[row] = tuple(cells)

    def raw_cells(self, row):
        """The original cells of data row `row`, as read."""
        return self._raw.get(row, ())

    def reject_row(self, row):
        """Refuse a row that belongs to no order (its key is bad) on its own."""
        self._loose_rows.add(row)

    def add_orders(self, orders):
        """Take the parsed orders, in file order: an order with an error on
        any of its rows is rejected whole, the others go to ``orders``."""
        for order in orders:
            if any(row in self._error_rows for row in order.rows):
                self._rejected[order.key] = order
            else:
                self._accepted[order.key] = order
                self.orders.append(order)

    def clear(self):
        """Forget the rows and orders: a file-level error imports nothing and
        reports nothing row by row (the file-level errors stay)."""
        self._errors = [err for err in self._errors if err.row is None]
        self._error_rows.clear()
        self._errors_cache = None
        self.orders = []
        self.skipped.clear()
        self._accepted.clear()
        self._rejected.clear()
        self._loose_rows.clear()
        self._raw.clear()
