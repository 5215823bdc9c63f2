# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Data of the printed documents of deliveries and receipts (QWeb PDF).

The templates only lay out what these report models compute, so that the
arithmetic (prices of the sale lines, parcel numbering, colour and size of a
variant) lives in Python and is tested once for every document.

Every page of a print (the five copies of each delivery note, each label)
is made with CSS page breaks inside one "article" of the layout rather than
one article per page or per record: wkhtmltopdf built without its patched Qt
(Debian's package) cannot take several articles, and prints nothing then.
This way waybills and labels of many deliveries still print together there.
"""
from odoo import api, models

# Product attributes read as colour and size on the receiving mark; names
# are compared case-insensitively, in English and in Chinese.
COLOUR_NAMES = ("colour", "color", "颜色", "顏色")
SIZE_NAMES = ("size", "尺码", "尺碼", "尺寸")


def attribute_value(product, names):
    """The value of `product`'s attribute called one of `names`, or ''."""
    for value in product.attribute_value_ids:
        # The attribute name is translatable: look at it in the printing
        # user's language and in the source language.
        attribute = value.attribute_id
        labels = {(attribute.name or "").strip().lower(),
                  (attribute.with_context(lang=None).name or "").strip().lower()}
        if labels & set(names):
            return value.name
    return ""


def variant_name(product):
    """The variant's attribute values, e.g. 'Red, XL' ('' for a product without variants)."""
    return ", ".join(product.attribute_value_ids.mapped("name"))


def delivery_lines(picking):
    """One dict per stock move of the picking, priced from its sale order line.

    Quantities are those done once the picking is done, else those planned.
    The unit price is what the buyer pays per unit (discount and taxes
    included, as on the platform), in the sale line's unit of measure;
    without a sale line there is no price.
    """
    lines = []
    for move in picking.move_lines.filtered(lambda m: m.state != "cancel"):
        quantity = move.quantity_done if move.state == "done" else move.product_uom_qty
        sale_line = move.sale_line_id
        price = amount = None
        if sale_line and sale_line.product_uom_qty:
            # The share of the sale line's total (discount and taxes
            # included) that this move delivers: exact when the whole line
            # is delivered, where a rounded unit price times the quantity
            # may be a cent off.
            price = sale_line.price_total / sale_line.product_uom_qty
            amount = move.product_uom._compute_quantity(
                quantity, sale_line.product_uom, round=False) * price
        product = move.product_id
        lines.append({
            "move": move,
            "product": product,
            "code": product.default_code or "",
            "name": product.name,
            "variant": variant_name(product),
            "quantity": quantity,
            "uom": move.product_uom.name,
            "price": price,
            "amount": amount,
        })
    return lines


def delivery_totals(lines):
    """Total quantity and amount of `delivery_lines` (amount None if nothing is priced)."""
    amounts = [line["amount"] for line in lines if line["amount"] is not None]
    return {
        "quantity": sum(line["quantity"] for line in lines),
        "amount": sum(amounts) if amounts else None,
    }


def document_currency(picking):
    """Currency of the prices on a delivery document."""
    return picking.sale_id.currency_id or picking.company_id.currency_id


def format_quantity(quantity):
    """A quantity as people write it: '3', '2.5', never '3.000'."""
    return ("%.3f" % (quantity or 0.0)).rstrip("0").rstrip(".")


class ReportEcomPickingDocument(models.AbstractModel):
    """What every delivery document gets: priced lines, totals, currency."""

    _name = "report.ecom_order_mgmt.picking_document"
    _description = "E-commerce delivery document data"

    @api.model
    def get_report_values(self, docids, data=None):
        """Values for the QWeb template: the pickings and helpers on them."""
        docs = self.env["stock.picking"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": docs,
            "data": data,
            "delivery_lines": delivery_lines,
            "delivery_totals": delivery_totals,
            "document_currency": document_currency,
            "format_quantity": format_quantity,
        }


class ReportEcomDeliveryNote(models.AbstractModel):
    """Delivery note (发货单) in five copies."""

    _name = "report.ecom_order_mgmt.report_ecom_delivery_note"
    _inherit = "report.ecom_order_mgmt.picking_document"
    _description = "E-commerce delivery note"


class ReportEcomOutboundOrder(models.AbstractModel):
    """Outbound order (出库单) signed by the finance and logistics heads."""

    _name = "report.ecom_order_mgmt.report_ecom_outbound_order"
    _inherit = "report.ecom_order_mgmt.picking_document"
    _description = "E-commerce outbound order"


class ReportEcomShippingMark(models.AbstractModel):
    """Shipping mark (麦头): one label per parcel."""

    _name = "report.ecom_order_mgmt.report_ecom_shipping_mark"
    _description = "E-commerce shipping mark"

    @api.model
    def get_report_values(self, docids, data=None):
        """Values for the QWeb template: the labels of every parcel of the pickings.

        `labels` is flat, [(picking, parcel number, parcel count)], so that the
        template prints every label of every picking in one document (one
        page per label).
        """
        docs = self.env["stock.picking"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": docs,
            "data": data,
            "labels": [(picking, number, count)
                       for picking in docs for number, count in self._parcels(picking)],
        }

    @staticmethod
    def _parcels(picking):
        """[(1, n), (2, n), ... (n, n)] for the n parcels of the picking (at least one)."""
        count = max(picking.ecom_package_count, 1)
        return [(number, count) for number in range(1, count + 1)]


class ReportEcomReceivingMark(models.AbstractModel):
    """Receiving mark for inbound boxes: one label per product received."""

    _name = "report.ecom_order_mgmt.report_ecom_receiving_mark"
    _description = "E-commerce receiving mark"

    @api.model
    def get_report_values(self, docids, data=None):
        """Values for the QWeb template: one label per product line of the receipts.

        `labels` is flat, [(picking, label values, number, count)], one page
        per label.
        """
        docs = self.env["stock.picking"].browse(docids)
        labels = []
        for picking in docs:
            picking_labels = self._labels(picking)
            labels.extend((picking, label, number, len(picking_labels))
                          for number, label in enumerate(picking_labels, 1))
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": docs,
            "data": data,
            "labels": labels,
            "format_quantity": format_quantity,
        }

    @staticmethod
    def _labels(picking):
        """One dict per product line of the receipt: what the box label shows."""
        labels = []
        for move in picking.move_lines.filtered(lambda m: m.state != "cancel"):
            product = move.product_id
            colour = attribute_value(product, COLOUR_NAMES)
            size = attribute_value(product, SIZE_NAMES)
            quantity = move.quantity_done if move.quantity_done else move.product_uom_qty
            labels.append({
                "move": move,
                "product": product,
                "code": product.default_code or "",
                "category": product.categ_id.display_name or "",
                "name": product.name,
                "colour": colour,
                "size": size,
                # Variants whose attributes are neither colour nor size still
                # tell the boxes apart by their full variant name.
                "variant": "" if colour or size else variant_name(product),
                "quantity": quantity,
                "uom": move.product_uom.name,
            })
        return labels
