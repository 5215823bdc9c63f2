# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Parse platform order exports (CSV or XLSX, one row per order line).

Pure Python (stdlib + openpyxl), no Odoo import, so it can be unit-tested
without a database and reused by the import wizard. The modules, in the
order a file goes through them:

* :mod:`.reading`: the file's bytes into numbered rows of raw cells;
* :mod:`.layout`: which column holds which field (the one place that knows
  a file's column names; :data:`SUITE_LAYOUT` is the suite's template);
* :mod:`.cells`: each cell cleaned and converted by the kind of its field
  (:mod:`.schema` lists the fields);
* :mod:`.parser`: :func:`parse_file`, the rows grouped into orders, errors
  recorded in an :class:`ImportResult` (:mod:`.result`);
* :mod:`.rejected`: :func:`rejected_rows_csv` writes the rejected rows back
  with an "Error" column, :func:`orders_csv` the rows of some orders.

The platforms' own exports (import profiles: a :class:`Layout` with
:class:`PlatformRules`) go through :func:`parse_upload`, which also takes a
.zip and the two reports of a pair (:mod:`.bundle`), recognises the layout
of each file from its header (:mod:`.signature`), and completes their
orders (:mod:`.platform`): status (:mod:`.status`), address
(:mod:`.address`), amounts (:mod:`.amounts`).

:meth:`ImportResult.reject_order` lets the caller reject a parsed order for
reasons only the database knows (unknown channel, unknown product, an order
that cannot be saved). Messages are English templates (:mod:`.messages`)
with a ``params`` dict, so a caller can translate the template before
formatting it.
"""
from .address import Address, split_address
from .bundle import is_zip, pack
from .layout import ERROR_COLUMN, SUITE_LAYOUT, HeaderMap, Layout, PlatformRules, header_name
from .messages import (
    MSG_CSV_UNREADABLE,
    MSG_DATETIME,
    MSG_DECIMALS,
    MSG_DIFFERS,
    MSG_DUPLICATE_COLUMN,
    MSG_ENCODING,
    MSG_EXTENSION,
    MSG_FORMULA,
    MSG_MISSING_COLUMNS,
    MSG_NEGATIVE,
    MSG_NO_DATA,
    MSG_NOT_AMOUNT,
    MSG_NOT_POSITIVE,
    MSG_NOT_WHOLE,
    MSG_ORDER_REJECTED,
    MSG_PAYMENT_MODE,
    MSG_PHONE_CHARS,
    MSG_PHONE_DIGITS,
    MSG_REQUIRED,
    MSG_SCIENTIFIC,
    MSG_TOO_BIG,
    MSG_TOO_LARGE,
    MSG_TOO_LONG,
    MSG_TOO_MANY_ROWS,
    MSG_UTF16,
    MSG_XLSX_UNREADABLE,
)
from .parser import parse_file, parse_upload
from .rejected import order_files, orders_csv, rejected_files, rejected_rows_csv
from .result import ITEM_ROWS, ImportResult, ParsedLine, ParsedOrder, RowError, row_part
from .schema import COLUMN_BY_KEY, COLUMNS, PLATFORM_COLUMNS, Column
from .status import status_key, status_keys
