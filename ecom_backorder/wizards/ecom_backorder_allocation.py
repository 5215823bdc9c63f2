# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons import decimal_precision as dp

CS = "ecom_order_mgmt.group_ecom_cs"
WAREHOUSE = "ecom_order_mgmt.group_ecom_warehouse"
MANAGER = "ecom_order_mgmt.group_ecom_manager"


class EcomBackorderAllocation(models.TransientModel):
    """Preview who gets scarce stock, then reserve exactly that."""

    _name = "ecom.backorder.allocation"
    _description = "Backorder Allocation"

    backorder_ids = fields.Many2many(
        "ecom.backorder", string="Backorders",
        help="Leave empty to allocate every open backorder.")
    line_ids = fields.One2many("ecom.backorder.allocation.line", "wizard_id",
                               string="Preview", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("preview", "Preview"), ("done", "Done")],
                             default="draft")

    @api.model
    def default_get(self, fields_list):
        values = super(EcomBackorderAllocation, self).default_get(fields_list)
        if self.env.context.get("active_model") == "ecom.backorder":
            values["backorder_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def _backorders(self):
        if self.backorder_ids:
            return self.backorder_ids
        return self.env["ecom.backorder"].search(
            [("state", "in", ("open", "notified", "partial"))])

    @api.multi
    def action_preview(self):
        """Compute the allocation without reserving anything."""
        self.ensure_one()
        self.env["ecom.backorder"]._ecom_require_groups(
            _("Allocating stock"), CS, WAREHOUSE, MANAGER)
        plan = self._backorders()._allocation_plan()
        self.line_ids.unlink()
        self.write({"state": "preview", "line_ids": [
            (0, 0, {"backorder_id": backorder.id, "quantity_stock": stock,
                    "quantity_incoming": incoming,
                    "promised_date": date and fields.Date.to_string(date)})
            for backorder, (stock, incoming, date) in plan.items()]})
        return self._reopen()

    @api.multi
    def action_commit(self):
        """Reserve what the preview shows.

        The rows are locked first; if the stock moved since the preview (for
        instance someone else allocated it), the preview is refused and must
        be made again, so the result always equals what was shown.
        """
        self.ensure_one()
        Backorder = self.env["ecom.backorder"]
        Backorder._ecom_require_groups(_("Allocating stock"), CS, WAREHOUSE, MANAGER)
        if self.state != "preview":
            raise UserError(_("Preview the allocation first."))
        backorders = self.line_ids.mapped("backorder_id")
        backorders._ecom_lock()
        # Lock the products too: two allocations of the same stock never overlap.
        backorders.mapped("product_id")._ecom_lock_for_allocation()
        plan = backorders._allocation_plan()
        shown = {line.backorder_id: (line.quantity_stock, line.quantity_incoming)
                 for line in self.line_ids}
        for backorder, (stock, incoming, _date) in plan.items():
            if shown.get(backorder, (0.0, 0.0)) != (stock, incoming):
                raise UserError(_("Stock changed since the preview (%s). Preview again.")
                                % backorder.name)
        backorders._allocate(plan)
        self.state = "done"
        return self._reopen()

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("Allocate Stock")}


class EcomBackorderAllocationLine(models.TransientModel):
    _name = "ecom.backorder.allocation.line"
    _description = "Backorder Allocation Preview Line"

    wizard_id = fields.Many2one("ecom.backorder.allocation", required=True,
                                ondelete="cascade")
    backorder_id = fields.Many2one("ecom.backorder", readonly=True)
    partner_id = fields.Many2one(related="backorder_id.partner_id", readonly=True)
    priority = fields.Selection(related="backorder_id.priority", readonly=True)
    product_id = fields.Many2one(related="backorder_id.product_id", readonly=True)
    quantity = fields.Float(related="backorder_id.quantity", readonly=True)
    quantity_stock = fields.Float(string="From Stock Now", readonly=True,
                                  digits=dp.get_precision("Product Unit of Measure"))
    quantity_incoming = fields.Float(string="From Incoming", readonly=True,
                                     digits=dp.get_precision("Product Unit of Measure"))
    promised_date = fields.Date(readonly=True)
