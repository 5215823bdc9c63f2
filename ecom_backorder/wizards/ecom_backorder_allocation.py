# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round

from odoo.addons import decimal_precision as dp


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
        self.env["ecom.backorder"]._ecom_check_rights("allocate")
        self.check_access_rule("write")
        plan = self._backorders()._allocation_plan()
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        # thousands of lines: one statement, not one create each
        cr, now = self.env.cr, fields.Datetime.now()
        cr.execute("DELETE FROM ecom_backorder_allocation_line WHERE wizard_id = %s",
                   (self.id,))
        cr.execute("""
            INSERT INTO ecom_backorder_allocation_line (
                wizard_id, backorder_id, quantity_stock, quantity_incoming, promised_date,
                create_uid, create_date, write_uid, write_date)
            SELECT %s, v.backorder_id, v.stock, v.incoming, v.promised_date, %s, %s, %s, %s
              FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::date[])
                   AS v(backorder_id, stock, incoming, promised_date)""", (
            self.id, self.env.uid, now, self.env.uid, now, list(plan),
            [float_round(stock, precision_digits=digits) for stock, _i, _d in plan.values()],
            [float_round(incoming, precision_digits=digits)
             for _s, incoming, _d in plan.values()],
            [date and fields.Date.to_string(date) for _s, _i, date in plan.values()]))
        self.invalidate_cache(["line_ids"], self.ids)
        self.state = "preview"
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
        Backorder._ecom_check_rights("allocate")
        if self.state != "preview":
            raise UserError(_("Preview the allocation first."))
        self.check_access_rule("write")
        self.env.cr.execute("""
            SELECT backorder_id, quantity_stock, quantity_incoming
              FROM ecom_backorder_allocation_line
             WHERE wizard_id = %s AND backorder_id IS NOT NULL""", (self.id,))
        shown = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        backorders = Backorder.browse(list(shown))
        backorders._ecom_lock()
        # Lock the products too: two allocations of the same stock never overlap.
        self.env["product.product"].browse(
            self._ecom_product_ids(list(shown)))._ecom_lock_for_allocation()
        plan = backorders._allocation_plan()
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        # every line shown must come true, and nothing else may happen
        for key in list(plan) + [key for key in shown if key not in plan]:
            planned = plan.get(key, (0.0, 0.0, None))[:2]
            if any(float_compare(a, b, precision_digits=digits)
                   for a, b in zip(shown.get(key, (0.0, 0.0)), planned)):
                raise UserError(_("Stock changed since the preview (%s). Preview again.")
                                % Backorder.browse(key).name)
        backorders._allocate(plan)
        self.state = "done"
        return self._reopen()

    def _ecom_product_ids(self, backorder_ids):
        """The backorders' products, in id order, without loading the backorders."""
        self.env.cr.execute("SELECT DISTINCT product_id FROM ecom_backorder WHERE id = ANY(%s) "
                            "ORDER BY product_id", (backorder_ids,))
        return [row[0] for row in self.env.cr.fetchall()]

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
