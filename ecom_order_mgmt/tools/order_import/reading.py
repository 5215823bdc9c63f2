# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading an uploaded file: its bytes into numbered rows of raw cells.

CSV (UTF-8 with or without BOM, GB18030; comma, tab or semicolon) and XLSX
(the active sheet). Row numbers are the ones a spreadsheet shows, blank rows
included. A problem with the file as a whole raises :class:`FileError`.
Also here: a raw cell as the user sees it (:func:`cell_text`, :func:`shown`).
"""
import csv
import datetime
import io
import os
from decimal import Decimal

from .messages import (
    MSG_CSV_UNREADABLE,
    MSG_ENCODING,
    MSG_EXTENSION,
    MSG_UTF16,
    MSG_XLSX_UNREADABLE,
)

EXTENSIONS = (".csv", ".xlsx")


class FileError(Exception):
    """A file-level problem: a message template and its params."""

    def __init__(self, message, **params):
        super(FileError, self).__init__(message)
        self.message = message
        self.params = params


def format_datetime(value):
    return value.strftime("%Y-%m-%d %H:%M:%S")


def cell_text(value):
    """Text of a raw cell as the user sees it (xlsx numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # 2.0250101E+15 in a cell is the integer 2025010100000000: print it
        # whole; round away binary noise such as 17.910000000000004.
        if value.is_integer():
            return str(int(value))
        return ("%.9f" % value).rstrip("0").rstrip(".")
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def shown(value, limit=60):
    """A value for a message: text form, cut to ``limit`` characters."""
    if isinstance(value, datetime.datetime):
        text = format_datetime(value)
    else:
        text = cell_text(value) if not isinstance(value, Decimal) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def is_blank(cells):
    """Whether a row has nothing but empty or blank cells."""
    for cell in cells:
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def file_extension(filename):
    """The file's format by its name (".csv" or ".xlsx"); raises FileError otherwise."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in EXTENSIONS:
        raise FileError(MSG_EXTENSION, extension=extension or filename or "")
    return extension


def decode(content):
    """(text, encoding) of CSV bytes: UTF-8 with BOM, UTF-8, then GB18030."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileError(MSG_UTF16)
    candidates = ["utf-8", "gb18030"]
    if content.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    for encoding in candidates:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileError(MSG_ENCODING)


def csv_rows(text):
    """Yield (row number, cells) of decoded CSV text."""
    # csv in Python 3.7 refuses NUL; they would be stripped anyway.
    if "\x00" in text:
        text = text.replace("\x00", "")
    # The header line alone tells the delimiter; bound the sniffed text.
    header_line = (text[:65536].splitlines() or [""])[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row = 0
    try:
        # One record is one spreadsheet row, even with line breaks in cells.
        for row, cells in enumerate(reader, 1):
            yield row, cells
    except csv.Error as exc:
        raise FileError(MSG_CSV_UNREADABLE, row=row + 1, error=str(exc))


def xlsx_rows(content):
    """Yield (row number, cells) of the active sheet of an xlsx workbook."""
    import openpyxl  # here, so CSV-only callers never load it

    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                          data_only=True)
        sheet = workbook.active or workbook.worksheets[0]
        # Do not trust the stored <dimension>: some writers set it to A1.
        sheet.reset_dimensions()
        # Blank rows are yielded too (as empty tuples), so numbers match Excel.
        for row, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            yield row, cells
    except Exception as exc:  # zip, XML or openpyxl errors: all mean "unreadable"
        raise FileError(MSG_XLSX_UNREADABLE, error=shown(str(exc) or type(exc).__name__))
    finally:
        if workbook is not None:
            workbook.close()


def read_rows(content, extension):
    """(encoding, rows) of a file: the CSV encoding (None for xlsx) and a
    generator of (row number, cells); raises FileError (reading goes on as
    the rows are consumed, and may raise it then too)."""
    if extension == ".csv":
        text, encoding = decode(content)
        return encoding, csv_rows(text)
    return None, xlsx_rows(content)
