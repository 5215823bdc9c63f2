# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The lists of the import wizard's screens: the rows refused and why, the
orders skipped for their platform status, the preview of the first orders,
and the items no product is known for (for CS to map)."""
from odoo import fields, models


class EcomOrderImportError(models.TransientModel):
    """One row refused by an order import, and why."""

    _name = "ecom.order.import.error"
    _description = "Order Import Error"
    _order = "id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    file = fields.Char(readonly=True, help="The file of the row (a pair has two).")
    row = fields.Integer(readonly=True, help="Row number as the spreadsheet shows it.")
    column = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)


class EcomOrderImportSkipped(models.TransientModel):
    """An order of the file not imported for its platform status."""

    _name = "ecom.order.import.skipped"
    _description = "Order Skipped by an Import"
    _order = "id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    row = fields.Integer(readonly=True)
    platform_ref = fields.Char(string="Platform Order No.", readonly=True)
    status = fields.Char(string="Platform Status", readonly=True)


class EcomOrderImportPreview(models.TransientModel):
    """One of the first orders of a file, as the import reads it."""

    _name = "ecom.order.import.preview"
    _description = "Order Import Preview"
    _order = "sequence, id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    sequence = fields.Integer()
    row = fields.Integer(readonly=True)
    platform_ref = fields.Char(string="Platform Order No.", readonly=True)
    outcome = fields.Selection([("import", "To import"), ("skip", "Skipped"),
                                ("error", "Refused")], readonly=True)
    status = fields.Char(string="Platform Status", readonly=True)
    buyer = fields.Char(string="Recipient", readonly=True)
    phone = fields.Char(readonly=True)
    address = fields.Char(string="Address (province, city, district, street)", readonly=True)
    address_review = fields.Boolean(string="Address to Check", readonly=True)
    items = fields.Char(string="Items (code × quantity @ price)", readonly=True)
    freight = fields.Float(readonly=True)
    discount = fields.Float(readonly=True)
    paid = fields.Float(string="Paid", readonly=True)
    note = fields.Char(readonly=True)


class EcomOrderImportSku(models.TransientModel):
    """An item of the file no product is known for: CS picks its product."""

    _name = "ecom.order.import.sku"
    _description = "Order Import: Item to Map"
    _order = "id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    channel_id = fields.Many2one("ecom.channel", readonly=True)
    platform_product_id = fields.Char(string="Platform Product ID", readonly=True)
    spec = fields.Char(readonly=True)
    merchant_code = fields.Char(readonly=True)
    title = fields.Char(string="Platform Title", readonly=True)
    lines = fields.Integer(string="Lines", readonly=True)
    product_id = fields.Many2one("product.product", string="Product",
                                 domain=[("sale_ok", "=", True)])
