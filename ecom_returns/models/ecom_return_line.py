# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons import decimal_precision as dp

from ..tools import receipt
from .ecom_return_reason import RESPONSIBILITIES

# Cases whose lines no longer change: what was received and refunded
# follows from them.
FROZEN_STATES = ("received", "done", "rejected")
# What may still be noted on a frozen line.
FREE_FIELDS = ("note",)
# Case types whose goods come back in a parcel (after delivery).
PARCEL_TYPES = ("return_refund", "exchange")


class EcomReturnLine(models.Model):
    _name = "ecom.return.line"
    _inherit = ["ecom.guard.mixin"]
    _description = "After-sales Case Line"
    _order = "return_id, id"
    # Set by the receipt of the return parcel only.
    _ecom_protected_fields = ("quantity_received",)

    return_id = fields.Many2one("ecom.return", required=True, index=True, ondelete="cascade")
    order_id = fields.Many2one(related="return_id.order_id", readonly=True)
    product_id = fields.Many2one("product.product", required=True)
    quantity = fields.Float(required=True, default=1.0,
                            digits=dp.get_precision("Product Unit of Measure"))
    reason_id = fields.Many2one("ecom.return.reason", string="Reason")
    responsibility = fields.Selection(RESPONSIBILITIES, required=True, default="customer")
    sale_line_id = fields.Many2one("sale.order.line", compute="_compute_sale_line",
                                   store=True, string="Order Line")
    price_unit = fields.Float(string="Paid Unit Price", compute="_compute_sale_line",
                              store=True, digits=dp.get_precision("Product Price"))
    replacement_product_id = fields.Many2one(
        "product.product", string="Replacement",
        help="Exchange: what the buyer gets instead (another size or colour...).")
    replacement_price_unit = fields.Float(
        string="Replacement Unit Price", digits=dp.get_precision("Product Price"))
    quantity_defective = fields.Float(
        string="Defective Units", digits=dp.get_precision("Product Unit of Measure"),
        help="Before receipt: the units expected to come back defective (printed on the "
             "return slip). At receipt the warehouse records the units judged "
             "defective: they go to the warehouse's Defective location, not to stock.")
    quantity_received = fields.Float(
        string="Units Received", readonly=True, copy=False,
        digits=dp.get_precision("Product Unit of Measure"),
        help="Units that came back in the parcel (good and defective), recorded when "
             "the return is received.")
    quantity_good = fields.Float(
        string="Good Units", compute="_compute_units",
        digits=dp.get_precision("Product Unit of Measure"),
        help="Back to saleable stock (expected ones before receipt).")
    quantity_missing = fields.Float(
        string="Missing Units", compute="_compute_units",
        digits=dp.get_precision("Product Unit of Measure"),
        help="Announced but not in the parcel: neither refunded nor replaced.")
    quantity_withheld = fields.Float(
        string="Defective by the Buyer", compute="_compute_units",
        digits=dp.get_precision("Product Unit of Measure"),
        help="Defective units of a line the buyer is responsible for: they left good "
             "and came back damaged, so they are neither refunded nor replaced; the "
             "after-sales supervisor is told.")
    quantity_accepted = fields.Float(
        string="Units Refunded / Replaced", compute="_compute_units",
        digits=dp.get_precision("Product Unit of Measure"),
        help="What the refund (or the exchange) counts: the announced units until the "
             "parcel is received, then the units received less the defective ones "
             "the buyer is responsible for.")
    note = fields.Char()

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)",
         "The quantity of a case line must be positive."),
        ("defective_within", "CHECK(quantity_defective >= 0 AND quantity_defective <= "
         "quantity)", "Defective units must be between zero and the line quantity."),
    ]

    @api.depends("product_id", "return_id.order_id")
    def _compute_sale_line(self):
        for line in self:
            sale_line = line.sudo().return_id.order_id.order_line.filtered(
                lambda ln: ln.product_id == line.product_id)[:1]
            line.sale_line_id = sale_line
            line.price_unit = sale_line.price_total / sale_line.product_uom_qty \
                if sale_line.product_uom_qty else 0.0

    @api.depends("quantity", "quantity_received", "quantity_defective", "responsibility",
                 "return_id.type", "return_id.before_shipment", "return_id.received_at")
    def _compute_units(self):
        for line in self:
            units = line._ecom_units()
            line.quantity_good = units.good
            line.quantity_missing = units.missing
            line.quantity_withheld = units.withheld
            line.quantity_accepted = units.accepted

    def _ecom_units(self):
        """receipt.Units of this line: what came back and what the buyer gets."""
        case = self.return_id
        quantity = max(self.quantity, 0.0)
        if case.type not in PARCEL_TYPES or case.before_shipment:
            # nothing comes back: the case is about the announced units
            return receipt.Units(quantity, quantity, 0.0, 0.0, 0.0, quantity)
        arrived = min(self.quantity_received, quantity) if case.received_at else None
        limit = quantity if arrived is None else arrived
        return receipt.split_units(quantity, arrived,
                                   min(max(self.quantity_defective, 0.0), limit),
                                   self.responsibility or "customer")

    @api.onchange("reason_id")
    def _onchange_reason_id(self):
        if self.reason_id:
            self.responsibility = self.reason_id.responsibility

    @api.onchange("replacement_product_id")
    def _onchange_replacement_product_id(self):
        if self.replacement_product_id:
            self.replacement_price_unit = self.replacement_product_id.lst_price

    def _ecom_check_line_values(self, vals):
        """Refuse bad quantities with a message before the database does
        (its constraints would abort the whole transaction)."""
        if "quantity" not in vals and "quantity_defective" not in vals:
            return
        for line in self or [self.browse()]:
            quantity = vals.get("quantity", line.quantity) or 0.0
            defective = vals.get("quantity_defective", line.quantity_defective) or 0.0
            if quantity <= 0:
                raise ValidationError(_("The quantity of a case line must be positive."))
            if not 0 <= defective <= quantity:
                raise ValidationError(_("Defective units must be between zero and the line "
                                        "quantity."))

    def _ecom_locked_fields(self, vals):
        """A line of a received, done or rejected case keeps its figures."""
        locked = super(EcomReturnLine, self)._ecom_locked_fields(vals)
        if self.filtered(lambda ln: ln.return_id.state in FROZEN_STATES):
            locked += [name for name in vals if name not in FREE_FIELDS + tuple(locked)]
        return locked

    @api.model
    def create(self, vals):
        self._ecom_check_line_values(dict({"quantity": 0.0}, **vals))
        if vals.get("reason_id") and "responsibility" not in vals:
            vals["responsibility"] = self.env["ecom.return.reason"].browse(
                vals["reason_id"]).responsibility
        if vals.get("replacement_product_id") and "replacement_price_unit" not in vals:
            vals["replacement_price_unit"] = self.env["product.product"].browse(
                vals["replacement_product_id"]).lst_price
        line = super(EcomReturnLine, self).create(vals)
        line._ecom_check_protected(vals)
        if not line.sale_line_id:
            raise ValidationError(_("%s is not in order %s.") % (
                line.product_id.display_name, line.return_id.order_id.name))
        if line.return_id.type == "exchange" and not line.replacement_product_id:
            line.write({"replacement_product_id": line.product_id.id,
                        "replacement_price_unit": line.price_unit})
        line.return_id.sudo()._ecom_check_quantities()
        return line

    @api.multi
    def write(self, vals):
        self._ecom_check_line_values(vals)
        result = super(EcomReturnLine, self).write(vals)
        if "quantity" in vals or "product_id" in vals:
            self.mapped("return_id").sudo()._ecom_check_quantities()
        return result
