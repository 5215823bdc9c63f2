# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a platform's own export needs once its rows are read (the parser's
last steps for a layout with :class:`.layout.PlatformRules`).

* :func:`skip_orders`: the orders not paid-and-waiting-to-ship leave, with
  their status (:mod:`.status`); they are neither imported nor errors;
* :func:`join_items`: the item report of a pair joined to its order report
  on the order number, each item a line of its order; an item without its
  order, an order without items, two reports of different shops or of no
  common order are refused;
* :func:`complete_orders`: each order's address split (:mod:`.address`),
  its payment mode, its unit prices worked out where the export gives only
  a goods total, and its amounts reconciled (:mod:`.amounts`) into the
  freight and discount lines that make its total what the buyer paid.
"""
from ...const import COD_MODES
from .address import split_address
from .amounts import ZERO, Figures, reconcile, unit_price
from .messages import (
    MSG_NO_ITEMS,
    MSG_NO_ORDER_ROW,
    MSG_NO_PRODUCT,
    MSG_PAIR_SHOPS,
    MSG_PAIR_UNRELATED,
    MSG_REQUIRED,
)
from .reading import FileError
from .result import ParsedLine, Part, SkippedOrder
from .schema import COLUMN_BY_KEY
from .status import skip_reason


def _label(key):
    return COLUMN_BY_KEY[key].label


def skip_orders(result, orders, rules):
    """Move the orders whose platform status is not to be imported from
    `orders` ({key: ParsedOrder}) to ``result.skipped``."""
    forgotten = []
    for key, order in list(orders.items()):
        reason = skip_reason(order.status, order.after_sale_status, rules.statuses,
                             rules.after_sale_ok)
        if reason is None:
            continue
        del orders[key]
        result.skipped.setdefault(order.platform_ref,
                                  SkippedOrder(order.platform_ref, reason, order.first_row))
        forgotten.extend(order.rows)
    result.forget_rows(forgotten)


def join_items(sheet, reading, orders, read_rows):
    """Add the rows of the item report `sheet` to their orders (by order
    number) as lines; raises FileError when the two reports are not a pair.

    ``read_rows(sheet, reading)`` yields the item rows' (row, values).
    """
    result = reading.result
    result.parts.append(Part(sheet.filename, list(sheet.header), sheet.encoding))
    by_ref = {order.platform_ref: order for order in orders.values()}
    orders_file = result.parts[0].filename
    items = matched = 0
    for row, values in read_rows(sheet, reading):
        ref = values.get("platform_ref")
        if ref is None:
            result.reject_row(row)
            continue
        items += 1
        if ref in result.skipped:
            matched += 1
            result.forget_rows([row])
            continue
        order = by_ref.get(ref)
        if order is None:
            result.add_error(row, "platform_ref", MSG_NO_ORDER_ROW, {
                "column": _label("platform_ref"), "ref": ref, "orders": orders_file})
            result.reject_row(row)
            continue
        matched += 1
        order.rows.append(row)
        line = make_line(row, values, True)
        if line is not None:
            order.lines.append(line)
    _check_pair(result, reading, sheet, items, matched)
    for order in orders.values():
        if order.rows == [order.first_row]:
            result.add_error(order.first_row, None, MSG_NO_ITEMS,
                             {"ref": order.platform_ref, "items": sheet.filename})


def _check_pair(result, reading, sheet, items, matched):
    orders_file = result.parts[0].filename
    if reading.shops and result.shops and reading.shops != result.shops:
        raise FileError(MSG_PAIR_SHOPS, orders=orders_file, items=sheet.filename,
                        shop=", ".join(sorted(result.shops)),
                        other=", ".join(sorted(reading.shops)))
    if items and not matched:
        raise FileError(MSG_PAIR_UNRELATED, orders=orders_file, items=sheet.filename)


def complete_orders(result, orders, layout):
    """Address, payment mode, prices and money of the platform's orders; an
    order whose amounts do not add up gets an error (and is rejected)."""
    rules = layout.rules
    for order in orders.values():
        if result.has_errors(order):
            continue  # rejected anyway: its values may be missing
        _complete_address(order)
        order.payment_mode = order.payment_mode or rules.payment_mode
        exact = _complete_lines(result, order)
        if exact is None:
            continue
        paid = order.paid_amount
        if rules.check_amounts:
            figures = Figures(order.amount_total, order.goods_amount, order.freight,
                              order.shop_discount, order.platform_discount,
                              order.total_amount, paid, exact)
            completion, mismatch = reconcile(figures)
            if mismatch is not None:
                result.add_error(order.first_row, mismatch.field, mismatch.message,
                                 dict(mismatch.params, column=_label(mismatch.field)))
                continue
            order.freight_line, order.discount_line = completion
        else:
            order.freight_line = order.freight or order.freight_line
        order.payable = paid
        if order.payment_mode in COD_MODES:
            order.paid_amount = ZERO  # due on delivery, not paid yet


def _complete_address(order):
    """Province, city, district and street from the export's full address
    (or from a street column that holds one); flagged when they cannot be
    told apart."""
    text = order.full_address
    if not text and order.street and not (order.province and order.city):
        text = order.street  # the whole address in the street column
    if not text:
        order.address_review = not (order.province and order.city and order.street)
        return
    address = split_address(text)
    order.postcode = address.postcode
    if address.complete:
        order.province, order.city = address.province, address.city
        order.district, order.street = address.district, address.street
        return
    # Kept as written, for CS to check: nothing is guessed from it.
    order.province = address.province or order.province or ""
    order.city = address.city or order.city or ""
    order.district, order.street = "", address.street
    order.address_review = True


def _complete_lines(result, order):
    """Whether the order's unit prices are the export's own (True) or worked
    out from its goods total (False); None after an error on a line."""
    exact, failed = True, False
    for line in order.lines:
        if not (line.product_code or line.product_ref or line.title):
            result.add_error(line.row, "product_code", MSG_NO_PRODUCT,
                             {"column": _label("product_code")})
            failed = True
        if line.unit_price is None:
            if order.goods_amount is None or len(order.lines) != 1:
                result.add_error(line.row, "unit_price", MSG_REQUIRED,
                                 {"column": _label("unit_price")})
                failed = True
                continue
            line.unit_price = unit_price(order.goods_amount, line.quantity)
            exact = False
    return None if failed else exact


def make_line(row, values, platform_file):
    """The ParsedLine of a row, or None when the row has none (a row of an
    order report, or a line whose cells did not convert)."""
    quantity, price = values.get("quantity"), values.get("unit_price")
    if not quantity:
        return None
    if not platform_file:
        code = values.get("product_code")
        if code and price is not None:
            return ParsedLine(code, quantity, price, row)
        return None
    # A platform's unit price may be worked out later from the goods total.
    return ParsedLine(values.get("product_code") or "", quantity, price, row,
                      values.get("product_ref") or "", values.get("product_title") or "",
                      values.get("spec") or "")
