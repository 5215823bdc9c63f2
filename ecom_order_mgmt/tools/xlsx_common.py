# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX layout shared by the suite's exports (ledger, daily list, KPI reports).

Plain functions over an xlsxwriter workbook/sheet: one look for every sheet
(title, header lines, column titles on a blue band frozen in view, bordered
cells with number formats, a totals row of SUM formulas).

A column is a tuple ``(key, width, kind)``; the kind picks the cell format
(`text`, `date`, `datetime`, `integer`, `quantity`, `weight`, `money`,
`hours`, `percent`).
"""
from xlsxwriter.utility import xl_rowcol_to_cell

NUM_FORMATS = {
    "text": None,
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "integer": "0",
    "quantity": "#,##0.##",
    "weight": "#,##0.00",
    "money": "#,##0.00",
    "hours": "#,##0.00",
    # values are percentages already (0-100), not fractions
    "percent": '0.0"%"',
}
DATE_KINDS = ("date", "datetime")


def add_formats(workbook):
    """The cell formats of a sheet: title, header, one per kind and its total."""
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({
            "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
            "valign": "vcenter"}),
        "total_label": workbook.add_format({"bold": True, "top": 2}),
    }
    for kind, num_format in NUM_FORMATS.items():
        cell = {"border": 1}
        if num_format:
            cell["num_format"] = num_format
        formats[kind] = workbook.add_format(cell)
        formats["total_" + kind] = workbook.add_format(dict(cell, bold=True, top=2))
    return formats


def write_title(sheet, formats, title, lines):
    """Title in A1 and one header line per entry of `lines` below it.

    Returns the row index after the last line.
    """
    sheet.write(0, 0, title, formats["title"])
    for row, line in enumerate(lines, start=1):
        sheet.write(row, 0, line)
    return len(lines) + 1


def write_header(sheet, formats, row, columns, titles):
    """Column titles on `row`, column widths set, and the header frozen in view."""
    for col, (key, width, _kind) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write(row, col, titles[key], formats["header"])
    sheet.set_row(row, 30)
    # Keep the column titles in view while scrolling through the rows.
    sheet.freeze_panes(row + 1, 0)


def write_row(sheet, formats, row, columns, values):
    """One data row: each value in the format of its column's kind."""
    for col, (key, _width, kind) in enumerate(columns):
        value = values[key]
        if value is None or value is False or value == "":
            sheet.write_blank(row, col, None, formats[kind])
        elif kind in DATE_KINDS:
            sheet.write_datetime(row, col, value, formats[kind])
        else:
            sheet.write(row, col, value, formats[kind])


def write_totals(sheet, formats, row, first, columns, totals, label, labels=None):
    """Totals row on `row` for the data rows `first` .. `row - 1`.

    `totals` maps the summed keys to their values; each is written as a SUM
    formula (so the sheet stays right when rows are edited) with the value
    cached for readers that do not recalculate. A key of `labels` (a dict
    key → text) writes a text instead, e.g. a count or an overall average.
    """
    sheet.write(row, 0, label, formats["total_label"])
    for col, (key, _width, kind) in enumerate(columns):
        if labels and key in labels:
            sheet.write(row, col, labels[key], formats["total_" + kind])
        elif key in totals:
            cell_format = formats["total_" + kind]
            if row > first:
                formula = "=SUM(%s:%s)" % (xl_rowcol_to_cell(first, col),
                                           xl_rowcol_to_cell(row - 1, col))
                sheet.write_formula(row, col, formula, cell_format, totals[key])
            else:
                sheet.write_number(row, col, 0, cell_format)
