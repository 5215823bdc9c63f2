# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Parse platform order exports (CSV or XLSX, one row per order line).

Pure Python (stdlib + openpyxl), no Odoo import, so it can be unit-tested
without a database and reused by the import wizard.

Entry points:

* :func:`parse_file` turns the uploaded bytes into an :class:`ImportResult`
  holding the valid :class:`ParsedOrder` objects and one :class:`RowError`
  per problem.
* :meth:`ImportResult.reject_order` lets the caller reject a parsed order for
  reasons only the database knows (unknown channel, unknown product,
  duplicate platform order).
* :func:`rejected_rows_csv` writes the rejected rows back, with an "Error"
  column, so the user can fix them and import that file again.

Error rows: every error carries the 1-based row number a spreadsheet shows
(the header is row 1 in a file without leading blank lines). File-level
errors, header problems included (missing or duplicate columns, no data
rows, unreadable file), have ``row=None`` and ``column=None`` and are the
ones listed by :attr:`ImportResult.file_errors`; when there is one, nothing
is imported. Errors are sorted by row (file-level first), then by column in
the order of :data:`COLUMNS` (row-level notes with ``column=None`` first).

Messages are English templates with ``%(name)s`` placeholders and a
``params`` dict, so a caller can translate the template before formatting.
``params["column"]`` holds the English header of the column; the caller may
swap it for a translated label (see :data:`COLUMNS`).
"""
import csv
import datetime
import io
import os
import re
from collections import namedtuple
from decimal import Decimal, InvalidOperation


def _(message):
    """Mark a message template for translation extraction; returns it as is.

    The caller translates the template (Odoo's ``_``) before formatting it
    with the error's params, so nothing is translated here.
    """
    return message


# --------------------------------------------------------------------------
# Column definitions
# --------------------------------------------------------------------------

Column = namedtuple("Column", "key label label_zh required kind max_length")

# kind: "code" (coded text: formulas refused, xlsx numbers -> integer string),
# "text" (free text: leading formula characters stripped), "phone",
# "datetime", "quantity", "amount", "payment_mode".
COLUMNS = (
    Column("channel_code", "Channel Code", "渠道编码", True, "code", 500),
    Column("platform_ref", "Platform Order No.", "平台订单号", True, "code", 500),
    Column("order_time", "Order Time", "下单时间", True, "datetime", 500),
    Column("buyer_name", "Buyer", "买家姓名", True, "text", 500),
    Column("phone", "Phone", "联系电话", True, "phone", 500),
    Column("province", "Province", "省", True, "text", 500),
    Column("city", "City", "市", True, "text", 500),
    Column("district", "District", "区/县", False, "text", 500),
    Column("street", "Street", "详细地址", True, "text", 500),
    Column("product_code", "Product Code", "商品编码", True, "code", 500),
    Column("quantity", "Quantity", "数量", True, "quantity", 500),
    Column("unit_price", "Unit Price", "单价", True, "amount", 500),
    Column("paid_amount", "Paid Amount", "实付金额", False, "amount", 500),
    Column("payment_mode", "Payment Mode", "支付方式", True, "payment_mode", 500),
    Column("remark", "Buyer Remark", "买家备注", False, "text", 2000),
)
COLUMN_BY_KEY = {col.key: col for col in COLUMNS}
_COLUMN_ORDER = {col.key: index for index, col in enumerate(COLUMNS)}

# The column rejected_rows_csv() appends; silently ignored when re-imported.
ERROR_COLUMN = "Error"

# Fields of an order taken from its first row; those in _CHECKED_HEADER_FIELDS
# must repeat identically on every line (address and remark are not checked:
# platforms leave them blank or abbreviate them on later lines).
_HEADER_FIELDS = ("order_time", "buyer_name", "phone", "province", "city", "district",
                  "street", "payment_mode", "paid_amount", "remark")
_CHECKED_HEADER_FIELDS = ("order_time", "buyer_name", "phone", "payment_mode", "paid_amount")

PAYMENT_MODES = ("prepaid", "cod", "cod_inspect", "instalment")
_PAYMENT_LABELS = {
    "prepaid": ("prepaid", "online", "Alipay", "WeChat Pay", "bank", "支付宝", "微信",
                "微信支付", "网银", "在线支付", "预付"),
    "cod": ("cod", "COD", "cash on delivery", "货到付款"),
    "cod_inspect": ("cod_inspect", "COD after inspection", "验货后付款", "先验货后付款"),
    "instalment": ("instalment", "installment", "分期", "分期付款", "花呗分期"),
}


def _normalise_mode(value):
    # Case-insensitive and blind to any whitespace (full-width spaces too).
    return "".join(value.split()).lower()


_PAYMENT_ALIASES = {
    _normalise_mode(label): mode
    for mode, labels in _PAYMENT_LABELS.items()
    for label in labels
}

DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S",
                    "%Y/%m/%d %H:%M", "%Y-%m-%d")

# --------------------------------------------------------------------------
# Messages (templates; the caller translates them, then formats with params)
# --------------------------------------------------------------------------

MSG_EXTENSION = _("Unsupported file type \"%(extension)s\": upload a .csv or .xlsx file.")
MSG_TOO_LARGE = _("The file is %(size)s MB, more than the %(limit)s MB limit.")
MSG_ENCODING = _("The file is neither UTF-8 nor GB18030 text: save it as \"CSV UTF-8\".")
MSG_UTF16 = _("The file is UTF-16 text: save it as \"CSV UTF-8\" or .xlsx instead.")
MSG_CSV_UNREADABLE = _("The CSV file cannot be read at row %(row)s: %(error)s")
MSG_XLSX_UNREADABLE = _("The file is not a readable .xlsx workbook (%(error)s).")
MSG_MISSING_COLUMNS = _("Required columns are missing: %(columns)s.")
MSG_DUPLICATE_COLUMN = _("Column %(column)s appears more than once in the header.")
MSG_NO_DATA = _("The file has no data rows.")
MSG_TOO_MANY_ROWS = _("The file has more than %(max)s data rows: split it into smaller files.")
MSG_REQUIRED = _("%(column)s is required.")
MSG_FORMULA = _("%(column)s \"%(value)s\" looks like a spreadsheet formula; "
                "enter the value itself.")
MSG_TOO_LONG = _("%(column)s is longer than %(max)s characters.")
MSG_SCIENTIFIC = _("%(column)s \"%(value)s\" was turned into scientific notation by the "
                   "spreadsheet and its digits are lost: format the column as text.")
MSG_DATETIME = _("%(column)s \"%(value)s\" is not a valid date and time "
                 "(expected YYYY-MM-DD HH:MM:SS).")
MSG_PHONE_CHARS = _("%(column)s \"%(value)s\" may only contain digits, spaces, + and -.")
MSG_PHONE_DIGITS = _("%(column)s \"%(value)s\" must contain 7 to 15 digits.")
MSG_NOT_WHOLE = _("%(column)s \"%(value)s\" is not a whole number.")
MSG_NOT_POSITIVE = _("%(column)s must be greater than 0 (got %(value)s).")
MSG_NOT_AMOUNT = _("%(column)s \"%(value)s\" is not a valid amount.")
MSG_NEGATIVE = _("%(column)s must not be negative (got %(value)s).")
MSG_DECIMALS = _("%(column)s \"%(value)s\" has more than 2 decimals.")
MSG_TOO_BIG = _("%(column)s \"%(value)s\" is too large.")
MSG_PAYMENT_MODE = _("%(column)s \"%(value)s\" is not a known payment mode "
                     "(expected one of: %(modes)s).")
MSG_DIFFERS = _("%(column)s \"%(value)s\" differs from row %(first)s of the same order "
                "(\"%(expected)s\").")
MSG_ORDER_REJECTED = _("Order %(ref)s rejected because row %(bad_row)s has an error.")

# --------------------------------------------------------------------------
# Result objects
# --------------------------------------------------------------------------


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
        return (self.row or 0, _COLUMN_ORDER.get(self.column, -1))

    def __eq__(self, other):
        if not isinstance(other, RowError):
            return NotImplemented
        return (self.row, self.column, self.message, self.params) == (
            other.row, other.column, other.message, other.params)

    def __repr__(self):
        return "RowError(%r, %r, %r)" % (self.row, self.column, self.text())


class ParsedLine(object):
    """One order line: product code as given, quantity, unit price, file row."""

    __slots__ = ("product_code", "quantity", "unit_price", "row")

    def __init__(self, product_code, quantity, unit_price, row):
        self.product_code = product_code
        self.quantity = quantity
        self.unit_price = unit_price
        self.row = row

    def __repr__(self):
        return "ParsedLine(%r, %r, %r, row=%r)" % (
            self.product_code, self.quantity, self.unit_price, self.row)


class ParsedOrder(object):
    """One platform order: header fields from its first row, one line per row."""

    def __init__(self, channel_code, platform_ref, values, row):
        self.channel_code = channel_code
        self.platform_ref = platform_ref
        for field in _HEADER_FIELDS:
            setattr(self, field, values.get(field))
        self.first_row = row
        self.rows = []
        self.lines = []

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
    ``errors``, ``file_errors``, ``rejected_rows``.
    """

    def __init__(self, filename=None):
        self.filename = filename
        self.orders = []
        self.header = []
        self.encoding = None
        self.ignored_columns = []
        self.total_rows = 0
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
                params = {"ref": order.platform_ref, "bad_row": bad_rows[0]}
                errors.extend(RowError(row, None, MSG_ORDER_REJECTED, dict(params))
                              for row in order.rows if row not in self._error_rows)
            errors.sort(key=RowError._sort_key)
            self._errors_cache = errors
        return list(self._errors_cache)

    @property
    def file_errors(self):
        """File-level errors (row and column None); any of them blocks the import."""
        return [err for err in self._errors if err.row is None and err.column is None]

    @property
    def rejected_rows(self):
        """``[(row, original cells)]`` of every row not imported, in file order."""
        rows = set(self._loose_rows)
        for order in self._rejected.values():
            rows.update(order.rows)
        return [(row, list(self._raw.get(row, ()))) for row in sorted(rows)]

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

    def _clear(self):
        # A file-level error imports nothing and reports nothing row by row.
        self._errors = [err for err in self._errors if err.row is None]
        self._error_rows.clear()
        self._errors_cache = None
        self.orders = []
        self._accepted.clear()
        self._rejected.clear()
        self._loose_rows.clear()
        self._raw.clear()


# --------------------------------------------------------------------------
# Cell cleaning and conversion
# --------------------------------------------------------------------------

class _CellError(Exception):
    """Raised by a converter; the parser turns it into a RowError."""

    def __init__(self, message, **params):
        super(_CellError, self).__init__(message)
        self.message = message
        self.params = params


# Control characters go; tabs and line breaks become spaces. Invisible
# format characters (BOM, zero-width, bidi overrides) go too: they make
# codes look equal on screen while not matching in the database.
_CONTROL_TABLE = {code: None for code in list(range(0, 32)) + list(range(127, 160))}
_CONTROL_TABLE.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})
_CONTROL_TABLE.update({code: None for code in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                                               0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                               0x2060, 0x2066, 0x2067, 0x2068, 0x2069,
                                               0xFEFF)})
