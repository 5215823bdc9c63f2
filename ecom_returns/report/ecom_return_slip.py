# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The return / exchange slip (退换货单, [000]): printed by the information
clerk and handed to the warehouse, which receives the returned parcel with
it: what comes back, from whom, good and defective units expected, and where
each goes. The template lays out what `slip_lines` computes."""
from odoo import api, models

from odoo.addons.ecom_order_mgmt.report.ecom_document_reports import format_quantity, variant_name


def slip_lines(case):
    """One dict per case line: the product, the units announced, how many
    are expected good and defective, and the replacement of an exchange."""
    lines = []
    for line in case.line_ids:
        product = line.product_id
        replacement = line.replacement_product_id \
            if case.type == "exchange" and line.replacement_product_id != product else None
        lines.append({
            "line": line,
            "code": product.default_code or "",
            "barcode": product.barcode or "",
            "name": product.name,
            "variant": variant_name(product),
            "quantity": line.quantity,
            "good": line.quantity - line.quantity_defective,
            "defective": line.quantity_defective,
            "reason": line.reason_id.name or "",
            "responsibility": dict(line._fields["responsibility"]._description_selection(
                line.env)).get(line.responsibility, ""),
            "replacement": replacement.display_name if replacement else "",
        })
    return lines


def slip_destinations(case):
    """Where the parcel is received and where good and defective units go."""
    delivery = case._ecom_delivery()
    warehouse = delivery.picking_type_id.warehouse_id or case.order_id.warehouse_id
    return {
        "warehouse": warehouse.name or "",
        "receipt": case.return_picking_id.name or "",
        "returns": (case.return_picking_id.location_dest_id
                    or warehouse.ecom_return_location_id).display_name or "",
        "good": warehouse.lot_stock_id.display_name or "",
        "defective": warehouse.ecom_defective_location_id.display_name or "",
        "delivery": delivery.name or "",
        "tracking": delivery.carrier_tracking_ref or "",
        "carrier": delivery.carrier_id.name or "",
    }


class ReportEcomReturnSlip(models.AbstractModel):
    """Return / exchange slip of after-sales cases."""

    _name = "report.ecom_returns.report_ecom_return_slip"
    _description = "E-commerce return / exchange slip"

    @api.model
    def get_report_values(self, docids, data=None):
        """Values for the QWeb template: the cases and helpers on them."""
        docs = self.env["ecom.return"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "ecom.return",
            "docs": docs,
            "data": data,
            "slip_lines": slip_lines,
            "slip_destinations": slip_destinations,
            "format_quantity": format_quantity,
        }
