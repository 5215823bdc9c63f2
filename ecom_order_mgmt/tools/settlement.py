# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Platform settlement files (对账单) read into settlement lines, ORM-free.

A platform pays a shop out on a statement: per order, what the buyer paid
(gross), what the platform keeps (commission / technical service fee, other
fees) and the net it transfers. Each platform writes it its own way; a
:class:`Profile` knows one of them:

* ``per_order``: one row per order with the amounts in columns (the suite's
  template, JD's 结算单, Pinduoduo's 货款明细);
* ``ledger``: one row per money movement typed by a business type, folded
  here into one line per order (Alipay's account statement 支付宝账务明细:
  the trade's income, the refund, the service fee are separate rows).

:func:`parse_settlement` reads a file (through :mod:`.order_import.reading`),
finds the header and its profile (:class:`.order_import.layout.Layout`) and
returns the lines, each with the platform's own unique key (its line or
transaction number: importing the same line twice is recognised by it). A
file with any unreadable row is refused whole: a statement is booked
complete or not at all. :func:`match` says whether a line's gross is what
the clearing account holds for its order. Amounts are Decimal, to the cent.
"""
import datetime
import re
from collections import OrderedDict, namedtuple
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .order_import.cells import CONTROL_TABLE, DATETIME_FORMATS
from .order_import.layout import Layout
from .order_import.reading import FileError, cell_text, file_extension, read_rows, shown

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Rows read before giving up on finding the header (Alipay writes a preamble).
HEADER_SEARCH_ROWS = 30
MAX_ROWS = 50000

# What a settlement line says, in the currency of the company.
SettlementLine = namedtuple(
    "SettlementLine", "row key order_ref date gross commission other_fees net")
# A parsed file: its profile's name, the lines, the rows left aside (no
# order: withdrawals, transfers) and the errors [(row, message, params)].
SettlementFile = namedtuple("SettlementFile", "profile lines skipped errors")

# Why a line is not booked on its own (see :func:`match`).
NO_ORDER = "no_order"
NO_PAYMENT = "no_payment"
SETTLED = "settled"
AMOUNT = "amount"


def _(message):
    """Mark a message template for translation (the caller translates it)."""
    return message


MSG_NO_HEADER = _("No settlement header found in the first %(rows)s rows: the file is "
                  "not a settlement this import knows (%(expected)s).")
MSG_NO_LINES = _("The file has no settlement line.")
MSG_TOO_MANY = _("The file has more than %(max)s rows: split it.")
MSG_REQUIRED = _("Row %(row)s: %(column)s is required.")
MSG_AMOUNT = _("Row %(row)s: %(column)s \"%(value)s\" is not an amount.")
MSG_DATE = _("Row %(row)s: %(column)s \"%(value)s\" is not a date.")
MSG_NET = _("Row %(row)s: the net %(net)s is not the gross %(gross)s less the fees "
            "%(fees)s.")
MSG_DUPLICATE = _("Row %(row)s: line %(key)s appears twice in the file (row %(first)s).")

Profile = namedtuple("Profile", "name label kind layout required")


def _profile(name, label, kind, headers, required):
    return Profile(name, label, kind, Layout(name, headers), tuple(required))


# The columns each profile reads (header names compared without case and
# with single spaces, see layout.header_name).
PROFILES = OrderedDict((profile.name, profile) for profile in (
    _profile("suite", "E-commerce template", "per_order", {
        "key": ("Line No.", "Transaction No.", "流水号", "结算流水号"),
        "order_ref": ("Platform Order No.", "Order No.", "平台订单号", "订单号"),
        "date": ("Date", "Settled At", "结算时间", "日期"),
        "gross": ("Gross", "Gross Amount", "订单金额", "应收金额"),
        "commission": ("Commission", "佣金", "技术服务费", "佣金及技术服务费"),
        "other_fees": ("Other Fees", "其他费用"),
        "net": ("Net", "Net Paid", "结算金额", "实收金额", "实结金额"),
    }, ("key", "order_ref", "gross", "net")),
    _profile("alipay", "Alipay account statement (支付宝账务明细)", "ledger", {
        "key": ("账务流水号",),
        "order_ref": ("商户订单号",),
        "date": ("发生时间", "入账时间"),
        "income": ("收入金额（+元）", "收入金额(+元)", "收入金额"),
        "expense": ("支出金额（-元）", "支出金额(-元)", "支出金额"),
        "kind": ("业务类型", "账务类型"),
    }, ("key", "order_ref", "income", "expense", "kind")),
    _profile("jd", "JD settlement (京东结算单)", "per_order", {
        "key": ("单据编号", "结算单号"),
        "order_ref": ("订单编号", "订单号"),
        "date": ("结算时间", "完成时间"),
        "gross": ("货款(元)", "货款", "订单金额(元)"),
        "commission": ("佣金(元)", "佣金", "平台使用费(元)"),
        "other_fees": ("其他费用(元)", "其他费用"),
        "net": ("应结金额(元)", "应结金额", "结算金额(元)"),
    }, ("key", "order_ref", "gross", "net")),
    _profile("pdd", "Pinduoduo settlement (拼多多货款明细)", "per_order", {
        "key": ("账单流水号", "流水号"),
        "order_ref": ("订单编号", "订单号"),
        "date": ("入账时间", "结算时间"),
        "gross": ("订单金额(元)", "订单金额", "商品金额(元)"),
        "commission": ("技术服务费(元)", "技术服务费"),
        "other_fees": ("其他费用(元)", "其他费用"),
        "net": ("实收金额(元)", "实收金额", "结算金额(元)"),
    }, ("key", "order_ref", "gross", "net")),
))

# Column names shown in messages, per field key.
COLUMN_LABELS = {"key": "Line No.", "order_ref": "Platform Order No.", "date": "Date",
                 "gross": "Gross", "commission": "Commission", "other_fees": "Other Fees",
                 "net": "Net", "income": "收入金额", "expense": "支出金额", "kind": "业务类型"}

# Alipay business types (业务类型): what a movement of an order is.
LEDGER_TRADE = ("交易", "交易付款", "在线支付", "收款", "交易收款", "货款")
LEDGER_REFUND = ("退款", "交易退款", "售后退款")
LEDGER_COMMISSION = ("服务费", "技术服务费", "佣金", "交易佣金", "收费", "软件服务费",
                     "基础软件服务费")
# A platform's prefix before the shop's order number (Taobao/Tmall trades
# in an Alipay statement: T200P + the order number).
ORDER_PREFIX_RE = re.compile(r"^T\d{3}P(?=\d)")


def money(value):
    """A Decimal rounded half-up to the cent."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value if isinstance(value, Decimal) else str(value)).quantize(
        CENT, rounding=ROUND_HALF_UP)


