# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom requests: purchasing. Once the procurement is signed, the purchase
order goes to the vendor with the packaging design standard; it is followed
up until the goods arrive (生产跟催), then received (入库)."""
from datetime import datetime, time

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import PURCHASE, WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

ACTIVITY_PLACE_PO = "ecom_backorder.mail_activity_type_custom_place_po"
ACTIVITY_FOLLOWUP = "ecom_backorder.mail_activity_type_custom_followup"


class EcomCustomRequest(models.Model):
    _inherit = "ecom.custom.request"

    packaging_standard = fields.Text(
        string="Packaging Design Standard",
        help="包装设计标准: printed on the purchase order for the vendor.")
    purchase_order_id = fields.Many2one("purchase.order", string="Purchase Order",
                                        readonly=True, copy=False)
    purchase_user_id = fields.Many2one("res.users", string="Placed By", readonly=True,
                                       copy=False,
                                       help="The buyer in purchasing who follows it up.")
    expected_date = fields.Date(string="Expected Date", copy=False,
                                track_visibility="onchange",
                                help="When the goods should arrive (production follow-up).")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue",
                                search="_search_is_overdue")
    received_qty = fields.Float(string="Received Quantity", readonly=True, copy=False,
                                digits=dp.get_precision("Product Unit of Measure"))
    received_user_id = fields.Many2one("res.users", string="Received By", readonly=True,
                                       copy=False)
    received_date = fields.Datetime(string="Received At", readonly=True, copy=False)

    can_place_po = fields.Boolean(compute="_compute_ecom_can")
    can_receive = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("state", "expected_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = request.state == "purchasing" and bool(
                request.expected_date) and request.expected_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on 'Overdue'."))
        # Replaces one leaf: the domain must be in normal (prefix) form.
        domain = ["&", ("state", "=", "purchasing"),
                  ("expected_date", "<", fields.Date.context_today(self))]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain

    @api.depends("purchase_order_id.state")
    def _compute_ecom_can(self):
        return super(EcomCustomRequest, self)._compute_ecom_can()

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomCustomRequest, self)._ecom_actions()
        actions.update({
            "place_po": ecom_action(
                [PURCHASE], ["purchasing"], label=_("Placing the purchase order"), refusal=_(
                    "Request %(name)s is at stage %(stage)s: the purchase order is placed "
                    "once the procurement request is signed.")),
            "receive": ecom_action(
                [PURCHASE, WAREHOUSE], ["purchasing"], "received", _("Receiving the goods"), _(
                    "Request %(name)s is at stage %(stage)s: goods are received while they "
                    "are being purchased.")),
        })
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomCustomRequest, self)._ecom_why_not(action)
        if why:
            return why
        po = self.purchase_order_id
        if action == "place_po" and po and po.state != "cancel":
            return _("Request %s already has purchase order %s.") % (self.name, po.name)
        if action == "receive" and (not po or po.state not in ("purchase", "done")):
            return _("Request %s has no confirmed purchase order yet.") % self.name
        return None

    def _ecom_problem(self, action):
        if action == "place_po":
            missing = [label for label, value in (
                (_("vendor"), self.vendor_id), (_("product"), self.product_id),
                (_("packaging design standard"), (self.packaging_standard or "").strip()))
                if not value]
            if missing:
                return _("Request %s: the purchase order needs the %s.") % (
                    self.name, ", ".join(missing))
        return super(EcomCustomRequest, self)._ecom_problem(action)

    # ------------------------------------------------------------------
    # Actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_place_po(self):
        """Purchasing places the purchase order with the packaging design standard.

        The order goes to the vendor for the buyer's quantity, due on the
        inbound date; the request follows it up until the expected date.
        """
        self._ecom_ensure("place_po")
        for request in self:
            order = self.env["purchase.order"].create(request._ecom_po_values())
            order.button_confirm()
            request._ecom_write({
                "purchase_order_id": order.id,
                "purchase_user_id": self.env.uid,
                "expected_date": request.expected_date or request.inbound_date
                or fields.Date.context_today(self),
            })
            request._log(_("Purchase order %s placed with %s, expected on %s.") % (
                order.name, order.partner_id.display_name, request.expected_date))
            request._ecom_clear_activities(ACTIVITY_PLACE_PO)
        return True

    def _ecom_po_values(self):
        product = self.product_id
        vendor = self.vendor_id
        when = self.expected_date or self.inbound_date or fields.Date.context_today(self)
        planned = fields.Datetime.to_string(datetime.combine(
            fields.Date.from_string(when), time(12, 0)))
        price = self.purchase_price_unit
        if not price:
            seller = product._select_seller(partner_id=vendor, quantity=self.quantity,
                                            uom_id=product.uom_po_id)
            price = seller.price if seller else product.standard_price
        fiscal_position = self.env["account.fiscal.position"].with_context(
            force_company=self.company_id.id).get_fiscal_position(vendor.id)
        taxes = product.supplier_taxes_id.filtered(
            lambda t: t.company_id == self.company_id)
        if fiscal_position:
            taxes = self.env["account.fiscal.position"].browse(fiscal_position).map_tax(
                taxes)
        name = product.display_name
        if product.description_purchase:
            name += "\n" + product.description_purchase
        # Purchasing need not read sales orders to buy for one.
        order = self.order_id.sudo()
        notes = _("Custom order %s for %s.\nPackaging design standard:\n%s") % (
            self.name, order.name, self.packaging_standard)
        if self.production_standard:
            notes += "\n" + _("Production standard:\n%s") % self.production_standard
        values = {
            "partner_id": vendor.id,
            "company_id": self.company_id.id,
            "origin": "%s/%s" % (order.name, self.name),
            "date_planned": planned,
            "ecom_custom_request_id": self.id,
            "ecom_packaging_standard": self.packaging_standard,
            "notes": notes,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "name": name,
                "product_qty": product.uom_id._compute_quantity(self.quantity,
                                                                product.uom_po_id),
                "product_uom": product.uom_po_id.id,
                "price_unit": price,
                "date_planned": planned,
                "taxes_id": [(6, 0, taxes.ids)],
            })],
        }
        values.update(self.env["purchase.order"]._ecom_receipt_values(order.warehouse_id))
        return values

    @api.multi
    def action_receive(self):
        """The goods arrived, were inspected and taken into stock (入库).

        A receipt of the purchase order still open is validated in full (the
        inspection passed); one the warehouse already validated is kept as it
        is. The buyer's delivery is then reserved, still held until the
        balance is confirmed.
        """
        self._ecom_ensure("receive")
        for request in self:
            po = request.purchase_order_id
            for picking in po.picking_ids.filtered(
                    lambda p: p.state not in ("done", "cancel")
                    and p.picking_type_code == "incoming"):
                if picking.state != "assigned":
                    picking.action_assign()
                for move_line in picking.move_line_ids:
                    move_line.qty_done = move_line.product_uom_qty
                picking.action_done()
            received = sum(po.order_line.filtered(
                lambda l: l.product_id == request.product_id).mapped(
                lambda l: l.product_uom._compute_quantity(l.qty_received,
                                                          l.product_id.uom_id)))
            request._ecom_advance("receive", {
                "received_qty": received,
                "received_user_id": self.env.uid,
                "received_date": fields.Datetime.now(),
            })
            # Reserving the buyer's delivery is a consequence, not the
            # receiver's own stock operation.
            request._customer_deliveries().filtered(
                lambda p: p.state in ("confirmed", "waiting", "partially_available")
            ).action_assign()
            request._log(_("<b>Goods received</b>: %s of %s (purchase order %s).") % (
                received, request.quantity, po.name))
            request._ecom_clear_activities(ACTIVITY_FOLLOWUP)
        return True

    def _ecom_clear_activities(self, type_xmlid):
        """Drop the reminders of a step that is now done."""
        activity_type = self.env.ref(type_xmlid)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type).unlink()

    def _schedule_purchasing_activity(self):
        """Purchasing's to-do once the procurement is signed: place the order."""
        self._ecom_activity_schedule(
            ACTIVITY_PLACE_PO, self.feasibility_user_id or self.requester_id,
            summary=_("Place the purchase order"),
            note=_("The custom procurement request %s is signed: place the purchase order "
                   "with the packaging design standard.") % self.name)

    @api.model
    def _cron_overdue_followup(self):
        """Production follow-up (生产跟催): one activity per overdue request.

        A request being purchased whose expected date has passed gets a
        "Production follow-up" activity for the purchasing person who placed
        the order, unless it already has one (the cron can run any number of
        times). Returns the number of activities created.
        """
        activity_type = self.env.ref(ACTIVITY_FOLLOWUP)
        overdue = self.search([("is_overdue", "=", True)])
        created = 0
        for request in overdue:
            if request.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            user = request.purchase_user_id or request.feasibility_user_id \
                or request.requester_id
            request._ecom_activity_schedule(
                ACTIVITY_FOLLOWUP, user, summary=_("Production follow-up: overdue"),
                note=_("The goods of %s were expected on %s and are not received: chase the "
                       "vendor %s (purchase order %s) and update the expected date.") % (
                    request.name, request.expected_date, request.vendor_id.display_name,
                    request.purchase_order_id.name))
            created += 1
        return created

    @api.multi
    def action_view_purchase_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "view_mode": "form",
            "res_id": self.purchase_order_id.id,
        }
