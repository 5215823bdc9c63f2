# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EcomBackorderSource(models.TransientModel):
    """Urgent sourcing for buyers who cannot wait: emergency transfer from
    another warehouse, emergency purchase, or local purchase."""

    _name = "ecom.backorder.source"
    _description = "Urgent Sourcing"

    backorder_ids = fields.Many2many(
        "ecom.backorder", string="Backorders",
        default=lambda self: self.env.context.get("active_ids"))
    method = fields.Selection([
        ("transfer", "Emergency transfer from another warehouse"),
        ("emergency_purchase", "Emergency purchase from the usual vendor"),
        ("local_purchase", "Local purchase"),
    ], required=True, default="transfer")
    source_warehouse_id = fields.Many2one("stock.warehouse", string="From Warehouse")
    vendor_id = fields.Many2one("res.partner", string="Local Vendor",
                                domain=[("supplier", "=", True)])

    @api.multi
    def action_confirm(self):
        """Start the sourcing; return the transfer or the RFQ created."""
        self.ensure_one()
        self.env["ecom.backorder"]._ecom_check_rights("source")
        backorders = self.backorder_ids.filtered(lambda b: not b._ecom_why_not("source"))
        if not backorders:
            raise UserError(_("Select open backorders."))
        demand = defaultdict(float)
        for backorder in backorders:
            demand[backorder._ecom_supply_key()] += \
                backorder.quantity - backorder.quantity_allocated
        if self.method == "transfer":
            records = self._transfer(backorders)
            model = "stock.picking"
        else:
            if self.method == "local_purchase" and not self.vendor_id:
                raise UserError(_("Choose the local vendor."))
            lines = self.env["ecom.backorder"]._ecom_request_supply(
                demand, origin=", ".join(backorders.mapped("name")),
                vendor=self.vendor_id if self.method == "local_purchase" else None,
                urgent=True)
            records = self.env["purchase.order"].union(*[line.order_id for line in lines.values()])
            model = "purchase.order"
        label = dict(self._fields["method"]._description_selection(self.env))[self.method]
        backorders.write({"urgent": True})
        for backorder in backorders:
            backorder.message_post(body=_("%s: %s") % (
                label, ", ".join(records.mapped("name"))))
        return {"type": "ir.actions.act_window", "res_model": model, "name": label,
                "view_mode": "tree,form", "domain": [("id", "in", records.ids)]}

    def _transfer(self, backorders):
        source = self.source_warehouse_id
        if not source:
            raise UserError(_("Choose the warehouse to transfer from."))
        pickings = self.env["stock.picking"]
        for warehouse in backorders.mapped("warehouse_id"):
            if warehouse == source:
                raise UserError(_("Transfer from another warehouse than %s.") % warehouse.name)
            todo = backorders.filtered(lambda b: b.warehouse_id == warehouse)
            picking = self.env["stock.picking"].create({
                "picking_type_id": source.int_type_id.id,
                "location_id": source.lot_stock_id.id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "origin": ", ".join(todo.mapped("name")),
                "move_lines": [(0, 0, {
                    "name": b.product_id.display_name, "product_id": b.product_id.id,
                    "product_uom": b.product_id.uom_id.id,
                    "product_uom_qty": b.quantity - b.quantity_allocated,
                    "location_id": source.lot_stock_id.id,
                    "location_dest_id": warehouse.lot_stock_id.id,
                }) for b in todo],
            })
            picking.action_confirm()
            picking.action_assign()
            pickings |= picking
        return pickings
