# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import CS, FINANCE, MANAGER
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action
from odoo.addons.ecom_order_mgmt.models.sale_order import REVIEW_FIELDS

from ..tools.shortage import BACKORDER, INCOMING, SAFETY, STOCK, check_line

SHORTAGE_OUTCOMES = [
    (STOCK, "In stock"),
    (INCOMING, "Incoming"),
    (SAFETY, "Needs safety stock"),
    (BACKORDER, "Backorder"),
]
# customer priority -> stock move priority (Not urgent, Normal, Urgent, Very urgent)
MOVE_PRIORITY = {"0": "1", "1": "2", "2": "3", "3": "3"}
SEVERITY = {False: 0, STOCK: 0, INCOMING: 1, SAFETY: 2, BACKORDER: 3}


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _ecom_protected_fields = REVIEW_FIELDS + ("ecom_safety_approved_by",)

    ecom_requested_date = fields.Date(
        string="Buyer's Requested Date",
        help="When the buyer wants the goods; incoming stock later than this "
             "date is offered as a split delivery.")
    ecom_split_consent = fields.Boolean(
        string="Buyer Accepts Batches", track_visibility="onchange",
        help="The buyer agrees to receive what is available now and the rest "
             "later. Without it the order waits until everything is there.")
    ecom_shortage = fields.Selection(
        SHORTAGE_OUTCOMES, string="Stock Check", compute="_compute_ecom_shortage",
        store=True, help="The worst outcome of the stock check of the order's lines.")
    ecom_safety_approved_by = fields.Many2one(
        "res.users", string="Safety Stock Approved By", copy=False, readonly=True,
        track_visibility="onchange")
    ecom_backorder_ids = fields.One2many("ecom.backorder", "order_id", string="Backorders")
    ecom_backorder_count = fields.Integer(compute="_compute_ecom_backorder_count")
    can_ecom_approve_safety_stock = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("order_line.ecom_shortage")
    def _compute_ecom_shortage(self):
        for order in self:
            outcomes = order.order_line.mapped("ecom_shortage")
            order.ecom_shortage = max(outcomes, key=lambda o: SEVERITY[o]) if outcomes \
                else False

    def _ecom_bulk_prefetch(self):
        # the order's stock check reads its lines' outcomes, an order at a time
        super(SaleOrder, self)._ecom_bulk_prefetch()
        self.mapped("order_line.ecom_shortage")

    def _compute_ecom_backorder_count(self):
        data = self.env["ecom.backorder"].read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["order_id"])
        counts = {d["order_id"][0]: d["order_id_count"] for d in data}
        for order in self:
            order.ecom_backorder_count = counts.get(order.id, 0)

    @api.onchange("ecom_split_consent")
    def _onchange_ecom_split_consent(self):
        if self.ecom_channel_id:
            self.picking_policy = "direct" if self.ecom_split_consent else "one"

    @api.multi
    def write(self, vals):
        # The buyer's consent is what sets the shipping policy of a channel order.
        if "ecom_split_consent" in vals and "picking_policy" not in vals:
            vals["picking_policy"] = "direct" if vals["ecom_split_consent"] else "one"
        return super(SaleOrder, self).write(vals)

    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(SaleOrder, self)._ecom_actions()
        actions.update({
            "approve_safety_stock": ecom_action([MANAGER], label=_("Releasing safety stock")),
            "check_shortage": ecom_action([CS, FINANCE, MANAGER], label=_("Stock check")),
        })
        return actions

    def _ecom_why_not(self, action):
        why = super(SaleOrder, self)._ecom_why_not(action)
        if why:
            return why
        if action == "approve_safety_stock":
            if self.ecom_shortage != SAFETY:
                return _("Order %s does not need safety stock.") % self.name
            if self.ecom_safety_approved_by:
                return _("Safety stock was already released for %s.") % self.name
            if self.state not in ("draft", "sent"):
                return _("Order %s is already confirmed.") % self.name
        if action == "finance_approve" and self.ecom_shortage == SAFETY \
                and not self.ecom_safety_approved_by:
            return _("Order %s needs safety stock: a manager must release it before "
                     "finance review.") % self.name
        return None

    @api.multi
    def action_ecom_check_shortage(self):
        """Check each line against free stock, incoming receipts and safety stock."""
        self._ecom_check_rights("check_shortage")
        self._ecom_check_shortage()
        return True

    @api.multi
    def action_ecom_approve_safety_stock(self):
        """A manager releases safety stock for this order; the supplier is asked
        to replenish it (a draft RFQ is created or topped up)."""
        self._ecom_ensure("approve_safety_stock")
        self._ecom_write({"ecom_safety_approved_by": self.env.uid})
        lines = self.mapped("order_line").filtered(lambda l: l.ecom_from_safety > 0)
        demand = defaultdict(float)
        for line in lines:
            order = line.order_id
            demand[(line.product_id, order.company_id, order.warehouse_id)] += \
                line.ecom_from_safety
        self.env["ecom.backorder"]._ecom_request_supply(demand, origin=", ".join(
            self.mapped("name")))
        for order in self:
            order.message_post(body=_("Safety stock released by %s; the supplier was asked "
                                      "to replenish it.") % self.env.user.name)
        return True

    def _ecom_do_cs_approve(self, rule=None):
        # The stock check runs when CS passes the order, so that its outcome is
        # on the order before finance review.
        result = super(SaleOrder, self)._ecom_do_cs_approve(rule)
        self._ecom_check_shortage()
        return result

    def _ecom_do_finance_approve(self, rule=None):
        result = super(SaleOrder, self)._ecom_do_finance_approve(rule)
        self._ecom_create_backorders()
        return result

    # ------------------------------------------------------------------
    @api.model
    def _ecom_free_stock(self, products, warehouses):
        """Free stock less the safety stock, which only a manager may release
        (the refinement of the review's "in stock", so that the rules' stock
        condition and this stock check agree)."""
        free = super(SaleOrder, self)._ecom_free_stock(products, warehouses)
        for product in products.filtered("ecom_safety_stock"):
            for warehouse in warehouses:
                key = (warehouse.id, product.id)
                free[key] = max(free[key] - product.ecom_safety_stock, 0.0)
        return free

    def _ecom_check_shortage(self):
        """Store the stock check of every stockable line (batched per warehouse)."""
        lines = self.mapped("order_line").filtered(
            lambda l: l.product_id.type == "product" and l.product_uom_qty > 0)
        if not lines:
            return
        supply = self.env["ecom.backorder"]._ecom_supply(
            lines.mapped("product_id"), self.mapped("warehouse_id"))
        free_left = dict(supply["free"])
        incoming_left = {key: list(value) for key, value in supply["incoming"].items()}
        # lines with the same outcome are written together (one write each)
        writes = defaultdict(list)
        for line in lines.sorted(lambda l: (l.order_id.date_order or "", l.id)):
            key = (line.order_id.warehouse_id.id, line.product_id.id)
            quantity = line.product_uom._compute_quantity(line.product_uom_qty,
                                                          line.product_id.uom_id)
            requested = line.order_id.ecom_requested_date
            # (no requested date: None, which check_line compares with nothing)
            check = check_line(quantity, free_left.get(key, 0.0), incoming_left.get(key, []),
                               line.product_id.ecom_safety_stock,
                               requested_date=fields.Date.from_string(requested)
                               if requested else None)
            # Later lines of the same batch only see what is left.
            free_left[key] = free_left.get(key, 0.0) - check.from_stock
            taken = check.from_incoming
            remaining = []
            for date, qty in incoming_left.get(key, []):
                use = min(qty, taken)
                taken -= use
                if qty - use > 0:
                    remaining.append((date, qty - use))
            incoming_left[key] = remaining
            values = line._ecom_shortage_values(check)
            writes[tuple(sorted(values.items()))].append(line.id)
        Line = self.env["sale.order.line"]
        for values, ids in writes.items():
            Line.browse(ids).write(dict(values))

    def _ecom_create_backorders(self):
        """Record a backorder for every approved line that stock cannot cover."""
        values = []
        for line in self.mapped("order_line").filtered(lambda l: l.ecom_short_qty > 0):
            if line.ecom_backorder_ids.filtered(lambda b: b.state != "cancel"):
                continue
            values.append({
                "order_id": line.order_id.id, "line_id": line.id,
                "product_id": line.product_id.id, "quantity": line.ecom_short_qty,
                "requested_date": line.order_id.ecom_requested_date,
                "promised_date": line.ecom_available_date,
            })
        backorders = self.env["ecom.backorder"]
        for vals in values:
            backorders |= backorders.create(vals)
        for order in backorders.mapped("order_id"):
            order.message_post(body=_("Backorders recorded: %s.") % ", ".join(
                "%s × %s" % (b.product_id.display_name, b.quantity)
                for b in backorders.filtered(lambda b: b.order_id == order)))
        return backorders

    @api.multi
    def action_view_ecom_backorders(self):
        action = self.env.ref("ecom_backorder.action_ecom_backorder").read()[0]
        action["domain"] = [("order_id", "in", self.ids)]
        action["context"] = {}
        return action


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ecom_shortage = fields.Selection(SHORTAGE_OUTCOMES, string="Stock Check", copy=False,
                                     readonly=True)
    ecom_from_stock = fields.Float(string="From Stock", copy=False, readonly=True,
                                   digits=dp.get_precision("Product Unit of Measure"))
    ecom_from_incoming = fields.Float(string="From Incoming", copy=False, readonly=True,
                                      digits=dp.get_precision("Product Unit of Measure"))
    ecom_from_safety = fields.Float(string="From Safety Stock", copy=False, readonly=True,
                                    digits=dp.get_precision("Product Unit of Measure"))
    ecom_short_qty = fields.Float(string="Short", copy=False, readonly=True,
                                  digits=dp.get_precision("Product Unit of Measure"))
    ecom_available_date = fields.Date(
        string="Earliest Date", copy=False, readonly=True,
        help="Earliest reliable date at which incoming receipts cover the line.")
    ecom_shortage_note = fields.Char(string="Stock Check Detail", copy=False, readonly=True)
    ecom_backorder_ids = fields.One2many("ecom.backorder", "line_id", string="Backorders")

    def _ecom_shortage_values(self, check):
        """Field values that show a stock check result on this line."""
        parts = []
        if check.from_stock:
            parts.append(_("%g from stock") % check.from_stock)
        for date, cumulative in check.coverage:
            parts.append(_("%g by %s") % (cumulative, fields.Date.to_string(date)))
        if check.from_safety:
            parts.append(_("%g from safety stock") % check.from_safety)
        if check.short:
            parts.append(_("%g short") % check.short)
        if check.coverage and not check.date_ok:
            parts.append(_("later than the buyer's date: offer a split delivery"))
        return {
            "ecom_shortage": check.outcome,
            "ecom_from_stock": check.from_stock,
            "ecom_from_incoming": check.from_incoming,
            "ecom_from_safety": check.from_safety,
            "ecom_short_qty": check.short,
            "ecom_available_date": check.available_date
            and fields.Date.to_string(check.available_date),
            "ecom_shortage_note": "; ".join(parts),
        }

    def _prepare_procurement_values(self, group_id=False):
        values = super(SaleOrderLine, self)._prepare_procurement_values(group_id=group_id)
        # Odoo's own reservation (the scheduler) serves urgent moves first:
        # give channel deliveries the customer's priority, so that it shares
        # scarce stock the same way the allocation does.
        if self.order_id.ecom_channel_id:
            values["priority"] = MOVE_PRIORITY[self.order_id.partner_id.ecom_priority or "0"]
        return values


# ----------------------------------------------------------------------
# Custom requests of the order (ecom.custom.request)
# ----------------------------------------------------------------------
class SaleOrderCustomRequest(models.Model):
    _inherit = "sale.order"

    ecom_custom_request_ids = fields.One2many(
        "ecom.custom.request", "order_id", string="Custom Requests", readonly=True)
    ecom_custom_request_count = fields.Integer(compute="_compute_ecom_custom_request_count")

    def _compute_ecom_custom_request_count(self):
        for order in self:
            order.ecom_custom_request_count = len(order.ecom_custom_request_ids)

    @api.multi
    def action_ecom_view_custom_requests(self):
        """The custom requests of the order, or a new one."""
        self.ensure_one()
        action = self.env.ref("ecom_backorder.action_ecom_custom_request").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        if len(self.ecom_custom_request_ids) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.ecom_custom_request_ids.id
        elif not self.ecom_custom_request_ids:
            action["views"] = [(False, "form")]
        return action