_CONTROL_TABLE.update({0x2028: " ", 0x2029: " "})

_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
_FORMULA_CHARS = "=+-@"
_SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PHONE_RE = re.compile(r"^[0-9 +\-]+$")
_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal("1000000000000")
_MAX_QUANTITY = 10 ** 9


def _cell_text(value):
    """Text of a raw cell as the user sees it (xlsx numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # 2.0250101E+15 in a cell is the integer 2025010100000000: print it
        # whole; round away binary noise such as 17.910000000000004.
        if value.is_integer():
            return str(int(value))
        return ("%.9f" % value).rstrip("0").rstrip(".")
    if isinstance(value, datetime.datetime):
        return _format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _format_datetime(value):
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _sanitise(text):
    """Drop control characters, then HTML tags (script/style with content)."""
    # Controls first, so "<scr\x00ipt>" cannot turn into a tag afterwards.
    text = text.translate(_CONTROL_TABLE).strip()
    # The rejected-rows CSV quotes formula-like cells with "'": undo it.
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_CHARS:
        text = text[1:]
    if "<" in text:
        text = _TAG_RE.sub("", _SCRIPT_RE.sub("", text)).strip()
    return text


def _shown(value, limit=60):
    """A value for a message: text form, cut to ``limit`` characters."""
    if isinstance(value, datetime.datetime):
        text = _format_datetime(value)
    else:
        text = _cell_text(value) if not isinstance(value, Decimal) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _parse_number(text):
    """Decimal from text; accepts a leading currency sign and 1,234.50."""
    if text[:1] in ("¥", "￥"):
        text = text[1:].lstrip()
    if _THOUSANDS_RE.match(text):
        text = text.replace(",", "")
    if not _NUMBER_RE.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already guards
        return None


# Columns whose digits matter and which Excel likes to show as 6.9E+12.
_DIGIT_CODES = ("platform_ref", "product_code", "phone")


def _convert_code(text, col):
    # Coded and numeric columns: a formula is refused, never defused.
    if text[0] in "=@":
        raise _CellError(MSG_FORMULA, value=_shown(text))
    if col.key in _DIGIT_CODES and _SCIENTIFIC_RE.match(text):
        raise _CellError(MSG_SCIENTIFIC, value=_shown(text))
    return text


def _strip_formula(text):
    # Free text is kept, but never left starting like a formula.
    while text and text[0] in _FORMULA_CHARS:
        text = text[1:].lstrip()
    return text


def _convert_text(text, col):
    return text


def _convert_phone(text, col):
    _convert_code(text, col)
    if not _PHONE_RE.match(text):
        raise _CellError(MSG_PHONE_CHARS, value=_shown(text))
    digits = sum(1 for char in text if char.isdigit())
    if not 7 <= digits <= 15:
        raise _CellError(MSG_PHONE_DIGITS, value=_shown(text))
    return text


def _convert_quantity(text, col):
    _convert_code(text, col)
    number = _parse_number(text)
    if number is None or number != number.to_integral_value():
        raise _CellError(MSG_NOT_WHOLE, value=_shown(text))
    if number <= 0:
        raise _CellError(MSG_NOT_POSITIVE, value=_shown(text))
    if number > _MAX_QUANTITY:
        raise _CellError(MSG_TOO_BIG, value=_shown(text))
    return int(number)


def _convert_amount(text, col):
    _convert_code(text, col)
    number = _parse_number(text)
    if number is None:
        raise _CellError(MSG_NOT_AMOUNT, value=_shown(text))
    if number < 0:
        raise _CellError(MSG_NEGATIVE, value=_shown(text))
    if number >= _MAX_AMOUNT:
        raise _CellError(MSG_TOO_BIG, value=_shown(text))
    rounded = number.quantize(_CENT)
    # 19.900 is fine, 19.905 is not: judge the value, not the notation.
    if rounded != number:
        raise _CellError(MSG_DECIMALS, value=_shown(text))
    return rounded.copy_abs()  # "-0" is 0.00, not -0.00


def _convert_payment_mode(text, col):
    _convert_code(text, col)
    mode = _PAYMENT_ALIASES.get(_normalise_mode(text))
    if mode is None:
        raise _CellError(MSG_PAYMENT_MODE, value=_shown(text), modes=", ".join(PAYMENT_MODES))
    return mode


def _convert_datetime(text, col):
    _convert_code(text, col)
    text = " ".join(text.split())
    for fmt in DATETIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise _CellError(MSG_DATETIME, value=_shown(text))


def _native_datetime(value):
    """Naive datetime, to the second, from an xlsx date/datetime cell."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    value = value.replace(tzinfo=None)
    # Excel stores time as a float day fraction: round, do not truncate.
    if value.microsecond >= 500000:
        value += datetime.timedelta(seconds=1)
    return value.replace(microsecond=0)


