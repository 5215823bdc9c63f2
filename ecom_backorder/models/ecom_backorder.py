# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import CS, MANAGER, PURCHASE, WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools.allocation import Demand, allocate, backorder_state, promise

STATES = [
    ("open", "Open"),
    ("notified", "Supplier Notified"),
    ("partial", "Partly Allocated"),
    ("allocated", "Allocated"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class EcomBackorder(models.Model):
    """A quantity a reviewed order needs and stock could not cover (缺货订单)."""

    _name = "ecom.backorder"
    _description = "Backorder"
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.guard.mixin"]
    _order = "priority desc, order_date, id"
    # allocation, supplier requests and closing are the actions' business
    _ecom_protected_fields = ("closed", "quantity_allocated", "quantity_promised",
                              "purchase_line_id")

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade",
                               readonly=True)
    line_id = fields.Many2one("sale.order.line", index=True, ondelete="cascade",
                              readonly=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, readonly=True,
                                 string="Customer")
    channel_id = fields.Many2one(related="order_id.ecom_channel_id", store=True,
                                 readonly=True, string="Channel")
    company_id = fields.Many2one(related="order_id.company_id", store=True, readonly=True)
    warehouse_id = fields.Many2one(related="order_id.warehouse_id", store=True,
                                   readonly=True)
    priority = fields.Selection(related="partner_id.ecom_priority", store=True,
                                readonly=True, string="Customer Priority")
    order_date = fields.Datetime(related="order_id.date_order", store=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, index=True,
                                 readonly=True)
    quantity = fields.Float(string="Quantity Short", required=True, readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"))
    quantity_allocated = fields.Float(string="Allocated", readonly=True, copy=False,
                                      digits=dp.get_precision("Product Unit of Measure"),
                                      track_visibility="onchange")
    quantity_promised = fields.Float(
        string="Promised from Incoming", readonly=True, copy=False,
        digits=dp.get_precision("Product Unit of Measure"),
        help="Quantity expected from purchase receipts at the promised date.")
    requested_date = fields.Date(string="Requested Date")
    promised_date = fields.Date(string="Promised Date", track_visibility="onchange")
    picking_ids = fields.One2many(related="order_id.picking_ids", string="Batches",
                                  readonly=True)
    purchase_line_id = fields.Many2one("purchase.order.line", string="Supplier Request",
                                       readonly=True, copy=False)
    closed = fields.Selection([("done", "Done"), ("cancel", "Cancelled")], copy=False,
                              readonly=True)
    state = fields.Selection(STATES, compute="_compute_state", store=True, index=True,
                             track_visibility="onchange")
    urgent = fields.Boolean(track_visibility="onchange",
                            help="The buyer cannot wait: source it by emergency.")
    note = fields.Text()

    can_allocate = fields.Boolean(compute="_compute_ecom_can")
    can_notify_supplier = fields.Boolean(compute="_compute_ecom_can")
    can_source = fields.Boolean(compute="_compute_ecom_can")
    can_cancel = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A backorder quantity must be positive."),
        ("allocated_within", "CHECK(quantity_allocated >= 0 AND quantity_allocated <= quantity)",
         "A backorder cannot be allocated more than it is short."),
    ]

    @api.model
    def _ecom_actions(self):
        actions = super(EcomBackorder, self)._ecom_actions()
        is_open = ("open", "notified", "partial")
        closed = _("Backorder %(name)s is %(stage)s: it is no longer open.")
        actions.update({
            "allocate": ecom_action([CS, WAREHOUSE, MANAGER], is_open,
                                    label=_("Allocating stock"), refusal=closed),
            "notify_supplier": ecom_action(
                [CS, PURCHASE, MANAGER], ("open", "partial"), label=_("Notifying suppliers"),
                refusal=_("Backorder %(name)s is %(stage)s: the supplier is asked for open "
                          "backorders only.")),
            "source": ecom_action([CS, PURCHASE, MANAGER], is_open,
                                  label=_("Urgent sourcing"), refusal=closed),
            "cancel": ecom_action([CS, MANAGER], is_open, label=_("Cancelling backorders"),
                                  refusal=closed),
        })
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomBackorder, self)._ecom_why_not(action)
        if not why and action == "notify_supplier" and self.purchase_line_id:
            return _("The supplier of backorder %s was already asked (%s).") % (
                self.name, self.purchase_line_id.order_id.name)
        return why

    @api.depends("order_id.name", "product_id.default_code")
    def _compute_name(self):
        for backorder in self:
            backorder.name = "%s / %s" % (backorder.order_id.name,
                                          backorder.product_id.default_code
                                          or backorder.product_id.name)

    @api.depends("closed", "quantity", "quantity_allocated", "purchase_line_id")
    def _compute_state(self):
        for backorder in self:
            backorder.state = backorder_state(
                backorder.closed, backorder.quantity, backorder.quantity_allocated,
                bool(backorder.purchase_line_id), backorder.product_id.uom_id.rounding or 0.001)

    # ------------------------------------------------------------------
    # Supply
    # ------------------------------------------------------------------
    @api.model
    def _ecom_supply(self, products, warehouses):
        """Free and incoming quantities, one read each per warehouse
        (``ecom_order_mgmt/bulk/supply.py``).

        :return: {"free": {(warehouse id, product id): on hand not reserved,
                  safety stock excluded}, "incoming": {(warehouse id, product
                  id): [(date, quantity)] of receipts not arrived, by date}}
        """
        # free stock as the review counts it (sale.order._ecom_free_stock)
        free = self.env["sale.order"]._ecom_free_stock(products, warehouses)
        incoming = defaultdict(list)
        if not products or not warehouses:
            return {"free": free, "incoming": incoming}
        for warehouse in warehouses:
            for product_id, date, quantity in self.env["stock.move"]._ecom_dated_quantities(
                    [("product_id", "in", products.ids),
                     ("location_dest_id", "child_of", warehouse.view_location_id.id),
                     ("location_id.usage", "not in", ("internal", "transit")),
                     # (not "not in": the state index serves this one)
                     ("state", "in", ("waiting", "confirmed", "partially_available",
                                      "assigned"))]):
                incoming[(warehouse.id, product_id)].append(
                    (fields.Datetime.from_string(date).date(), quantity))
        return {"free": free, "incoming": incoming}

    # ------------------------------------------------------------------
    # Allocation
    # ------------------------------------------------------------------
    def _allocation_plan(self):
        """Who gets what: {backorder id: (from stock, from incoming, promised date)}.

        Free stock goes first, by customer priority then order date; what
        stock cannot cover is promised from incoming receipts in the same
        order (the result is in that order). Pure computation: nothing is
        reserved.
        """
        if not self:
            return {}
        self.check_access_rights("read")
        self.check_access_rule("read")
        # the six columns the plan needs, not thousands of records
        self.env.cr.execute("""
            SELECT id, warehouse_id, product_id, priority, order_date,
                   quantity - COALESCE(quantity_allocated, 0)
              FROM ecom_backorder
             WHERE id = ANY(%s) AND state IN ('open', 'notified', 'partial')""", (self.ids,))
        rows = self.env.cr.fetchall()
        demands = [Demand(id_, (warehouse_id, product_id), int(priority or 0), order_date or "",
                          quantity)
                   for id_, warehouse_id, product_id, priority, order_date, quantity in rows]
        supply = self._ecom_supply(
            self.env["product.product"].browse({row[2] for row in rows}),
            self.env["stock.warehouse"].browse({row[1] for row in rows if row[1]}))
        from_stock = allocate(demands, supply["free"])
        promises = promise(demands, from_stock, supply["incoming"])
        return {key: (from_stock.get(key, 0.0), promised, date)
                for key, (promised, date) in promises.items()}

    def _allocate(self, plan):
        """Reserve what the plan gives from stock, record promises (commit).

        Thousands of backorders are committed at once: the reservations are
        made in bulk (`_reserve_many`) and the backorders' new quantities
        written in one statement; the caller holds the backorders' row lock
        (`_ecom_lock`). The allocation wizard is the record of the decision,
        so the per-backorder chatter tracking of these values is left out
        (one message each would cost more than the allocation itself).
        """
        if not plan:
            return
        taken = self._reserve_many(
            {key: stock for key, (stock, _promised, _date) in plan.items() if stock > 0})
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        ids = list(plan)
        cr = self.env.cr
        cr.execute("""
            SELECT b.id, b.closed, b.quantity, COALESCE(b.quantity_allocated, 0),
                   b.purchase_line_id IS NOT NULL, u.rounding
              FROM ecom_backorder b
              JOIN product_product p ON p.id = b.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              LEFT JOIN product_uom u ON u.id = t.uom_id
             WHERE b.id = ANY(%s)""", (ids,))
        rows = []
        for key, closed, quantity, allocated, notified, rounding in cr.fetchall():
            allocated = float_round(allocated + taken.get(key, 0.0), precision_digits=digits)
            # the state as _compute_state gives it, written with the rest
            # (the ORM would read every backorder and its product again)
            rows.append((key, allocated, float_round(plan[key][1], precision_digits=digits),
                         plan[key][2] and fields.Date.to_string(plan[key][2]),
                         backorder_state(closed, quantity, allocated, notified,
                                         rounding or 0.001)))
        cr.execute("""
            UPDATE ecom_backorder b
               SET quantity_allocated = v.allocated, quantity_promised = v.promised,
                   promised_date = COALESCE(v.promised_date, b.promised_date),
                   state = v.state, write_uid = %s, write_date = %s
              FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::date[], %s::varchar[])
                   AS v(id, allocated, promised, promised_date, state)
             WHERE b.id = v.id""", [self.env.uid, fields.Datetime.now()]
                   + [list(column) for column in zip(*rows)])
        backorders = self.browse(ids)
        with self.env.protecting([self._fields["state"]], backorders):
            backorders.modified(["quantity_allocated", "quantity_promised", "promised_date"])
        backorders.invalidate_cache(["state"], ids)
        # anything else that depends on these values
        backorders.recompute()

    def _reserve_many(self, quantities):
        """Reserve {backorder id: quantity} on the backorders' delivery moves
        (the open outgoing moves of their order lines), in the order given.

        Thousands at once: ``stock.move._ecom_reserve_bulk``
        (``ecom_order_mgmt/bulk/reservation.py``) takes what Odoo's
        reservation would take, in a few statements.
        :return: {backorder id: quantity reserved}
        """
        if not quantities:
            return {}
        backorders = self.browse(list(quantities)).with_context(prefetch_fields=False)
        line_of = {backorder.id: backorder.line_id.id for backorder in backorders}
        return self.env["stock.move"]._ecom_reserve_bulk(
            [(key, line_of[key], quantity) for key, quantity in quantities.items()])

    # ------------------------------------------------------------------
    # Supplier
    # ------------------------------------------------------------------
    @api.multi
    def action_notify_supplier(self):
        """Ask the main vendor for the missing quantities (creates or tops up an RFQ)."""
        self._ecom_check_rights("notify_supplier")
        # a selection from the list: the open ones not asked yet
        todo = self.filtered(lambda b: not b._ecom_why_not("notify_supplier"))
        if not todo:
            raise UserError(_("None of these backorders is open without a supplier "
                              "request."))
        todo._ecom_lock()
        demand = defaultdict(float)
        for backorder in todo:
            demand[backorder._ecom_supply_key()] += \
                backorder.quantity - backorder.quantity_allocated
        lines = self._ecom_request_supply(demand, origin=", ".join(todo.mapped("name")))
        for backorder in todo:
            backorder._ecom_write({"purchase_line_id": lines[backorder._ecom_supply_key()].id})
        return True

    def _ecom_supply_key(self):
        """What a supplier request of this backorder is grouped by."""
        return (self.product_id, self.company_id, self.warehouse_id)

    @api.model
    def _ecom_request_supply(self, demand, origin, vendor=None, urgent=False):
        """Create or top up draft RFQs: {(product, company, warehouse): quantity}.

        One draft RFQ per vendor, company and receiving warehouse (the
        warehouse the orders ship from) is reused (its line for the product
        is increased) unless `urgent`, which always opens a new one.
        :return: {(product, company, warehouse): purchase.order.line}
        """
        PurchaseOrder = self.env["purchase.order"].sudo()
        result = {}
        orders = {}
        for (product, company, warehouse), quantity in demand.items():
            if quantity <= 0:
                continue
            partner = vendor or product.seller_ids.filtered(
                lambda s: not s.company_id or s.company_id == company)[:1].name
            if not partner:
                raise UserError(_("Product %s has no vendor: set one on the product's "
                                  "purchase tab first.") % product.display_name)
            receipt = PurchaseOrder._ecom_receipt_values(warehouse)
            key = (partner.id, company.id, receipt.get("picking_type_id"))
            order = orders.get(key)
            if not order and not urgent:
                domain = [("partner_id", "=", partner.id), ("company_id", "=", company.id),
                          ("state", "=", "draft"), ("ecom_urgent", "=", False)]
                if receipt:
                    domain.append(("picking_type_id", "=", receipt["picking_type_id"]))
                order = PurchaseOrder.search(domain, order="id desc", limit=1)
            if not order:
                order = PurchaseOrder.create(dict(
                    receipt, partner_id=partner.id, company_id=company.id,
                    ecom_urgent=urgent, origin=origin))
            orders[key] = order
            line = order.order_line.filtered(lambda l: l.product_id == product)[:1]
            if line:
                line.product_qty += product.uom_id._compute_quantity(quantity,
                                                                     line.product_uom)
            else:
                line = self.env["purchase.order.line"].sudo().create(
                    self._ecom_purchase_line_values(order, product, quantity, partner))
            result[(product, company, warehouse)] = line
        return result

    @api.model
    def _ecom_purchase_line_values(self, order, product, quantity, partner):
        seller = product._select_seller(partner_id=partner, quantity=quantity,
                                        uom_id=product.uom_po_id)
        planned = fields.Datetime.from_string(fields.Datetime.now())
        if seller:
            planned = planned + timedelta(days=seller.delay)
        taxes = product.supplier_taxes_id.filtered(lambda t: t.company_id == order.company_id)
        return {
            "order_id": order.id,
            "product_id": product.id,
            "name": product.display_name,
            "product_qty": product.uom_id._compute_quantity(quantity, product.uom_po_id),
            "product_uom": product.uom_po_id.id,
            "price_unit": seller.price if seller else product.standard_price,
            "date_planned": fields.Datetime.to_string(planned),
            "taxes_id": [(6, 0, taxes.ids)],
        }

    @api.multi
    def action_cancel(self):
        """Close backorders the buyer no longer waits for."""
        self._ecom_ensure("cancel")
        self._ecom_write({"closed": "cancel"})
        return True
