# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The receiving screen of a return parcel: scan each unit as good or
defective (or type the counts), then Receive; what is not counted is
missing. The counts go to ecom.return.action_receive, which decides."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons import decimal_precision as dp


class EcomReturnReceiveWizard(models.TransientModel):
    _name = "ecom.return.receive.wizard"
    _description = "Receive a Return Parcel"

    return_id = fields.Many2one("ecom.return", string="Case", required=True, readonly=True,
                                ondelete="cascade")
    picking_id = fields.Many2one(related="return_id.return_picking_id", readonly=True,
                                 string="Return Receipt")
    partner_id = fields.Many2one(related="return_id.partner_id", readonly=True)
    line_ids = fields.One2many("ecom.return.receive.line", "wizard_id", string="Counts")
    scan_as = fields.Selection([("good", "Good"), ("defective", "Defective")],
                               string="Scan As", required=True, default="good",
                               help="What the next scanned units are judged.")
    code = fields.Char(string="Barcode",
                       help="Scan a product barcode or type its internal reference.")
    last_result = fields.Char(readonly=True)
    last_ok = fields.Boolean(readonly=True)

    @api.model
    def _ecom_open_for(self, case):
        """A fresh receiving screen for `case`: nothing counted yet."""
        wizard = self.create({
            "return_id": case.id,
            "line_ids": [(0, 0, {"case_line_id": line.id}) for line in case.line_ids],
        })
        return wizard._ecom_reopen()

    def _ecom_reopen(self):
        return {
            "type": "ir.actions.act_window", "name": _("Receive Return"),
            "res_model": self._name, "res_id": self.id, "view_mode": "form",
            "target": "new",
        }

    @api.multi
    def action_scan(self):
        """Count one unit of the scanned product as good or defective, then
        show the screen again with what happened."""
        self.ensure_one()
        try:
            line = self._ecom_count_code((self.code or "").strip())
            values = {"last_ok": True, "last_result": _("%s: %s (%s of %s counted)") % (
                line.product_id.display_name,
                dict(self._fields["scan_as"]._description_selection(self.env))[self.scan_as],
                "%g" % (line.good + line.defective), "%g" % line.expected)}
        except UserError as error:
            # shown on the next screen: a handheld user keeps scanning
            values = {"last_ok": False, "last_result": error.name}
        self.write(dict(values, code=False))
        return self._ecom_reopen()

    def _ecom_count_code(self, code):
        if not code:
            raise UserError(_("Scan a barcode or an internal reference."))
        lines = self.line_ids.filtered(
            lambda ln: code in (ln.product_id.barcode, ln.product_id.default_code))
        if not lines:
            product = self.env["product.product"].search(
                ["|", ("barcode", "=", code), ("default_code", "=", code)], limit=1)
            raise UserError(_("%s is not in case %s.") % (
                product.display_name or code, self.return_id.name))
        line = next((ln for ln in lines if ln.good + ln.defective < ln.expected), None)
        if not line:
            raise UserError(_("Too many %s: the case announced %s.") % (
                lines[0].product_id.display_name, "%g" % sum(lines.mapped("expected"))))
        line[self.scan_as] += 1
        return line

    @api.multi
    def action_fill(self):
        """Everything arrived as the case announced it (no scanner)."""
        self.ensure_one()
        for line in self.line_ids:
            line.write({"good": line.expected - line.expected_defective,
                        "defective": line.expected_defective})
        self.write({"last_ok": True, "last_result": _("Counted as announced.")})
        return self._ecom_reopen()

    @api.multi
    def action_confirm(self):
        """Receive the parcel with these counts (what is not counted is missing)."""
        self.ensure_one()
        self.return_id.action_receive([
            {"line_id": line.case_line_id.id, "good": line.good, "defective": line.defective}
            for line in self.line_ids])
        return {"type": "ir.actions.act_window_close"}


class EcomReturnReceiveLine(models.TransientModel):
    _name = "ecom.return.receive.line"
    _description = "Receive a Return Parcel: one case line"

    wizard_id = fields.Many2one("ecom.return.receive.wizard", required=True,
                                ondelete="cascade")
    case_line_id = fields.Many2one("ecom.return.line", required=True, readonly=True,
                                   ondelete="cascade")
    product_id = fields.Many2one(related="case_line_id.product_id", readonly=True)
    expected = fields.Float(related="case_line_id.quantity", readonly=True,
                            string="Announced")
    expected_defective = fields.Float(related="case_line_id.quantity_defective",
                                      readonly=True, string="Defective Expected")
    good = fields.Float(digits=dp.get_precision("Product Unit of Measure"))
    defective = fields.Float(digits=dp.get_precision("Product Unit of Measure"))
    missing = fields.Float(compute="_compute_missing",
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Announced and not counted: not refunded nor replaced.")

    @api.depends("expected", "good", "defective")
    def _compute_missing(self):
        for line in self:
            line.missing = max(line.expected - line.good - line.defective, 0.0)
