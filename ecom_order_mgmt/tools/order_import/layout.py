# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File layouts: which column of a file holds which field of the suite.

A :class:`Layout` is the one place that knows the column names of a kind of
file. Given a file's header row it finds the column of each field
(:meth:`Layout.map_header`); given a data row it hands out the raw cell of
each field, by field key (:meth:`Layout.row_cells`). Everything after it
(conversion, grouping into orders, errors) speaks of fields only, so another
layout (a platform's own export: an import profile) plugs in here.

:data:`SUITE_LAYOUT` is the suite's own template: each field under its key,
its English label or its Chinese label (see :data:`.schema.COLUMNS`). The
platforms' layouts are data (``ecom.import.profile`` records) turned into
Layouts by the import wizard; what a platform's rows mean beyond their
columns (which statuses to import, whether the amounts must add up, the
item report of a pair) is in their :class:`PlatformRules`.
"""
import re
import unicodedata
from collections import namedtuple

from .cells import CONTROL_TABLE
from .reading import cell_text
from .schema import COLUMNS

# The column rejected_rows_csv() appends; silently ignored when re-imported.
ERROR_COLUMN = "Error"

# What a layout found in a header row: {field key: column index}, the
# header cells it ignored, the required field keys without a column, the
# field keys found in more than one column, and {field key: [column index]}
# of the other columns a field falls back to when its cell is empty.
HeaderMap = namedtuple("HeaderMap", "indexes ignored missing duplicates fallbacks")

# What a platform's export means beyond its columns:
# statuses: status keys (status.status_key) of the orders to import, None to
#   import every row; after_sale_ok: after-sale status keys that do not stop
#   an order; payment_mode: the mode of orders without a payment column;
#   check_amounts: goods, freight, discounts and paid must add up.
PlatformRules = namedtuple("PlatformRules", "statuses after_sale_ok payment_mode check_amounts")

# A unit the platforms write after an amount's column name: 商品总价(元).
_UNIT_RE = re.compile(r"\((元|件)\)")


def header_name(cell):
    """A header cell as compared: width, case, spaces, controls and a
    trailing unit such as "(元)" or "（元）" aside."""
    text = unicodedata.normalize("NFKC", cell_text(cell)).translate(CONTROL_TABLE)
    return _UNIT_RE.sub("", "".join(text.split())).lower()


class Layout(object):
    """The header names of the suite's fields in one kind of file.

    :param name: what the layout is called (e.g. "suite", "Pinduoduo")
    :param headers: {field key: header names of its column}, in order of
        preference: a field whose first column is empty on a row takes the
        next one that is not (e.g. 商家编码, else 外部系统编号)
    :param required: the field keys a file must have a column for (default:
        the required fields of the suite's template)
    :param signature: [{header name}]: the file is of this layout when each
        set has one of its names in the header (default: none, the layout
        is never recognised, only chosen)
    :param strict: two columns of one field are an error (the suite's
        template) rather than a field and its fall-back
    :param rules: the :class:`PlatformRules` of a platform's export, or None
    :param items: the Layout of the second file of a pair (the item report
        of a Tmall/Taobao order report), or None
    :param code: a short name identifying the layout (an import profile's
        code or id), kept by the background parts of a big file
    """

    def __init__(self, name, headers, required=None, signature=None, strict=True,
                 rules=None, items=None, code=None):
        self.name = name
        self.code = code or name
        self.aliases = {}
        self.preference = {}
        for key, names in headers.items():
            for rank, alias in enumerate(names):
                alias = header_name(alias)
                if alias and alias not in self.aliases:
                    self.aliases[alias] = key
                    self.preference[alias] = rank
        self.keys = frozenset(self.aliases.values())
        if required is None:
            required = [col.key for col in COLUMNS if col.required]
        self.required = tuple(key for key in required)
        self.signature = [frozenset(header_name(alias) for alias in group)
                          for group in signature or ()]
        self.strict = strict
        self.rules = rules
        self.items = items

    def has(self, key):
        """Whether the layout has a column for field `key`."""
        return key in self.keys

    def map_header(self, cells):
        """The HeaderMap of a header row (its cells as read from the file)."""
        found, ignored, duplicates = {}, [], []
        error_name = header_name(ERROR_COLUMN)
        for index, cell in enumerate(cells):
            name = header_name(cell)
            if not name or name == error_name:
                continue
            key = self.aliases.get(name)
            if key is None:
                ignored.append(cell_text(cell).strip())
                continue
            columns = found.setdefault(key, [])
            if any(self.preference[name] == rank for rank, _index in columns):
                if self.strict and key not in duplicates:
                    duplicates.append(key)
                continue  # the same name twice: the first column is the field's
            if columns and self.strict:
                if key not in duplicates:
                    duplicates.append(key)
                continue
            columns.append((self.preference[name], index))
        indexes, fallbacks = {}, {}
        for key, columns in found.items():
            columns.sort()
            indexes[key] = columns[0][1]
            if len(columns) > 1:
                fallbacks[key] = [index for _rank, index in columns[1:]]
        missing = [key for key in self.required if key not in indexes]
        return HeaderMap(indexes, ignored, missing, duplicates, fallbacks)

    def matches(self, cells):
        """How many names of the signature a header row holds (0 when one
        of its sets has none: the row is not a header of this layout)."""
        if not self.signature:
            return 0
        names = {header_name(cell) for cell in cells}
        if all(group & names for group in self.signature):
            return len(self.signature)
        return 0

    def row_cells(self, cells, indexes, fallbacks=None):
        """{field key: raw cell} of a data row, for the fields of `indexes`
        (a row shorter than the header has None in its missing cells); a
        field with `fallbacks` whose cell is empty takes the first of them
        that is not."""
        width = len(cells)
        values = {key: cells[index] if index < width else None
                  for key, index in indexes.items()}
        for key, others in (fallbacks or {}).items():
            if _blank(values[key]):
                for index in others:
                    if index < width and not _blank(cells[index]):
                        values[key] = cells[index]
                        break
        return values


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


SUITE_LAYOUT = Layout(
    "suite", {col.key: (col.key, col.label, col.label_zh) for col in COLUMNS},
    signature=[(col.key, col.label, col.label_zh) for col in COLUMNS
               if col.key in ("channel_code", "platform_ref")])
