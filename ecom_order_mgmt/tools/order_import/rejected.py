# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rows of a parsed file written back as CSV, in the file's own layout.

:func:`rejected_rows_csv`: the rows not imported, with an "Error" column, for
the user to fix and import again. :func:`orders_csv`: the rows of some
orders, for a background job to import them as a file of their own. Both
are UTF-8 with BOM (Excel opens them right) and keep the original header.
"""
import csv
import io
import os

from .cells import FORMULA_CHARS
from .layout import ERROR_COLUMN, header_name
from .reading import cell_text
from .result import row_part


def csv_safe(text):
    """A cell a spreadsheet will not run: one starting like a formula gets a
    leading "'" (which the parser removes again on re-import)."""
    if text and text[0] in FORMULA_CHARS:
        return "'" + text
    return text


def _writer():
    output = io.StringIO()
    return output, csv.writer(output, lineterminator="\r\n")


def _header(result, part):
    cells = result.parts[part].header if result.parts else result.header
    return [cell_text(cell) for cell in cells]


def rejected_rows_csv(result, error_text=None, part=0):
    """UTF-8-with-BOM CSV of the rejected rows: original header + "Error".

    One line per rejected row in file order; the Error cell joins the row's
    error texts with "; " (``error_text(error)``, by default the English
    ``error.text()``). An existing Error column (a re-imported rejected
    file) is reused rather than duplicated. The file imports again as is.
    ``part`` is the file of the upload (1: the item report of a pair).
    """
    error_text = error_text or (lambda err: err.text())
    header = _header(result, part)
    error_name = header_name(ERROR_COLUMN)
    error_index = None
    for index, cell in enumerate(header):
        if header_name(cell) == error_name:
            error_index = index
    if error_index is None:
        header.append(ERROR_COLUMN)
        error_index = len(header) - 1
    width = len(header)
    texts = {}
    for err in result.errors:
        if err.row is not None:
            texts.setdefault(err.row, []).append(error_text(err))
    output, writer = _writer()
    writer.writerow([csv_safe(cell) for cell in header])
    for row, cells in result.rejected_rows:
        if row_part(row)[0] != part:
            continue
        line = [csv_safe(cell_text(cell)) for cell in cells[:width]]
        line += [""] * (width - len(line))
        line[error_index] = csv_safe("; ".join(texts.get(row, ())))
        writer.writerow(line)
    return output.getvalue().encode("utf-8-sig")


def orders_csv(result, orders, part=0):
    """UTF-8-with-BOM CSV of the original rows of ``orders`` (original header).

    Used to hand parts of a big file to background jobs: parsing the part
    again (same layout) gives the same orders, with the same values.
    ``part`` is the file of the upload whose rows are written (1: the item
    report of a pair).
    """
    header = _header(result, part)
    output, writer = _writer()
    writer.writerow([csv_safe(cell) for cell in header])
    for order in orders:
        for row in order.rows:
            if row_part(row)[0] != part:
                continue
            cells = [csv_safe(cell_text(cell)) for cell in result.raw_cells(row)]
            writer.writerow(cells + [""] * (len(header) - len(cells)))
    return output.getvalue().encode("utf-8-sig")


def _csv_name(filename, suffix=""):
    return os.path.splitext(os.path.basename(filename or "orders"))[0] + suffix + ".csv"


def rejected_files(result, error_text=None, suffix="_rejected"):
    """[(file name, CSV bytes)] of the rejected rows, one per file of the
    upload (a pair gives back both its reports, so that the rejected orders
    import again with their items); [] when no row was rejected."""
    if not result.rejected_rows:
        return []
    return [(_csv_name(info.filename if info else result.filename, suffix),
             rejected_rows_csv(result, error_text, part))
            for part, info in enumerate(result.parts or [None])]


def order_files(result, orders):
    """[(file name, CSV bytes)] of the rows of `orders`, one per file of the
    upload (a background part of a big pair is a pair itself)."""
    return [(_csv_name(info.filename if info else result.filename),
             orders_csv(result, orders, part))
            for part, info in enumerate(result.parts or [None])]