_CONVERTERS = {
    "code": _convert_code,
    "text": _convert_text,
    "phone": _convert_phone,
    "datetime": _convert_datetime,
    "quantity": _convert_quantity,
    "amount": _convert_amount,
    "payment_mode": _convert_payment_mode,
}

_DEFAULTS = {"district": "", "remark": "", "paid_amount": Decimal("0.00")}


def _convert_cell(col, raw):
    """Converted value of one cell (default when empty); raises _CellError."""
    if col.kind == "datetime" and isinstance(raw, (datetime.date, datetime.datetime)):
        return _native_datetime(raw)
    text = _sanitise(_cell_text(raw))
    if col.kind == "text":
        text = _strip_formula(text)
    if not text:
        if col.required:
            raise _CellError(MSG_REQUIRED)
        return _DEFAULTS.get(col.key, "")
    if len(text) > col.max_length:
        raise _CellError(MSG_TOO_LONG, max=col.max_length)
    return _CONVERTERS[col.kind](text, col)


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------

class _FileError(Exception):
    """A file-level problem found while reading rows."""

    def __init__(self, message, **params):
        super(_FileError, self).__init__(message)
        self.message = message
        self.params = params


def _decode(content):
    """(text, encoding) of CSV bytes: UTF-8 with BOM, UTF-8, then GB18030."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _FileError(MSG_UTF16)
    candidates = ["utf-8", "gb18030"]
    if content.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    for encoding in candidates:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _FileError(MSG_ENCODING)


def _csv_rows(content, result):
    """Yield (row number, cells) of a CSV file; sets result.encoding."""
    text, result.encoding = _decode(content)
    # csv in Python 3.7 refuses NUL; they would be stripped anyway.
    if "\x00" in text:
        text = text.replace("\x00", "")
    # The header line alone tells the delimiter; bound the sniffed text.
    header_line = (text[:65536].splitlines() or [""])[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row = 0
    try:
        # One record is one spreadsheet row, even with line breaks in cells.
        for row, cells in enumerate(reader, 1):
            yield row, cells
    except csv.Error as exc:
        raise _FileError(MSG_CSV_UNREADABLE, row=row + 1, error=str(exc))


def _xlsx_rows(content, result):
    """Yield (row number, cells) of the active sheet of an xlsx workbook."""
    import openpyxl  # here, so CSV-only callers never load it

    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                          data_only=True)
        sheet = workbook.active or workbook.worksheets[0]
        # Do not trust the stored <dimension>: some writers set it to A1.
        sheet.reset_dimensions()
        # Blank rows are yielded too (as empty tuples), so numbers match Excel.
        for row, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            yield row, cells
    except Exception as exc:  # zip, XML or openpyxl errors: all mean "unreadable"
        raise _FileError(MSG_XLSX_UNREADABLE, error=_shown(str(exc) or type(exc).__name__))
    finally:
        if workbook is not None:
            workbook.close()


def _is_blank(cells):
    for cell in cells:
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def _header_name(cell):
    return " ".join(_cell_text(cell).translate(_CONTROL_TABLE).split()).lower()


_HEADER_ALIASES = {}
for _col in COLUMNS:
    for _name in (_col.key, _col.label, _col.label_zh):
        _HEADER_ALIASES[_header_name(_name)] = _col.key
del _col, _name


def _map_header(cells, result):
    """{key: column index}, or None after recording file-level errors."""
    indexes = {}
    duplicates = []
    error_name = _header_name(ERROR_COLUMN)
    for index, cell in enumerate(cells):
        name = _header_name(cell)
        if not name or name == error_name:
            continue
        key = _HEADER_ALIASES.get(name)
        if key is None:
            result.ignored_columns.append(_cell_text(cell).strip())
        elif key in indexes:
            if key not in duplicates:
                duplicates.append(key)
        else:
            indexes[key] = index
    missing = [col.label for col in COLUMNS if col.required and col.key not in indexes]
    if missing:
        result.add_error(None, None, MSG_MISSING_COLUMNS, {"columns": ", ".join(missing)})
    for key in duplicates:
        result.add_error(None, None, MSG_DUPLICATE_COLUMN,
                         {"column": COLUMN_BY_KEY[key].label})
    return None if missing or duplicates else indexes


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

_CACHE_SIZE = 2048


def _parse_row(row, cells, columns, result):
    """Converted values of one data row; its errors go into ``result``.

    ``columns`` is ``[(Column, cell index, cache)]``: the cache maps a raw
    cell to its (value, error), since channel, time, buyer, address, mode
    and prices repeat on many lines; it stops growing at _CACHE_SIZE.
    """
    values = {}
    width = len(cells)
    for col, index, cache in columns:
        raw = cells[index] if index < width else None
        cache_key = (type(raw), raw)
        try:
            value, error = cache[cache_key]
        except KeyError:
            try:
                value, error = _convert_cell(col, raw), None
            except _CellError as exc:
                value, error = None, exc
            if len(cache) < _CACHE_SIZE:
                cache[cache_key] = (value, error)
        values[col.key] = value
        if error is not None:
            result.add_error(row, col.key, error.message, dict(error.params, column=col.label))
    for key, default in _DEFAULTS.items():
        values.setdefault(key, default)
    return values


def _comparable(field, value):
    # The same phone written "138 0013 8000" and "13800138000" is the same.
    if field == "phone":
        return "".join(char for char in value if char.isdigit())
    return value


def _add_to_order(row, values, result, orders):
    """Group the row into its order, checking the repeated header fields."""
    key = (values["channel_code"], values["platform_ref"])
    order = orders.get(key)
    if order is None:
        order = orders[key] = ParsedOrder(key[0], key[1], values, row)
    else:
        for field in _CHECKED_HEADER_FIELDS:
            first, value = getattr(order, field), values[field]
            if first is None or value is None:
                continue  # already reported on the row that holds it
            if _comparable(field, first) != _comparable(field, value):
                result.add_error(row, field, MSG_DIFFERS, {
                    "column": COLUMN_BY_KEY[field].label, "value": _shown(value),
                    "first": order.first_row, "expected": _shown(first)})
    order.rows.append(row)
    if values["product_code"] and values["quantity"] and values["unit_price"] is not None:
        order.lines.append(ParsedLine(values["product_code"], values["quantity"],
                                      values["unit_price"], row))


def _parse_rows(rows, result, max_rows):
    """Read header and data rows into ``result``; raises _FileError."""
    indexes = None
    orders = {}  # key -> ParsedOrder, insertion order = first appearance
    for row, cells in rows:
        if _is_blank(cells):
            continue
        if indexes is None:
            result.header = [_cell_text(cell) for cell in cells]
            indexes = _map_header(cells, result)
            if indexes is None:
                return
            columns = [(COLUMN_BY_KEY[key], index, {}) for key, index in indexes.items()]
            continue
        result.total_rows += 1
        if result.total_rows > max_rows:
            raise _FileError(MSG_TOO_MANY_ROWS, max=max_rows)
        result._raw[row] = tuple(cells)
        values = _parse_row(row, cells, columns, result)
        if values["channel_code"] is None or values["platform_ref"] is None:
            # Without a valid key the row belongs to no order: reject it alone.
            result._loose_rows.add(row)
            continue
        _add_to_order(row, values, result, orders)
    if not result.total_rows:
        raise _FileError(MSG_NO_DATA)
    for key, order in orders.items():
        if any(row in result._error_rows for row in order.rows):
            result._rejected[key] = order
        else:
            result._accepted[key] = order
            result.orders.append(order)


def _size_mb(size):
    return "%.3g" % (size / (1024.0 * 1024.0))


def parse_file(content, filename, max_bytes=20 * 1024 * 1024, max_rows=100000):
    """Parse a CSV or XLSX order export into an :class:`ImportResult`.

    ``content`` is the file's bytes, ``filename`` gives the format by its
    extension (.csv or .xlsx). Files over ``max_bytes`` or with more than
    ``max_rows`` data rows are refused with a file-level error. Never raises
    for bad input: every problem is an error in the result.
    """
    result = ImportResult(filename)
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in (".csv", ".xlsx"):
        result.add_error(None, None, MSG_EXTENSION, {"extension": extension or filename or ""})
        return result
    if len(content) > max_bytes:
        result.add_error(None, None, MSG_TOO_LARGE,
                         {"size": _size_mb(len(content)), "limit": _size_mb(max_bytes)})
        return result
    if not isinstance(content, bytes):
        content = bytes(content)
    reader = _csv_rows if extension == ".csv" else _xlsx_rows
    rows = reader(content, result)
    try:
        _parse_rows(rows, result, max_rows)
    except _FileError as exc:
        result._clear()
        result.add_error(None, None, exc.message, exc.params)
    finally:
        rows.close()
    return result


# --------------------------------------------------------------------------
# Rejected rows back to CSV
# --------------------------------------------------------------------------

def _csv_safe(text):
    # Excel would run a cell starting like a formula: quote it with "'";
    # parse_file() removes that quote again on re-import.
    if text and text[0] in _FORMULA_CHARS:
        return "'" + text
    return text


def rejected_rows_csv(result):
    """UTF-8-with-BOM CSV of the rejected rows: original header + "Error".

    One line per rejected row in file order; the Error cell joins the row's
    error texts with "; ". An existing Error column (a re-imported rejected
    file) is reused rather than duplicated. The file imports again as is.
    """
    header = [_cell_text(cell) for cell in result.header]
    error_name = _header_name(ERROR_COLUMN)
    error_index = None
    for index, cell in enumerate(header):
        if _header_name(cell) == error_name:
            error_index = index
    if error_index is None:
        header.append(ERROR_COLUMN)
        error_index = len(header) - 1
    width = len(header)
    texts = {}
    for err in result.errors:
        if err.row is not None:
            texts.setdefault(err.row, []).append(err.text())
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([_csv_safe(cell) for cell in header])
    for row, cells in result.rejected_rows:
        line = [_csv_safe(_cell_text(cell)) for cell in cells[:width]]
        line += [""] * (width - len(line))
        line[error_index] = _csv_safe("; ".join(texts.get(row, ())))
        writer.writerow(line)
    return output.getvalue().encode("utf-8-sig")


def orders_csv(result, orders):
    """UTF-8-with-BOM CSV of the original rows of ``orders`` (original header).

    Used to hand parts of a big file to background jobs: parsing the part
    again gives the same orders, with the same values.
    """
    header = [_cell_text(cell) for cell in result.header]
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([_csv_safe(cell) for cell in header])
    for order in orders:
        for row in order.rows:
            cells = [_csv_safe(_cell_text(cell)) for cell in result._raw.get(row, ())]
            writer.writerow(cells + [""] * (len(header) - len(cells)))
    return output.getvalue().encode("utf-8-sig")
