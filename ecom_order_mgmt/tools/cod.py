# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A carrier's cash-on-delivery remittance statement (代收货款回款单), no ORM.

The file (CSV or XLSX, read like an order import) has one row per parcel:
tracking number, amount collected, date. :func:`parse_statement` reads it
into :class:`StatementRow` tuples, :func:`line_key` names a row so that the
same parcel's remittance is never booked twice, and :func:`judge` compares
what the carrier collected with what the order still owes.
"""
import datetime
import hashlib
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .order_import.reading import FileError, cell_text, file_extension, is_blank, read_rows


def _(message):
    """Mark a message template for translation; the caller translates it."""
    return message


MSG_NO_DATA = _("The statement has no data rows.")
MSG_MISSING_COLUMNS = _("The statement lacks the columns %(columns)s (its header has: "
                        "%(header)s).")
MSG_TRACKING = _("Row %(row)s: the tracking number is empty.")
MSG_AMOUNT = _("Row %(row)s: \"%(value)s\" is not an amount collected (a positive number).")
MSG_DATE = _("Row %(row)s: \"%(value)s\" is not a date (YYYY-MM-DD).")
MSG_TOO_MANY_ROWS = _("The statement has more than %(max)s rows: split it.")

# Header names of each column, compared lower-case without spaces.
HEADERS = {
    "tracking_ref": ("tracking", "trackingno", "trackingno.", "trackingnumber", "waybill",
                     "waybillno", "waybillno.", "运单号", "快递单号", "物流单号", "运单编号"),
    "amount": ("amount", "amountcollected", "collected", "codamount", "代收金额", "代收货款",
               "金额", "回款金额", "实收金额"),
    "date": ("date", "collectedon", "remittancedate", "日期", "签收日期", "回款日期",
             "代收日期"),
}
COLUMN_LABELS = {"tracking_ref": "tracking number", "amount": "amount", "date": "date"}

StatementRow = namedtuple("StatementRow", "row tracking_ref amount date")
RowProblem = namedtuple("RowProblem", "message params")

# What a statement line comes to.
PAID = "paid"                        # the amount owed, registered
SHORT = "short"                      # less than owed: registered, the rest still owed
OVER = "over"                        # more than owed: what was owed registered
ALREADY_PAID = "already_paid"        # nothing owed any more: nothing registered
NOT_INVOICED = "not_invoiced"        # the order has no invoice to pay
NOT_COD = "not_cod"                  # the parcel's order was not cash on delivery
UNKNOWN = "unknown"                  # no delivery has this tracking number
IMPORTED_BEFORE = "imported_before"  # this remittance is already booked
Judgement = namedtuple("Judgement", "outcome register difference")

CENT = Decimal("0.01")


def money(value):
    """A Decimal rounded to the cent."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def digest(content):
    """The file's fingerprint: the same statement file imported twice is one."""
    return hashlib.sha256(content).hexdigest()


def line_key(tracking_ref, date, amount):
    """One remittance: the parcel, the day and the amount (a correction of
    another amount or day is another remittance)."""
    return "%s|%s|%s" % (tracking_ref.strip().upper(), date.isoformat(), money(amount))


def _header_key(cell):
    return "".join(cell_text(cell).split()).lower()


def _columns(cells):
    """{column: index} of a header row, or None when a column is missing."""
    found = {}
    for index, cell in enumerate(cells):
        key = _header_key(cell)
        for column, names in HEADERS.items():
            if key in names and column not in found:
                found[column] = index
    return found


def _amount(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = cell_text(value).replace(",", "").replace("¥", "").replace("￥", "").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    if not amount.is_finite() or amount <= 0:
        return None
    return money(amount)


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value).strip()
    # a date, or the day of a date and time ("2026-12-01 18:30:00")
    for candidate in (text, text[:10]):
        for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"):
            try:
                return datetime.datetime.strptime(candidate, pattern).date()
            except ValueError:
                continue
    return None


def parse_statement(content, filename, max_rows=50000):
    """(rows, problems) of a statement file: a StatementRow per data row, a
    RowProblem per bad row; raises FileError when the file as a whole is
    wrong (type, encoding, header, no data)."""
    _encoding, raw_rows = read_rows(content, file_extension(filename))
    columns, header = None, None
    rows, problems = [], []
    for number, cells in raw_rows:
        if is_blank(cells):
            continue
        cells = list(cells)
        if columns is None:
            header, columns = cells, _columns(cells)
            missing = [COLUMN_LABELS[c] for c in ("tracking_ref", "amount", "date")
                       if c not in columns]
            if missing:
                raise FileError(MSG_MISSING_COLUMNS, columns=", ".join(missing),
                                header=", ".join(cell_text(c) for c in header))
            continue
        if len(rows) + len(problems) >= max_rows:
            raise FileError(MSG_TOO_MANY_ROWS, max=max_rows)

        def cell(column):
            index = columns[column]
            return cells[index] if index < len(cells) else None
        tracking = cell_text(cell("tracking_ref")).strip()
        amount, date = _amount(cell("amount")), _date(cell("date"))
        if not tracking:
            problems.append(RowProblem(MSG_TRACKING, {"row": number}))
        elif amount is None:
            problems.append(RowProblem(MSG_AMOUNT, {"row": number,
                                                    "value": cell_text(cell("amount"))}))
        elif date is None:
            problems.append(RowProblem(MSG_DATE, {"row": number,
                                                  "value": cell_text(cell("date"))}))
        else:
            rows.append(StatementRow(number, tracking, amount, date))
    if not rows and not problems:
        raise FileError(MSG_NO_DATA)
    return rows, problems


def judge(collected, owed, cod=True, invoiced=True):
    """What a remittance of `collected` comes to against what the parcel's
    order still `owed` on its invoices: a Judgement(outcome, amount to
    register, difference left for finance)."""
    collected = money(collected)
    if not cod:
        return Judgement(NOT_COD, money(0), collected)
    if not invoiced:
        return Judgement(NOT_INVOICED, money(0), collected)
    owed = money(owed)
    if owed <= 0:
        return Judgement(ALREADY_PAID, money(0), collected)
    if collected < owed:
        return Judgement(SHORT, collected, owed - collected)
    if collected > owed:
        return Judgement(OVER, owed, collected - owed)
    return Judgement(PAID, collected, money(0))