def order_refs(reference):
    """The order numbers a statement's order reference may stand for."""
    reference = (reference or "").strip()
    refs = [reference] if reference else []
    bare = ORDER_PREFIX_RE.sub("", reference)
    if bare and bare != reference:
        refs.append(bare)
    return refs


def parse_amount(cell):
    """Decimal of an amount cell (None when empty); raises ValueError.

    Accepts ¥/￥, thousands separators and a bracketed negative "(5.00)".
    """
    if cell is None:
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return money(cell)
    text = cell_text(cell).translate(CONTROL_TABLE).strip().replace(" ", "")
    if not text or text in ("-", "--"):
        return None
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()").lstrip("¥￥").replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text)
    if not value.is_finite():
        raise ValueError(text)
    return money(-value if negative else value)


def parse_date(cell):
    """A datetime.date of a date cell (None when empty); raises ValueError."""
    if cell is None:
        return None
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = " ".join(cell_text(cell).translate(CONTROL_TABLE).split())
    if not text:
        return None
    for pattern in DATETIME_FORMATS + ("%Y/%m/%d", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def find_header(rows, profiles=None):
    """(profile, header map, header row number) of the first row that is a
    complete header of a profile; rows before it are the file's preamble.

    :param rows: iterator of (row number, cells), consumed up to the header
    """
    profiles = list((profiles or PROFILES).values())
    for row, cells in rows:
        if row > HEADER_SEARCH_ROWS:
            break
        best = None
        for profile in profiles:
            indexes = profile.layout.map_header(cells).indexes
            if all(key in indexes for key in profile.required):
                if best is None or len(indexes) > len(best[1]):
                    best = (profile, indexes)
        if best:
            return best[0], best[1], row
    return None, None, None


def _text(value):
    return " ".join(cell_text(value).translate(CONTROL_TABLE).split())


def _read_cells(profile, cells, indexes, row, errors):
    """{field key: converted value} of one data row, errors appended."""
    raw = profile.layout.row_cells(cells, indexes)
    values = {"key": _text(raw.get("key")), "order_ref": _text(raw.get("order_ref")),
              "kind": _text(raw.get("kind"))}
    for key in ("gross", "commission", "other_fees", "net", "income", "expense"):
        if key not in raw:
            continue
        try:
            values[key] = parse_amount(raw[key])
        except ValueError:
            errors.append((row, MSG_AMOUNT, {"row": row, "column": COLUMN_LABELS[key],
                                             "value": shown(raw[key])}))
            return None
    try:
        values["date"] = parse_date(raw.get("date"))
    except ValueError:
        errors.append((row, MSG_DATE, {"row": row, "column": COLUMN_LABELS["date"],
                                       "value": shown(raw.get("date"))}))
        return None
    for key in ("key",) + (("order_ref", "gross") if profile.kind == "per_order" else ()):
        if values.get(key) in (None, ""):
            errors.append((row, MSG_REQUIRED, {"row": row, "column": COLUMN_LABELS[key]}))
            return None
    return values


def _per_order_line(row, values, errors):
    gross = values["gross"]
    # Deductions are written as positive or negative numbers: both are fees.
    commission = abs(values.get("commission") or ZERO)
    other = abs(values.get("other_fees") or ZERO)
    net = values.get("net")
    if net is None:
        net = gross - commission - other
    elif net != gross - commission - other:
        errors.append((row, MSG_NET, {"row": row, "net": net, "gross": gross,
                                      "fees": commission + other}))
        return None
    return SettlementLine(row, values["key"], values["order_ref"], values["date"], gross,
                          commission, other, net)


class _Fold(object):
    """The movements of one order in a ledger file, folded into one line."""

    def __init__(self, row, key, order_ref, date):
        self.row, self.key, self.order_ref, self.date = row, key, order_ref, date
        self.gross = self.commission = self.other = ZERO

    def add(self, values):
        income = values.get("income") or ZERO
        expense = abs(values.get("expense") or ZERO)
        kind = values["kind"]
        if values.get("date") and (not self.date or values["date"] > self.date):
            self.date = values["date"]
        self.gross += income
        if kind in LEDGER_REFUND:
            self.gross -= expense
        elif kind in LEDGER_COMMISSION:
            self.commission += expense
        elif kind in LEDGER_TRADE:
            self.gross -= expense
        else:
            self.other += expense

    def line(self):
        return SettlementLine(self.row, self.key, self.order_ref, self.date, self.gross,
                              self.commission, self.other,
                              self.gross - self.commission - self.other)


def _data_rows(rows):
    """Data rows after the header: blank rows and '#' comment rows (Alipay's
    summary at the end) left out."""
    for row, cells in rows:
        if row > MAX_ROWS:
            raise FileError(MSG_TOO_MANY, max=MAX_ROWS)
        first = _text(cells[0]) if cells else ""
        if first.startswith("#") or not any(_text(cell) for cell in cells):
            continue
        yield row, cells


def parse_settlement(content, filename, profiles=None):
    """A :class:`SettlementFile` of a file's bytes; raises FileError when the
    file as a whole cannot be read (type, encoding, no header, no line)."""
    _encoding, rows = read_rows(content, file_extension(filename))
    profile, indexes, _header_row = find_header(rows, profiles)
    if profile is None:
        raise FileError(MSG_NO_HEADER, rows=HEADER_SEARCH_ROWS, expected="; ".join(
            p.label for p in (profiles or PROFILES).values()))
    errors, lines, skipped, seen = [], [], 0, {}
    folds = OrderedDict()
    for row, cells in _data_rows(rows):
        values = _read_cells(profile, cells, indexes, row, errors)
        if values is None:
            continue
        if profile.kind == "ledger":
            if not values["order_ref"]:
                skipped += 1  # withdrawals, transfers: not an order's money
                continue
            fold = folds.get(values["order_ref"])
            if fold is None:
                fold = folds[values["order_ref"]] = _Fold(
                    row, values["key"], values["order_ref"], values["date"])
            fold.add(values)
            continue
        if values["key"] in seen:
            errors.append((row, MSG_DUPLICATE, {"row": row, "key": values["key"],
                                                "first": seen[values["key"]]}))
            continue
        seen[values["key"]] = row
        line = _per_order_line(row, values, errors)
        if line:
            lines.append(line)
    lines.extend(fold.line() for fold in folds.values())
    if not lines and not errors:
        raise FileError(MSG_NO_LINES)
    return SettlementFile(profile.name, sorted(lines, key=lambda ln: ln.row), skipped, errors)


def match(gross, expected, found, booked):
    """Why a line cannot be booked as it is, or None when it can.

    :param gross: what the platform says the buyer paid for the order
    :param expected: what the clearing account still holds for the order
        (its open items: payments in, refunds out)
    :param found: whether the order was found
    :param booked: whether the order has any item in the clearing account,
        settled or not
    """
    if not found:
        return NO_ORDER
    if not booked:
        return NO_PAYMENT
    if money(expected) == ZERO and money(gross) != ZERO:
        return SETTLED
    if money(gross) != money(expected):
        return AMOUNT
    return None


def age_bucket(days):
    """The age bucket of an item `days` old (the report's SQL says the same)."""
    for limit, bucket in AGE_LIMITS:
        if days <= limit:
            return bucket
    return AGE_BUCKETS[-1][0]


AGE_BUCKETS = [
    ("0_7", "0-7 days"),
    ("8_15", "8-15 days"),
    ("16_30", "16-30 days"),
    ("31_60", "31-60 days"),
    ("61", "Over 60 days"),
]
AGE_LIMITS = [(7, "0_7"), (15, "8_15"), (30, "16_30"), (60, "31_60")]


def age_bucket_sql(days_sql):
    """The SQL CASE of :func:`age_bucket` over an expression in days."""
    whens = " ".join("WHEN %s <= %d THEN '%s'" % (days_sql, limit, bucket)
                     for limit, bucket in AGE_LIMITS)
    return "CASE %s ELSE '%s' END" % (whens, AGE_BUCKETS[-1][0])
