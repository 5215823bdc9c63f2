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
its English label or its Chinese label (see :data:`.schema.COLUMNS`).
"""
from collections import namedtuple

from .cells import CONTROL_TABLE
from .reading import cell_text
from .schema import COLUMNS

# The column rejected_rows_csv() appends; silently ignored when re-imported.
ERROR_COLUMN = "Error"

# What a layout found in a header row: {field key: column index}, the
# header cells it ignored, the required field keys without a column, and the
# field keys found in more than one column.
HeaderMap = namedtuple("HeaderMap", "indexes ignored missing duplicates")


def header_name(cell):
    """A header cell as compared: control characters and case aside, spaces single."""
    return " ".join(cell_text(cell).translate(CONTROL_TABLE).split()).lower()


class Layout(object):
    """The header names of the suite's fields in one kind of file.

    :param name: what the layout is called (e.g. "suite", later "tmall")
    :param headers: {field key: header names of its column}
    """

    def __init__(self, name, headers):
        self.name = name
        self.aliases = {}
        for key, names in headers.items():
            for alias in names:
                self.aliases[header_name(alias)] = key

    def map_header(self, cells):
        """The HeaderMap of a header row (its cells as read from the file)."""
        indexes, ignored, duplicates = {}, [], []
        error_name = header_name(ERROR_COLUMN)
        for index, cell in enumerate(cells):
            name = header_name(cell)
            if not name or name == error_name:
                continue
            key = self.aliases.get(name)
            if key is None:
                ignored.append(cell_text(cell).strip())
            elif key in indexes:
                if key not in duplicates:
                    duplicates.append(key)
            else:
                indexes[key] = index
        missing = [col.key for col in COLUMNS if col.required and col.key not in indexes]
        return HeaderMap(indexes, ignored, missing, duplicates)

    def row_cells(self, cells, indexes):
        """{field key: raw cell} of a data row, for the fields of `indexes`
        (a row shorter than the header has None in its missing cells)."""
        width = len(cells)
        return {key: cells[index] if index < width else None
                for key, index in indexes.items()}


SUITE_LAYOUT = Layout("suite", {col.key: (col.key, col.label, col.label_zh)
                                for col in COLUMNS})
