# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an order import tells the user about a file, its rows and cells.

English templates with ``%(name)s`` placeholders, filled with an error's
``params``; the caller translates the template before formatting it.
``params["column"]`` holds the English label of the suite's field (see
:data:`.schema.COLUMNS`), which the caller may swap for a translated one.
"""


def _(message):
    """Mark a message template for translation extraction; returns it as is.

    The caller translates the template (Odoo's ``_``) before formatting it
    with the error's params, so nothing is translated here.
    """
    return message


MSG_EXTENSION = _("Unsupported file type \"%(extension)s\": upload a .csv or .xlsx file.")
MSG_TOO_LARGE = _("The file is %(size)s MB, more than the %(limit)s MB limit.")
MSG_ENCODING = _("The file is neither UTF-8 nor GB18030 text: save it as \"CSV UTF-8\".")
MSG_UTF16 = _("The file is UTF-16 text: save it as \"CSV UTF-8\" or .xlsx instead.")
MSG_CSV_UNREADABLE = _("The CSV file cannot be read at row %(row)s: %(error)s")
MSG_XLSX_UNREADABLE = _("The file is not a readable .xlsx workbook (%(error)s).")
MSG_MISSING_COLUMNS = _("Required columns are missing: %(columns)s.")
MSG_DUPLICATE_COLUMN = _("Column %(column)s appears more than once in the header.")
MSG_NO_DATA = _("The file has no data rows.")
MSG_TOO_MANY_ROWS = _("The file has more than %(max)s data rows: split it into smaller files.")
MSG_REQUIRED = _("%(column)s is required.")
MSG_FORMULA = _("%(column)s \"%(value)s\" looks like a spreadsheet formula; "
                "enter the value itself.")
MSG_TOO_LONG = _("%(column)s is longer than %(max)s characters.")
MSG_SCIENTIFIC = _("%(column)s \"%(value)s\" was turned into scientific notation by the "
                   "spreadsheet and its digits are lost: format the column as text.")
MSG_DATETIME = _("%(column)s \"%(value)s\" is not a valid date and time "
                 "(expected YYYY-MM-DD HH:MM:SS).")
MSG_PHONE_CHARS = _("%(column)s \"%(value)s\" may only contain digits, spaces, + and -.")
MSG_PHONE_DIGITS = _("%(column)s \"%(value)s\" must contain 7 to 15 digits.")
MSG_NOT_WHOLE = _("%(column)s \"%(value)s\" is not a whole number.")
MSG_NOT_POSITIVE = _("%(column)s must be greater than 0 (got %(value)s).")
MSG_NOT_AMOUNT = _("%(column)s \"%(value)s\" is not a valid amount.")
MSG_NEGATIVE = _("%(column)s must not be negative (got %(value)s).")
MSG_DECIMALS = _("%(column)s \"%(value)s\" has more than 2 decimals.")
MSG_TOO_BIG = _("%(column)s \"%(value)s\" is too large.")
MSG_PAYMENT_MODE = _("%(column)s \"%(value)s\" is not a known payment mode "
                     "(expected one of: %(modes)s).")
MSG_DIFFERS = _("%(column)s \"%(value)s\" differs from row %(first)s of the same order "
                "(\"%(expected)s\").")
MSG_ORDER_REJECTED = _("Order %(ref)s rejected because row %(bad_row)s has an error.")
MSG_ORDER_REJECTED_ITEM = _("Order %(ref)s rejected because row %(bad_row)s of the item "
                            "report has an error.")
# The platforms' own exports (import profiles)
MSG_GOODS_MISMATCH = _("The items add up to %(items)s, but the goods total of the order "
                       "is %(declared)s.")
MSG_TOTAL_MISMATCH = _("The order total is %(declared)s, but goods %(goods)s and freight "
                       "%(freight)s make %(expected)s.")
MSG_PAID_MISMATCH = _("The buyer paid %(paid)s, but goods %(goods)s less discounts "
                      "%(discounts)s plus freight %(freight)s make %(expected)s.")
MSG_PAID_ABOVE = _("The buyer paid %(paid)s, more than goods %(goods)s and freight "
                   "%(freight)s (%(expected)s).")
MSG_NO_ORDER_ROW = _("Order %(ref)s of the item report has no row in the order report "
                     "%(orders)s.")
MSG_NO_ITEMS = _("Order %(ref)s has no item in the item report %(items)s.")
MSG_NO_PRODUCT = _("Give the merchant code, the platform's product ID or the product title "
                   "of this item.")
MSG_PAIR_UNRELATED = _("The item report %(items)s and the order report %(orders)s have no "
                       "order number in common: they are not exports of the same shop and "
                       "period.")
MSG_PAIR_SHOPS = _("The order report %(orders)s is from shop \"%(shop)s\" and the item report "
                   "%(items)s from shop \"%(other)s\": upload the two reports of one shop.")
MSG_MIXED_LAYOUTS = _("Row %(row)s is the header of another export (%(layout)s): a file holds "
                      "one export; import each on its own.")
MSG_AMBIGUOUS_LAYOUT = _("The header has the columns of several exports (%(layouts)s): a file "
                         "holds one export; import each on its own.")
MSG_NEEDS_ITEMS = _("%(file)s is the order report of a %(layout)s pair: upload its item "
                    "report with it (second file, or both in one .zip).")
MSG_NEEDS_ORDERS = _("%(file)s is the item report of a %(layout)s pair: upload its order "
                     "report with it (first file, or both in one .zip).")
MSG_NOT_A_PAIR = _("%(first)s and %(second)s are not the order report and the item report "
                   "of one export.")
MSG_ZIP_UNREADABLE = _("The file is not a readable .zip archive (%(error)s).")
MSG_ZIP_CONTENT = _("A .zip must hold one or two .csv or .xlsx files (found %(count)s).")
MSG_ZIP_TOO_LARGE = _("The files in the .zip are %(size)s MB, more than the %(limit)s MB "
                      "limit.")
