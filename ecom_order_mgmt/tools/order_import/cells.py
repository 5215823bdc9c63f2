# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cleaning and converting one cell into the value of its field.

Every cell is sanitised (control and invisible characters, HTML tags, the
quote the rejected-rows file puts before a formula), then converted by the
kind of its field (:data:`.schema.COLUMNS`). A cell that cannot be converted
raises :class:`CellError`, which the parser records as a row error.
"""
import datetime
import re
from decimal import Decimal, InvalidOperation

from ...const import PAYMENT_MODES as _MODES
from .messages import (
    MSG_DATETIME,
    MSG_DECIMALS,
    MSG_FORMULA,
    MSG_NEGATIVE,
    MSG_NOT_AMOUNT,
    MSG_NOT_POSITIVE,
    MSG_NOT_WHOLE,
    MSG_PAYMENT_MODE,
    MSG_PHONE_CHARS,
    MSG_PHONE_DIGITS,
    MSG_REQUIRED,
    MSG_SCIENTIFIC,
    MSG_TOO_BIG,
    MSG_TOO_LONG,
)
from .reading import cell_text, shown
from .schema import DEFAULTS

# The payment mode codes of the suite, in their order
PAYMENT_MODES = tuple(code for code, _label in _MODES)
# What the platforms write for each payment mode (besides its code)
PAYMENT_LABELS = {
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
    for mode, labels in PAYMENT_LABELS.items()
    for label in labels
}

DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S",
                    "%Y/%m/%d %H:%M", "%Y-%m-%d")


class CellError(Exception):
    """Raised by a converter; the parser turns it into a RowError."""

    def __init__(self, message, **params):
        super(CellError, self).__init__(message)
        self.message = message
        self.params = params


# Control characters go; tabs and line breaks become spaces. Invisible
# format characters (BOM, zero-width, bidi overrides) go too: they make
# codes look equal on screen while not matching in the database.
CONTROL_TABLE = {code: None for code in list(range(0, 32)) + list(range(127, 160))}
CONTROL_TABLE.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})
CONTROL_TABLE.update({code: None for code in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                                              0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                              0x2060, 0x2066, 0x2067, 0x2068, 0x2069,
                                              0xFEFF)})
CONTROL_TABLE.update({0x2028: " ", 0x2029: " "})

_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
FORMULA_CHARS = "=+-@"
_SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PHONE_RE = re.compile(r"^[0-9 +\-]+$")
_MASKED_PHONE_RE = re.compile(r"^\+?[0-9 \-]{2,8}[*\uff0a]{2,8}[0-9]{2,6}$")
_VIRTUAL_PHONE_RE = re.compile(r"^\+?[0-9]{7,15}\s*(-|\uff0d|转|#|,|\uff0c|ext\.?)\s*[0-9]{1,6}$",
                               re.IGNORECASE)
# ="3401234567890123": a code protected from the spreadsheet's number format.
_PROTECTED_RE = re.compile(r'^=\s*"([^"]*)"$')
_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal("1000000000000")
_MAX_QUANTITY = 10 ** 9


def sanitise(text):
    """Drop control characters, then HTML tags (script/style with content)."""
    # Controls first, so "<scr\x00ipt>" cannot turn into a tag afterwards.
    text = text.translate(CONTROL_TABLE).strip()
    # The rejected-rows CSV quotes formula-like cells with "'": undo it.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_CHARS:
        text = text[1:]
    if "<" in text:
        text = _TAG_RE.sub("", _SCRIPT_RE.sub("", text)).strip()
    return text


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
_DIGIT_CODES = ("platform_ref", "product_code", "phone", "product_ref", "invoice_tax_id")


def unprotect(text):
    """A code as written to keep a spreadsheet from changing its digits:
    ``="3401234567890123"`` or ``'3401…`` give the code itself."""
    found = _PROTECTED_RE.match(text)
    if found:
        return found.group(1).strip()
    if len(text) > 1 and text[0] in "'‘’" and text[1] not in FORMULA_CHARS:
        return text[1:].strip()
    return text


