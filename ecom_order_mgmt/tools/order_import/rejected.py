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

from .cells import FORMULA_CHARS
from .layout import ERROR_COLUMN, header_name
from .reading import cell_text


def csv_safe(text):
    """A cell a spreadsheet will not run: one starting like a formula gets a
    leading "'" (which the parser removes again on re-import)."""
    if text and text[0] in FORMULA_CHARS:
        return "'" + text
    return text


def _writer():
    output = io.StringIO()
    return output, csv.writer(output, lineterminator="\r\n")


def rejected_rows_csv(result, error_text=None):
    """UTF-8-with-BOM CSV of the rejected rows: original header + "Error".

    One line per rejected row in file order; the Error cell joins the row's
    error texts with "; " (``error_text(error)``, by default the English
    ``error.text()``). An existing Error column (a re-imported rejected
    file) is reused rather than duplicated. The file imports again as is.
    """
    error_text = error_text or (lambda err: err.text())
    header = [cell_text(cell) for cell in result.header]
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
        line = [csv_safe(cell_text(cell)) for cell in cells[:width]]
        line += [""] * (width - len(line))
        line[error_index] = csv_safe("; ".join(texts.get(row, ())))
        writer.writerow(line)
    return output.getvalue().encode("utf-8-sig")


def orders_csv(result, orders):
    """UTF-8-with-BOM CSV of the original rows of ``orders`` (original header).

    Used to hand parts of a big file to background jobs: parsing the part
    again (same layout) gives the same orders, with the same values.
    """
    header = [cell_text(cell) for cell in result.header]
    output, writer = _writer()
    writer.writerow([csv_safe(cell) for cell in header])
    for order in orders:
        for row in order.rows:
            cells = [csv_safe(cell_text(cell)) for cell in result.raw_cells(row)]
            writer.writerow(cells + [""] * (len(header) - len(cells)))
    return output.getvalue().encode("utf-8-sig")
