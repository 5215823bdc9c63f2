# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp

from ..tools.allocation import Demand, allocate, allocation_order

CS = "ecom_order_mgmt.group_ecom_cs"
WAREHOUSE = "ecom_order_mgmt.group_ecom_warehouse"
MANAGER = "ecom_order_mgmt.group_ecom_manager"
PURCHASE = "purchase.group_purchase_user"

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

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A backorder quantity must be positive."),
        ("allocated_within", "CHECK(quantity_allocated >= 0 AND quantity_allocated <= quantity)",
         "A backorder cannot be allocated more than it is short."),
    ]

    @api.depends("order_id.name", "product_id.default_code")
    def _compute_name(self):
        for backorder in self:
            backorder.name = "%s / %s" % (backorder.order_id.name,
                                          backorder.product_id.default_code
                                          or backorder.product_id.name)

    @api.depends("closed", "quantity", "quantity_allocated", "purchase_line_id")
    def _compute_state(self):
        for backorder in self:
            rounding = backorder.product_id.uom_id.rounding or 0.001
            if backorder.closed:
                backorder.state = backorder.closed
            elif float_compare(backorder.quantity_allocated, backorder.quantity,
                               precision_rounding=rounding) >= 0:
                backorder.state = "allocated"
            elif backorder.quantity_allocated > 0:
                backorder.state = "partial"
            elif backorder.purchase_line_id:
                backorder.state = "notified"
            else:
                backorder.state = "open"

    # ------------------------------------------------------------------
    # Supply
    # ------------------------------------------------------------------
    @api.model
    def _ecom_supply(self, products, warehouses):
        """Free and incoming quantities, one query each.

        :return: {"free": {(warehouse id, product id): on hand not reserved,
                  safety stock excluded}, "incoming": {(warehouse id, product
                  id): [(date, quantity)] of receipts not arrived, by date}}
        """
        free, incoming = defaultdict(float), defaultdict(list)
        if not products or not warehouses:
            return {"free": free, "incoming": incoming}
        for warehouse in warehouses:
            location = warehouse.lot_stock_id
            quants = self.env["stock.quant"].read_group(
                [("product_id", "in", products.ids), ("location_id", "child_of", location.id)],
                ["product_id", "quantity", "reserved_quantity"], ["product_id"])
            for row in quants:
                free[(warehouse.id, row["product_id"][0])] = \
                    row["quantity"] - row["reserved_quantity"]
            moves = self.env["stock.move"].search_read([
                ("product_id", "in", products.ids),
                ("location_dest_id", "child_of", warehouse.view_location_id.id),
                ("location_id.usage", "not in", ("internal", "transit")),
                ("state", "not in", ("draft", "done", "cancel")),
            ], ["product_id", "date_expected", "product_qty"], order="date_expected, id")
            for move in moves:
                incoming[(warehouse.id, move["product_id"][0])].append(
                    (fields.Datetime.from_string(move["date_expected"]).date(),
                     move["product_qty"]))
        for product in products:
            for warehouse in warehouses:
                key = (warehouse.id, product.id)
                free[key] = max(free[key] - product.ecom_safety_stock, 0.0)
        return {"free": free, "incoming": incoming}

    # ------------------------------------------------------------------
    # Allocation
    # ------------------------------------------------------------------
    def _allocation_plan(self):
        """Who gets what: {backorder: (from stock, from incoming, promised date)}.

        Free stock goes first, by customer priority then order date; what
        stock cannot cover is promised from incoming receipts in the same
        order. Pure computation: nothing is reserved.
        """
        backorders = self.filtered(lambda b: b.state in ("open", "notified", "partial"))
        supply = self._ecom_supply(backorders.mapped("product_id"),
                                   backorders.mapped("warehouse_id"))
        demands = [Demand(b.id, (b.warehouse_id.id, b.product_id.id), int(b.priority or 0),
                          b.order_date or "", b.quantity - b.quantity_allocated)
                   for b in backorders]
        from_stock = allocate(demands, supply["free"])
        plan = {}
        incoming = {key: list(value) for key, value in supply["incoming"].items()}
        for demand in sorted(demands, key=allocation_order):
            rest = demand.quantity - from_stock.get(demand.key, 0.0)
            promised, date = 0.0, None
            receipts = incoming.get(demand.product, [])
            while rest - promised > 0 and receipts:
                receipt_date, qty = receipts[0]
                take = min(qty, rest - promised)
                promised += take
                date = receipt_date
                if qty - take > 0:
                    receipts[0] = (receipt_date, qty - take)
                else:
                    receipts.pop(0)
            plan[self.browse(demand.key)] = (from_stock.get(demand.key, 0.0), promised, date)
        return plan

    def _allocate(self, plan):
        """Reserve what the plan gives from stock, record promises (commit).

        Thousands of backorders are committed at once: the reservations are
        made in bulk (`_reserve_many`) and the backorders sharing the same
        new values are written together. The allocation wizard is the
        record of the decision, so the per-backorder chatter tracking of
        these writes is left out (one message each would cost more than the
        allocation itself).
        """
        taken = self._reserve_many(
            {backorder: quantity for backorder, (quantity, _p, _d) in plan.items()
             if quantity > 0})
        groups = defaultdict(list)
        for backorder, (quantity, promised, date) in plan.items():
            values = {"quantity_promised": promised}
            if date:
                values["promised_date"] = fields.Date.to_string(date)
            if taken.get(backorder):
                values["quantity_allocated"] = backorder.quantity_allocated + taken[backorder]
            groups[tuple(sorted(values.items()))].append(backorder.id)
        quiet = self.with_context(tracking_disable=True)
        for values, ids in groups.items():
            quiet.browse(ids).write(dict(values))

    def _reserve_many(self, quantities):
        """Reserve {backorder: quantity} on the backorders' delivery moves.

        Plain products (no lot, package or owner, in their own unit) are
        reserved in bulk: free quants of the move's source location and its
        children, oldest first (Odoo's default removal), one move line per
        move and location, the quants' reserved quantity raised, then the
        moves' state written through the ORM (which recomputes the
        deliveries). Anything else goes through Odoo's reservation one move
        at a time (`_reserve`). :return: {backorder: quantity reserved}
        """
        result = {}
        bulk = {}
        # read what the loop needs for all moves at once (prefetching)
        all_moves = self.browse([b.id for b in quantities]).mapped("line_id.move_ids")
        all_moves.mapped("picking_code")
        all_moves.mapped("reserved_availability")
        for backorder, quantity in quantities.items():
            product = backorder.product_id
            moves = backorder.line_id.move_ids.filtered(
                lambda m: m.state in ("confirmed", "waiting", "partially_available")
                and m.picking_code == "outgoing")
            simple = product.tracking == "none" and moves and all(
                m.product_uom == product.uom_id and not m.restrict_partner_id
                for m in moves)
            if simple:
                bulk[backorder] = (moves, quantity)
            else:
                result[backorder] = backorder._reserve(quantity)
        if not bulk:
            return result
        cr = self.env.cr
        locations = {}
        for moves, _quantity in bulk.values():
            for move in moves:
                locations.setdefault(move.location_id.id, move.location_id)
        children = {}
        for location_id, location in locations.items():
            children[location_id] = self.env["stock.location"].search(
                [("id", "child_of", location_id), ("usage", "=", "internal")]).ids
        product_ids = list({b.product_id.id for b in bulk})
        all_locations = list({loc for ids in children.values() for loc in ids})
        cr.execute("""
            SELECT id, product_id, location_id, quantity - reserved_quantity
              FROM stock_quant
             WHERE product_id IN %s AND location_id IN %s
               AND lot_id IS NULL AND package_id IS NULL AND owner_id IS NULL
               AND quantity > reserved_quantity
             ORDER BY in_date, id
               FOR UPDATE""", (tuple(product_ids), tuple(all_locations)))
        quants = defaultdict(list)
        for quant_id, product_id, location_id, free in cr.fetchall():
            quants[product_id].append([quant_id, location_id, free])
        now = fields.Datetime.now()
        quant_taken = defaultdict(float)
        line_rows = []
        move_state = {}
        for backorder, (moves, quantity) in bulk.items():
            got_total = 0.0
            for move in moves:
                rounding = move.product_uom.rounding
                need = min(move.product_uom_qty - move.reserved_availability,
                           quantity - got_total)
                if float_compare(need, 0, precision_rounding=rounding) <= 0:
                    continue
                where = set(children[move.location_id.id])
                per_location = defaultdict(float)
                for quant in quants[move.product_id.id]:
                    if quant[1] not in where or quant[2] <= 0:
                        continue
                    take = min(quant[2], need)
                    quant[2] -= take
                    need -= take
                    quant_taken[quant[0]] += take
                    per_location[quant[1]] += take
                    if float_compare(need, 0, precision_rounding=rounding) <= 0:
                        break
                got = sum(per_location.values())
                if not got:
                    continue
                got_total += got
                for location_id, take in per_location.items():
                    line_rows.append((move, location_id, take))
                full = float_compare(move.reserved_availability + got, move.product_uom_qty,
                                     precision_rounding=rounding) >= 0
                move_state[move] = "assigned" if full else "partially_available"
            result[backorder] = got_total
        for quant_id, take in quant_taken.items():
            cr.execute("UPDATE stock_quant SET reserved_quantity = reserved_quantity + %s "
                       "WHERE id = %s", (take, quant_id))
        uid = self.env.uid
        execute_values(cr._obj, """
            INSERT INTO stock_move_line (move_id, picking_id, product_id, product_uom_id,
                product_uom_qty, product_qty, ordered_qty, qty_done, location_id,
                location_dest_id, state, reference, date, create_uid, create_date,
                write_uid, write_date) VALUES %s""", [
            (move.id, move.picking_id.id or None, move.product_id.id, move.product_uom.id,
             take, take, take, 0, location_id, move.location_dest_id.id, move_state[move],
             move.reference or move.name, now, uid, now, uid, now)
            for move, location_id, take in line_rows], page_size=1000)
        self.env["stock.quant"].invalidate_cache(["reserved_quantity"])
        self.env["stock.move"].invalidate_cache(["move_line_ids"])
        by_state = defaultdict(list)
        for move, state in move_state.items():
            by_state[state].append(move.id)
        Move = self.env["stock.move"].with_context(tracking_disable=True, mail_notrack=True)
        for state, ids in by_state.items():
            Move.browse(ids).write({"state": state})
        # move lines carry the state of their move (a stored related field)
        self.env["stock.move.line"].invalidate_cache()
        return result

    def _reserve(self, quantity):
        """Reserve `quantity` on this backorder's delivery move; return what was taken."""
        self.ensure_one()
        moves = self.line_id.move_ids.filtered(
            lambda m: m.state in ("confirmed", "waiting", "partially_available")
            and m.picking_code == "outgoing")
        taken = 0.0
        for move in moves:
            missing = move.product_uom._compute_quantity(
                move.product_uom_qty - move.reserved_availability, move.product_id.uom_id)
            need = min(missing, quantity - taken)
            if need <= 0:
                continue
            available = self.env["stock.quant"]._get_available_quantity(
                move.product_id, move.location_id)
            if available <= 0:
                continue
            got = move._update_reserved_quantity(need, min(need, available), move.location_id,
                                                 strict=False)
            taken += got
            full = float_compare(move.reserved_availability, move.product_uom_qty,
                                 precision_rounding=move.product_uom.rounding) >= 0
            move.write({"state": "assigned" if full else "partially_available"})
        return taken

    # ------------------------------------------------------------------
    # Supplier
    # ------------------------------------------------------------------
    @api.multi
    def action_notify_supplier(self):
        """Ask the main vendor for the missing quantities (creates or tops up an RFQ)."""
        self._ecom_require_groups(_("Notifying suppliers"), CS, PURCHASE, MANAGER)
        todo = self.filtered(lambda b: b.state in ("open", "partial") and not b.purchase_line_id)
        demand = defaultdict(float)
        for backorder in todo:
            demand[(backorder.product_id, backorder.company_id)] += \
                backorder.quantity - backorder.quantity_allocated
        lines = self._ecom_request_supply(demand, origin=", ".join(todo.mapped("name")))
        for backorder in todo:
            backorder.purchase_line_id = lines[(backorder.product_id, backorder.company_id)]
        return True

    @api.model
    def _ecom_request_supply(self, demand, origin, vendor=None, urgent=False):
        """Create or top up draft RFQs: {(product, company): quantity}.

        One draft RFQ per vendor and company is reused (its line for the
        product is increased) unless `urgent`, which always opens a new one.
        :return: {(product, company): purchase.order.line}
        """
        PurchaseOrder = self.env["purchase.order"].sudo()
        result = {}
        orders = {}
        for (product, company), quantity in demand.items():
            if quantity <= 0:
                continue
            partner = vendor or product.seller_ids.filtered(
                lambda s: not s.company_id or s.company_id == company)[:1].name
            if not partner:
                raise UserError(_("Product %s has no vendor: set one on the product's "
                                  "purchase tab first.") % product.display_name)
            key = (partner.id, company.id)
            order = orders.get(key)
            if not order and not urgent:
                order = PurchaseOrder.search([
                    ("partner_id", "=", partner.id), ("company_id", "=", company.id),
                    ("state", "=", "draft"), ("ecom_urgent", "=", False)],
                    order="id desc", limit=1)
            if not order:
                order = PurchaseOrder.create({
                    "partner_id": partner.id, "company_id": company.id,
                    "ecom_urgent": urgent, "origin": origin})
            orders[key] = order
            line = order.order_line.filtered(lambda l: l.product_id == product)[:1]
            if line:
                line.product_qty += product.uom_id._compute_quantity(quantity,
                                                                     line.product_uom)
            else:
                line = self.env["purchase.order.line"].sudo().create(
                    self._ecom_purchase_line_values(order, product, quantity, partner))
            result[(product, company)] = line
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
        self._ecom_require_groups(_("Cancelling backorders"), CS, MANAGER)
        self.write({"closed": "cancel"})
        return True
