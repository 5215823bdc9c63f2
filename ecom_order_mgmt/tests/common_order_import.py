# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order file parser tests (test_tools_order_import*.py): sample rows and files."""
import csv
import io
import os

import openpyxl

from ..tools import order_import as oi

SAMPLES = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                       os.pardir, os.pardir, "data", "samples")

HEADER_EN = [col.label for col in oi.COLUMNS]
HEADER_ZH = [col.label_zh for col in oi.COLUMNS]
KEYS = [col.key for col in oi.COLUMNS]

BASE_ROW = {
    "channel_code": "TMALL01",
    "platform_ref": "9000000000001",
    "order_time": "2026-11-20 10:15:00",
    "buyer_name": "张三",
    "phone": "13800138000",
    "province": "浙江省",
    "city": "杭州市",
    "district": "西湖区",
    "street": "文三路1号",
    "product_code": "EC-CAP-BLK",
    "quantity": "2",
    "unit_price": "59.00",
    "paid_amount": "118.00",
    "payment_mode": "支付宝",
    "remark": "",
}


def row(**values):
    """A valid line as a {key: text} dict, with ``values`` overriding it."""
    line = dict(BASE_ROW)
    line.update(values)
    return line


def make_csv(rows, header=None, keys=None, encoding="utf-8", delimiter=","):
    """CSV bytes: ``header`` (default English) over the ``rows`` dicts."""
    keys = keys or KEYS
    header = header or [oi.COLUMN_BY_KEY[key].label for key in keys]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for line in rows:
        writer.writerow([line.get(key, "") for key in keys] if isinstance(line, dict)
                        else line)
    return out.getvalue().encode(encoding)


def parse_rows(rows, **kwargs):
    return oi.parse_file(make_csv(rows, **kwargs), "orders.csv")


def make_xlsx(rows, header=None):
    """XLSX bytes with raw cell values (numbers, datetimes kept native)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header or HEADER_EN)
    for line in rows:
        sheet.append([line.get(key) for key in KEYS] if isinstance(line, dict) else line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def located(result):
    """The errors as (row, column) pairs, in result order."""
    return [(err.row, err.column) for err in result.errors]


def read_sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        return handle.read()