def _convert_code(text, col):
    # Coded and numeric columns: a formula is refused, never defused.
    if text[0] in "=@":
        raise CellError(MSG_FORMULA, value=shown(text))
    if col.key in _DIGIT_CODES and _SCIENTIFIC_RE.match(text):
        raise CellError(MSG_SCIENTIFIC, value=shown(text))
    return text


def _strip_formula(text):
    # Free text is kept, but never left starting like a formula.
    while text and text[0] in FORMULA_CHARS:
        text = text[1:].lstrip()
    return text


def _convert_text(text, col):
    return text


def _convert_phone(text, col):
    _convert_code(text, col)
    # Platforms hide the buyer's number (138****5678) or give a virtual one
    # with an extension (13800001234-1234, 13800001234转1234): kept as given.
    if _MASKED_PHONE_RE.match(text) or _VIRTUAL_PHONE_RE.match(text):
        return text
    if not _PHONE_RE.match(text):
        raise CellError(MSG_PHONE_CHARS, value=shown(text))
    digits = sum(1 for char in text if char.isdigit())
    if not 7 <= digits <= 15:
        raise CellError(MSG_PHONE_DIGITS, value=shown(text))
    return text


def _convert_quantity(text, col):
    _convert_code(text, col)
    number = _parse_number(text)
    if number is None or number != number.to_integral_value():
        raise CellError(MSG_NOT_WHOLE, value=shown(text))
    if number <= 0:
        raise CellError(MSG_NOT_POSITIVE, value=shown(text))
    if number > _MAX_QUANTITY:
        raise CellError(MSG_TOO_BIG, value=shown(text))
    return int(number)


def _convert_amount(text, col):
    _convert_code(text, col)
    number = _parse_number(text)
    if number is None:
        raise CellError(MSG_NOT_AMOUNT, value=shown(text))
    if number < 0:
        raise CellError(MSG_NEGATIVE, value=shown(text))
    if number >= _MAX_AMOUNT:
        raise CellError(MSG_TOO_BIG, value=shown(text))
    rounded = number.quantize(_CENT)
    # 19.900 is fine, 19.905 is not: judge the value, not the notation.
    if rounded != number:
        raise CellError(MSG_DECIMALS, value=shown(text))
    return rounded.copy_abs()  # "-0" is 0.00, not -0.00


def _convert_payment_mode(text, col):
    _convert_code(text, col)
    mode = _PAYMENT_ALIASES.get(_normalise_mode(text))
    if mode is None:
        raise CellError(MSG_PAYMENT_MODE, value=shown(text), modes=", ".join(PAYMENT_MODES))
    return mode


def _convert_datetime(text, col):
    _convert_code(text, col)
    text = " ".join(text.split())
    for fmt in DATETIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise CellError(MSG_DATETIME, value=shown(text))


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


def convert_cell(col, raw, required=None, defaults=None):
    """Converted value of one cell (its default when empty); raises CellError.

    ``required`` overrides the field's own (a platform's file may leave a
    cell empty that the suite's template must fill); ``defaults`` gives the
    values of empty cells (by field key; missing: "").
    """
    if col.kind == "datetime" and isinstance(raw, (datetime.date, datetime.datetime)):
        return _native_datetime(raw)
    text = sanitise(cell_text(raw))
    if col.kind == "text":
        text = _strip_formula(text)
    elif col.kind != "datetime":
        text = unprotect(text)
    if not text:
        if col.required if required is None else required:
            raise CellError(MSG_REQUIRED)
        return (DEFAULTS if defaults is None else defaults).get(col.key, "")
    if len(text) > col.max_length:
        raise CellError(MSG_TOO_LONG, max=col.max_length)
    return _CONVERTERS[col.kind](text, col)
