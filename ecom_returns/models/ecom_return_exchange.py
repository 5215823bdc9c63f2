# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exchanges after delivery as orders (换货新订单, [000]): once the goods are
back, the replacement is a channel order of its own, linked to the original
order and the case, priced at the replacement's price. It goes through CS
and finance review, the stock check and the fulfilment stages like any
channel order, and counts in the KPIs as an exchange, not as a new sale.

The price difference is settled on the case (Refund / Settle), as before:
the replacement order counts as paid (by the returned goods and that
settlement) so that finance review passes it on its amount. It is never
invoiced: nothing of it is to invoice (invoice status "Nothing to
Invoice"), the original's invoice and the case's documents are the money.
"""
from odoo import _, api, fields, models

# What the replacement order copies from the original: the buyer and where
# the parcel goes.
COPIED_FIELDS = ("partner_id", "partner_invoice_id", "partner_shipping_id", "pricelist_id",
                 "company_id", "warehouse_id", "team_id", "user_id", "carrier_id",
                 "ecom_channel_id", "ecom_buyer_name", "ecom_buyer_phone", "ecom_province",
                 "ecom_city", "ecom_district", "ecom_street")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_exchange_case_id = fields.Many2one(
        "ecom.return", string="Exchange Case", readonly=True, copy=False, index=True,
        help="This order ships the replacement goods of an exchange: it is not a new "
             "sale (order KPIs count it as an exchange).")
    ecom_exchange_of_id = fields.Many2one(
        related="ecom_exchange_case_id.order_id", store=True, readonly=True,
        string="Exchange of Order")

    def _ecom_locked_fields(self, vals):
        # only the exchange itself makes an order an exchange order
        locked = super(SaleOrder, self)._ecom_locked_fields(vals)
        if "ecom_exchange_case_id" in vals:
            locked.append("ecom_exchange_case_id")
        return locked

    # The bulk path (imports) may skip this module's create(): it never sets
    # an exchange case, and values that do are sent through create().
    _ecom_bulk_create_modules = ("sale", "mail", "ecom_order_mgmt", "ecom_returns")

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        return not vals.get("ecom_exchange_case_id") \
            and super(SaleOrder, self)._ecom_bulk_values_ok(vals)

    @api.model
    def create(self, vals):
        if vals.get("ecom_exchange_case_id"):
            self._ecom_check_protected({"ecom_exchange_case_id": vals["ecom_exchange_case_id"]})
        return super(SaleOrder, self).create(vals)

    def _ecom_invoice_due(self, moment):
        # The replacement goods of an exchange are no new sale: the original
        # order's invoice billed the goods, the price difference is settled
        # on the case (ecom_return_refund.py); nothing of the replacement
        # order is invoiced nor paid into the clearing journal.
        return super(SaleOrder, self)._ecom_invoice_due(moment).filtered(
            lambda order: not order.ecom_exchange_case_id)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.ecom_exchange_case_id")
    def _get_to_invoice_qty(self):
        """A replacement order's lines have nothing to invoice (for Odoo's
        invoice status, Create Invoice and the sales reports alike): the
        original order's invoice billed the goods, the price difference is
        an invoice or a credit note of the original (the case's Refund)."""
        super(SaleOrderLine, self)._get_to_invoice_qty()
        for line in self.filtered("order_id.ecom_exchange_case_id"):
            line.qty_to_invoice = 0.0


class EcomReturn(models.Model):
    _inherit = "ecom.return"

    def _ecom_create_replacement_order(self):
        """The replacement order of this exchange, for the units accepted at
        receipt (missing ones and those the buyer damaged are not replaced)."""
        self.ensure_one()
        original = self.order_id
        lines = [(0, 0, {
            "product_id": (line.replacement_product_id or line.product_id).id,
            "product_uom_qty": line.quantity_accepted,
            "price_unit": line.replacement_price_unit,
        }) for line in self.line_ids if line.quantity_accepted > 0]
        values = {name: original[name].id if isinstance(original[name], models.BaseModel)
                  else original[name] for name in COPIED_FIELDS}
        values.update({
            "ecom_platform_ref": "%s-%s" % (original.ecom_platform_ref or original.name,
                                            self.name),
            "ecom_payment_mode": "prepaid",
            "ecom_exchange_case_id": self.id,
            "origin": "%s, %s" % (original.name, self.name),
            "order_line": lines,
        })
        # The buyer hears of the exchange from customer service, not as a
        # new "order received".
        order = self.env["sale.order"].with_context(
            ecom_defer_received_mail=True)._ecom_action_context().create(values)
        order.ecom_paid_amount = order.amount_total
        note = _("Exchange %s of order %s: %s.") % (self.name, original.name, ", ".join(
            "%s → %s × %s" % (line.product_id.display_name,
                              (line.replacement_product_id or line.product_id).display_name,
                              "%g" % line.quantity_accepted)
            for line in self.line_ids if line.quantity_accepted > 0))
        order.message_post(body=note)
        original.message_post(body=_("Replacement order %s: %s") % (order.name, note))
        self._ecom_write({"replacement_order_id": order.id})
        self.message_post(body=_("Replacement order %s created: it goes through review "
                                 "and shipping like any order.") % order.name)
        return order
